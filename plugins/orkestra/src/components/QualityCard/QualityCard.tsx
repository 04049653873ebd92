import { useApi } from '@backstage/frontend-plugin-api';
import { Flex, Text } from '@backstage/ui';
import {
  DEPRECATION_PHASE_LABELS,
  describeGate,
  GateSignal,
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
import { useDeprecationShownAbove } from '../signals/DeprecationBanner';

const PHASE_COLORS = {
  none: 'secondary',
  announced: 'info',
  deprecated: 'warning',
  'end-of-life': 'danger',
} as const;

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

/**
 * A gate's chip, with its detail (assertions, duration, age) beside it as
 * text that wraps, so a narrow card never cuts it.
 */
const Gate = (props: {
  gate: string;
  signal: GateSignal;
  /** A Motif: it has no gates. */
  notApplicable: boolean;
}) => {
  const { gate, signal, notApplicable } = props;
  const { detail } = describeGate(signal);
  return (
    <Flex gap="2" align="center" style={{ flexWrap: 'wrap' }}>
      <GateBadge
        gate={gate}
        signal={signal}
        compact
        notApplicable={notApplicable}
      />
      {detail && (
        <Text as="span" variant="body-small" color="secondary" aria-hidden>
          {detail}
        </Text>
      )}
    </Flex>
  );
};

const LatestQuality = ({
  pattern,
  version,
}: {
  pattern: PatternSummary;
  version?: PatternVersion;
}) => {
  const headline = pattern.latest;
  const shownAbove = useDeprecationShownAbove();
  if (!headline) {
    return <NoVersionYet />;
  }
  const phase = version?.deprecationState ?? headline.deprecationState;
  return (
    <Flex direction="column" gap="2">
      <Text as="p" variant="body-medium">
        Latest version <strong>{headline.version}</strong>
      </Text>
      <Gate
        gate="Simulate"
        signal={version?.signals.simulate ?? gateFromState(headline.simulate)}
        notApplicable={pattern.kind === 'Motif'}
      />
      <Gate
        gate="e2e"
        signal={version?.signals.e2e ?? gateFromState(headline.e2e)}
        notApplicable={pattern.kind === 'Motif'}
      />
      {phase === 'none' || shownAbove ? (
        // Below the page's banner, the phase alone: the banner has the rest.
        <Text
          as="p"
          variant="body-medium"
          color={PHASE_COLORS[phase]}
          weight={phase === 'none' ? 'regular' : 'bold'}
        >
          {DEPRECATION_PHASE_LABELS[phase]}
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
