import { referenceProblem } from './allowedRegistries';
import {
  deprecatedImportMessage,
  deprecationMessage,
} from './deprecationMessage';
import { deprecationState } from './deprecationState';
import { maturityProblem } from './maturity';
import { applicableGates, gateProblem } from './requiredGates';
import type {
  PolicyConfig,
  PolicyInput,
  PolicyReason,
  PolicyResult,
} from './types';
import { worstPolicyStatus } from './worstPolicyStatus';

/**
 * Evaluates the portal policy for one pattern version at `now`.
 *
 * Rules, in the order their reasons are listed (only `warn`/`fail` findings
 * are listed):
 *
 * - `allowed-registries`: the reference is not allowed by
 *   {@link isAllowedReference} → fail.
 * - `imports`: each distinct import that is not allowed → fail, naming it.
 * - `min-maturity`: maturity below `minMaturity`, or not declared / unknown
 *   while a minimum is configured → fail. Not applied to Motifs: `motif.yaml`
 *   has no `lifecycle` block (spec §3.1), so a Motif cannot declare one.
 * - `required-gates`: each required gate whose state is not `passed` → fail,
 *   naming the state. Motifs have no gates, so none apply to them; `e2e` is
 *   only required of Katalogs; `simulate` applies to every kind except Motif.
 * - `deprecation` (see {@link deprecationState}): `announced` and `deprecated`
 *   → warn; `end-of-life` → fail with `warn-then-fail` (the default), warn
 *   with `warn`.
 * - `deprecated-import`: each distinct import in `importedDeprecations`
 *   whose version is deprecated at `now`, judged as `deprecation` judges the
 *   version itself (warn, or fail at end of life with `warn-then-fail`),
 *   naming the import, its phase, its end-of-life day and its successor.
 *
 * The result status is the worst reason status (`fail` \> `warn` \> `pass`).
 *
 * @throws TypeError when `now` is not a valid date.
 *
 * @public
 */
export function evaluatePolicy(
  input: PolicyInput,
  policy: PolicyConfig,
  now: Date,
): PolicyResult {
  const reasons: PolicyReason[] = [];
  const allowed = policy.allowedRegistries;

  const refProblem = referenceProblem(input.reference, allowed);
  if (refProblem) {
    reasons.push({
      rule: 'allowed-registries',
      status: 'fail',
      message: `Reference ${input.reference} ${refProblem}`,
    });
  }

  for (const imported of new Set(input.imports ?? [])) {
    const problem = referenceProblem(imported, allowed);
    if (problem) {
      reasons.push({
        rule: 'imports',
        status: 'fail',
        message: `Import ${imported} ${problem}`,
      });
    }
  }

  const matProblem =
    input.signals.kind === 'Motif'
      ? undefined
      : maturityProblem(input.maturity, policy.minMaturity);
  if (matProblem) {
    reasons.push({
      rule: 'min-maturity',
      status: 'fail',
      message: `${matProblem.charAt(0).toUpperCase()}${matProblem.slice(1)}`,
    });
  }

  for (const gate of applicableGates(
    policy.requiredGates,
    input.signals.kind,
  )) {
    const problem = gateProblem(gate, input.signals[gate]);
    if (problem) {
      reasons.push({
        rule: 'required-gates',
        status: 'fail',
        message: problem,
      });
    }
  }

  const failAtEndOfLife = policy.deprecation !== 'warn';
  const deprecation = input.signals.deprecation;
  const lifecycle = deprecationState(deprecation, now);
  if (deprecation && lifecycle.state !== 'none') {
    reasons.push({
      rule: 'deprecation',
      status:
        lifecycle.state === 'end-of-life' && failAtEndOfLife ? 'fail' : 'warn',
      message: deprecationMessage(deprecation, lifecycle),
    });
  }

  const seenImports = new Set<string>();
  for (const imported of input.importedDeprecations ?? []) {
    if (seenImports.has(imported.reference)) continue;
    seenImports.add(imported.reference);
    const state = deprecationState(imported.deprecation, now);
    if (state.state === 'none') continue;
    reasons.push({
      rule: 'deprecated-import',
      status:
        state.state === 'end-of-life' && failAtEndOfLife ? 'fail' : 'warn',
      message: deprecatedImportMessage(
        imported.reference,
        imported.deprecation,
        state,
      ),
    });
  }

  return {
    status: worstPolicyStatus(reasons.map(reason => reason.status)),
    reasons,
  };
}
