/**
 * The rules `evaluatePolicy` applies, in the order their findings are listed.
 *
 * @public
 */
export const POLICY_RULES = [
  'allowed-registries',
  'imports',
  'min-maturity',
  'required-gates',
  'deprecation',
  'deprecated-import',
] as const;

/**
 * One rule `evaluatePolicy` applies (see {@link POLICY_RULES}).
 *
 * @public
 */
export type PolicyRule = (typeof POLICY_RULES)[number];

/**
 * The one name the portal shows for each policy rule.
 *
 * @public
 */
export const POLICY_RULE_LABELS: Readonly<Record<PolicyRule, string>> = {
  'allowed-registries': 'Allowed registries',
  imports: 'Imports',
  'min-maturity': 'Minimum maturity',
  'required-gates': 'Required gates',
  deprecation: 'Deprecation',
  'deprecated-import': 'Deprecated imports',
};
