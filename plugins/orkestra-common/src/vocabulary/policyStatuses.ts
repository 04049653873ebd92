/**
 * Outcomes of a policy rule or of a whole evaluation, best first: `fail` is
 * the worst.
 *
 * @public
 */
export const POLICY_STATUSES = ['pass', 'warn', 'fail'] as const;

/**
 * Outcome of a policy rule or of a whole evaluation (see {@link POLICY_STATUSES}).
 *
 * @public
 */
export type PolicyStatus = (typeof POLICY_STATUSES)[number];

/**
 * The one word the portal shows for each policy status.
 *
 * @public
 */
export const POLICY_STATUS_LABELS: Readonly<Record<PolicyStatus, string>> = {
  pass: 'Pass',
  warn: 'Warn',
  fail: 'Fail',
};
