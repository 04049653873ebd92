import { POLICY_STATUSES, PolicyStatus } from '../vocabulary';

/**
 * The worse of the given statuses (`fail` \> `warn` \> `pass`); `pass` when none.
 *
 * @public
 */
export function worstPolicyStatus(
  statuses: Iterable<PolicyStatus>,
): PolicyStatus {
  let worst: PolicyStatus = 'pass';
  for (const status of statuses) {
    if (rank(status) > rank(worst)) {
      worst = status;
    }
  }
  return worst;
}

/** `POLICY_STATUSES` lists the statuses best first. */
function rank(status: PolicyStatus): number {
  return POLICY_STATUSES.indexOf(status);
}
