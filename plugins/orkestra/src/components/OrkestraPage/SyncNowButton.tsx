import { useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { Button, Flex, Text } from '@backstage/ui';
import {
  describeResponseError,
  isResponseError,
  orkestraPatternResyncPermission,
  SyncRun,
} from '@orkspace/backstage-plugin-orkestra-common';
import { orkestraApiRef } from '../../api';

/** Why "Sync now" failed, in words, with the server's own message. */
export function describeSyncNowError(error: Error): string {
  const detail = describeResponseError(error);
  if (isResponseError(error) && error.statusCode === 429) {
    return `Synced too often: wait a minute and try again. (${detail})`;
  }
  if (isResponseError(error) && error.statusCode === 403) {
    return `You are not allowed to sync this source. (${detail})`;
  }
  return `Could not start the sync. (${detail})`;
}

/** Props of {@link SyncNowButton}. */
export interface SyncNowButtonProps {
  sourceId: string;
  /** Called with the run once the backend accepted it. */
  onAccepted: (run: SyncRun) => void;
}

/**
 * "Sync now" for one source, shown only to users with the resync permission
 * (the backend checks it again).
 */
export const SyncNowButton = ({ sourceId, onAccepted }: SyncNowButtonProps) => {
  const orkestraApi = useApi(orkestraApiRef);
  const { allowed } = usePermission({
    permission: orkestraPatternResyncPermission,
  });
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<Error>();
  if (!allowed) return null;

  const sync = async () => {
    setPending(true);
    setError(undefined);
    try {
      onAccepted(await orkestraApi.syncSource(sourceId));
    } catch (e) {
      setError(e as Error);
    } finally {
      setPending(false);
    }
  };

  return (
    <Flex direction="column" gap="1" align="start">
      <Button
        variant="secondary"
        size="small"
        isDisabled={pending}
        onPress={sync}
        aria-label={`Sync now: ${sourceId}`}
      >
        {pending ? 'Syncing…' : 'Sync now'}
      </Button>
      {error && (
        <Text as="p" variant="body-small" color="danger" role="alert">
          {describeSyncNowError(error)}
        </Text>
      )}
    </Flex>
  );
};
