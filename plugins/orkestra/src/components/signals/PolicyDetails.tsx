import { Flex, Text } from '@backstage/ui';
import {
  PolicyReason,
  PolicyResult,
} from '@orkspace/backstage-plugin-orkestra-common';
import { PolicyStatusChip } from './PolicyStatusChip';

const RULES: Record<PolicyReason['rule'], string> = {
  'allowed-registries': 'Allowed registries',
  imports: 'Imports',
  'min-maturity': 'Minimum maturity',
  'required-gates': 'Required gates',
  deprecation: 'Deprecation',
};

/** A policy result: its status and every reason that is not a plain pass. */
export const PolicyDetails = ({ policy }: { policy: PolicyResult }) => (
  <Flex direction="column" gap="2">
    <div>
      <PolicyStatusChip status={policy.status} />
    </div>
    {policy.reasons.length === 0 ? (
      <Text as="p" variant="body-medium" color="secondary">
        Every policy rule passes.
      </Text>
    ) : (
      <ul
        aria-label="Policy reasons"
        style={{ margin: 0, paddingLeft: '1.25em' }}
      >
        {policy.reasons.map(reason => (
          <li key={`${reason.rule}:${reason.message}`}>
            <Text as="span" variant="body-medium">
              <PolicyStatusChip status={reason.status} />{' '}
              <strong>{RULES[reason.rule] ?? reason.rule}</strong>:{' '}
              {reason.message}
            </Text>
          </li>
        ))}
      </ul>
    )}
  </Flex>
);
