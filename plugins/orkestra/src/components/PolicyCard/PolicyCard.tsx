import { useApi } from '@backstage/frontend-plugin-api';
import { Flex, Text } from '@backstage/ui';
import useAsync from 'react-use/esm/useAsync';
import { orkestraApiRef } from '../../api';
import {
  Loaded,
  NoVersionYet,
  PatternEntityCard,
  PolicyDetails,
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

const PolicyBody = ({ patternId }: { patternId: string }) => (
  <Loaded
    state={useLatestPolicy(patternId)}
    errorTitle="Could not load the policy status"
  >
    {({ version, policy }) =>
      version && policy ? (
        // Long references in the reasons wrap anywhere rather than overflow.
        <Flex direction="column" gap="2" style={{ overflowWrap: 'anywhere' }}>
          <Text as="p" variant="body-medium">
            Latest version <strong>{version}</strong>
          </Text>
          <PolicyDetails policy={policy} />
        </Flex>
      ) : (
        <NoVersionYet />
      )
    }
  </Loaded>
);

/** Card: the policy status of the latest version, with the reasons. */
export const PolicyCard = () => (
  <PatternEntityCard title="Pattern policy">
    {patternId => <PolicyBody patternId={patternId} />}
  </PatternEntityCard>
);
