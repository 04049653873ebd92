import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Card, CardBody, CardHeader, Flex, Text } from '@backstage/ui';
import useAsync from 'react-use/esm/useAsync';
import { orkestraApiRef } from '../../api';
import {
  LoadError,
  MissingPatternId,
  PolicyDetails,
  usePatternId,
} from '../signals';

function useLatestPolicy(patternId: string) {
  const orkestraApi = useApi(orkestraApiRef);
  return useAsync(async () => {
    const pattern = await orkestraApi.getPattern(patternId);
    const version = pattern.latest?.version;
    const policy = version
      ? await orkestraApi.getPolicy(patternId, version)
      : undefined;
    return { version, policy };
  }, [orkestraApi, patternId]);
}

const PolicyBody = ({ patternId }: { patternId: string }) => {
  const { loading, error, value } = useLatestPolicy(patternId);
  if (loading) {
    return <Progress />;
  }
  if (error || !value) {
    return (
      <LoadError
        title="Could not load the policy status"
        error={error ?? new Error('No answer')}
      />
    );
  }
  if (!value.version || !value.policy) {
    return (
      <Text as="p" variant="body-medium" color="secondary">
        No version published yet.
      </Text>
    );
  }
  return (
    <Flex direction="column" gap="2">
      <Text as="p" variant="body-medium">
        Latest version <strong>{value.version}</strong>
      </Text>
      <PolicyDetails policy={value.policy} />
    </Flex>
  );
};

/** Card: the policy status of the latest version, with the reasons. */
export const PolicyCard = () => {
  const patternId = usePatternId();
  return (
    <Card>
      <CardHeader>
        <Text as="h3" variant="title-small">
          Pattern policy
        </Text>
      </CardHeader>
      <CardBody>
        {patternId ? (
          <PolicyBody patternId={patternId} />
        ) : (
          <MissingPatternId />
        )}
      </CardBody>
    </Card>
  );
};
