import { Flex, Text } from '@backstage/ui';
import {
  POLICY_RULE_LABELS,
  PolicyResult,
} from '@orkspace/backstage-plugin-orkestra-common';
import { PolicyStatusChip } from './PolicyStatusChip';

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
              <strong>{POLICY_RULE_LABELS[reason.rule] ?? reason.rule}</strong>:{' '}
              {reason.message}
            </Text>
          </li>
        ))}
      </ul>
    )}
  </Flex>
);
