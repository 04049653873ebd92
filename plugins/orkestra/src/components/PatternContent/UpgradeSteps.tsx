import { Flex, Text } from '@backstage/ui';
import {
  DEPRECATION_PHASE_LABELS,
  UpgradePath,
  UpgradeStep,
} from '@orkspace/backstage-plugin-orkestra-common';
import {
  formatDay,
  GateBadge,
  gateFromState,
  PolicyStatusChip,
} from '../signals';
import { describeCrdChange } from './crdChange';

const Step = ({ step, latest }: { step: UpgradeStep; latest?: string }) => {
  const phase = step.headline.deprecationState;
  return (
    <li aria-label={step.version} style={{ marginBottom: '0.75em' }}>
      <Flex direction="column" gap="1">
        <Text as="span" variant="body-medium">
          <strong>{step.version}</strong>
          {step.version === latest ? ' (latest)' : ''} · created{' '}
          {formatDay(step.created)}
          {phase === 'none' ? '' : ` · ${DEPRECATION_PHASE_LABELS[phase]}`}
        </Text>
        <Flex gap="2" align="center" style={{ flexWrap: 'wrap' }}>
          <GateBadge
            gate="Simulate"
            signal={gateFromState(step.headline.simulate)}
            compact
          />
          <GateBadge
            gate="e2e"
            signal={gateFromState(step.headline.e2e)}
            compact
          />
          <PolicyStatusChip status={step.headline.policyStatus} />
        </Flex>
        {step.crdChanges.length === 0 ? (
          <Text as="span" variant="body-small" color="secondary">
            No CRD changes
          </Text>
        ) : (
          <ul aria-label={`CRD changes in ${step.version}`}>
            {step.crdChanges.map(change => {
              const text = describeCrdChange(change);
              return (
                <li key={text}>
                  <Text as="span" variant="body-small">
                    {text}
                  </Text>
                </li>
              );
            })}
          </ul>
        )}
      </Flex>
    </li>
  );
};

/** The newer versions from a version on, oldest first, and where a deprecation points. */
export const UpgradeSteps = ({ path }: { path: UpgradePath }) => (
  <Flex direction="column" gap="2">
    {path.migratedTo && (
      <Text as="p" variant="body-medium" color="warning">
        {path.from.version} is deprecated: migrate to{' '}
        <code>{path.migratedTo}</code>
      </Text>
    )}
    {path.steps.length === 0 ? (
      <Text as="p" variant="body-medium">
        {path.from.version} is the latest version.
      </Text>
    ) : (
      <ol
        aria-label={`Upgrade path from ${path.from.version}`}
        style={{ margin: 0, paddingLeft: '1.5em' }}
      >
        {path.steps.map(step => (
          <Step key={step.digest} step={step} latest={path.latest} />
        ))}
      </ol>
    )}
  </Flex>
);
