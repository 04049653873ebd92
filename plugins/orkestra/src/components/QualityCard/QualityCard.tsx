import { useApi } from '@backstage/frontend-plugin-api';
import { Flex, Text } from '@backstage/ui';
import {
  DEPRECATION_PHASE_LABELS,
  PatternSummary,
  PatternVersion,
} from '@orkspace/backstage-plugin-orkestra-common';
import useAsync from 'react-use/esm/useAsync';
import { orkestraApiRef } from '../../api';
import {
  DeprecationBanner,
  GateBadge,
  gateFromState,
  Loaded,
  NoVersionYet,
  PatternEntityCard,
} from '../signals';

function useLatest(patternId: string) {
  const orkestraApi = useApi(orkestraApiRef);
  return useAsync(async () => {
    const pattern = await orkestraApi.getPattern(patternId);
    const version = pattern.latest
      ? await orkestraApi.getVersion(patternId, pattern.latest.version)
      : undefined;
    return { pattern, version };
  }, [orkestraApi, patternId]);
}

const LatestQuality = ({
  pattern,
  version,
}: {
  pattern: PatternSummary;
  version?: PatternVersion;
}) => {
  const headline = pattern.latest;
  if (!headline) {
    return <NoVersionYet />;
  }
  const phase = version?.deprecationState ?? headline.deprecationState;
  return (
    <Flex direction="column" gap="2">
      <Text as="p" variant="body-medium">
        Latest version <strong>{headline.version}</strong>
      </Text>
      <Flex gap="2" align="center" style={{ flexWrap: 'wrap' }}>
        <GateBadge
          gate="Simulate"
          signal={version?.signals.simulate ?? gateFromState(headline.simulate)}
        />
        <GateBadge
          gate="e2e"
          signal={version?.signals.e2e ?? gateFromState(headline.e2e)}
        />
      </Flex>
      {phase === 'none' ? (
        <Text as="p" variant="body-medium" color="secondary">
          {DEPRECATION_PHASE_LABELS.none}
        </Text>
      ) : (
        <DeprecationBanner
          deprecation={version?.signals.deprecation}
          phase={phase}
          version={headline.version}
        />
      )}
    </Flex>
  );
};

const QualityBody = ({ patternId }: { patternId: string }) => (
  <Loaded
    state={useLatest(patternId)}
    errorTitle="Could not load the quality signals"
  >
    {value => <LatestQuality {...value} />}
  </Loaded>
);

/** Overview card: the latest version, its gates and its deprecation state. */
export const QualityCard = () => (
  <PatternEntityCard title="Pattern quality">
    {patternId => <QualityBody patternId={patternId} />}
  </PatternEntityCard>
);
