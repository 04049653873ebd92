import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Card, CardBody, CardHeader, Flex, Text } from '@backstage/ui';
import useAsync from 'react-use/esm/useAsync';
import { orkestraApiRef } from '../../api';
import {
  DEPRECATION_LABELS,
  DeprecationBanner,
  GateBadge,
  gateFromState,
  LoadError,
  MissingPatternId,
  usePatternId,
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

const QualityBody = ({ patternId }: { patternId: string }) => {
  const { loading, error, value } = useLatest(patternId);
  if (loading) {
    return <Progress />;
  }
  if (error || !value) {
    return (
      <LoadError
        title="Could not load the quality signals"
        error={error ?? new Error('No answer')}
      />
    );
  }
  const { pattern, version } = value;
  const headline = pattern.latest;
  if (!headline) {
    return (
      <Text as="p" variant="body-medium" color="secondary">
        No version published yet.
      </Text>
    );
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
          {DEPRECATION_LABELS.none}
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

/** Overview card: the latest version, its gates and its deprecation state. */
export const QualityCard = () => {
  const patternId = usePatternId();
  return (
    <Card>
      <CardHeader>
        <Text as="h3" variant="title-small">
          Pattern quality
        </Text>
      </CardHeader>
      <CardBody>
        {patternId ? (
          <QualityBody patternId={patternId} />
        ) : (
          <MissingPatternId />
        )}
      </CardBody>
    </Card>
  );
};
