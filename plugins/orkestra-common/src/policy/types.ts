import type { Deprecation, PatternSignals } from '../signals';
import type { PolicyRule, PolicyStatus } from '../vocabulary';

/**
 * One finding of a policy evaluation.
 *
 * @public
 */
export interface PolicyReason {
  /** The rule that produced this finding. */
  rule: PolicyRule;
  /** How serious the finding is. */
  status: PolicyStatus;
  /** Human-readable explanation, shown as is in the portal. */
  message: string;
}

/**
 * Result of {@link evaluatePolicy}.
 *
 * @public
 */
export interface PolicyResult {
  /** The worst status among `reasons`; `pass` when there are none. */
  status: PolicyStatus;
  /** Findings that are not a plain pass, in rule order. */
  reasons: PolicyReason[];
}

/**
 * Maturity levels a policy can require, lowest first.
 *
 * @public
 */
export type MaturityLevel = 'alpha' | 'beta' | 'stable';

/**
 * Publishing gates a policy can require.
 *
 * @public
 */
export type PolicyGate = 'simulate' | 'e2e';

/**
 * How deprecated patterns are handled: `warn-then-fail` (default) warns until
 * end of life and fails from then on; `warn` only ever warns.
 *
 * @public
 */
export type DeprecationHandling = 'warn' | 'warn-then-fail';

/**
 * The `orkestra.policy` app-config block (see `orkestra-backend/config.d.ts`).
 *
 * @public
 */
export interface PolicyConfig {
  /**
   * Reference prefixes patterns may come from, matched on path-segment
   * boundaries. Absent or empty: every reference is allowed.
   */
  allowedRegistries?: string[];
  /** The lowest maturity a pattern may have without a policy failure. */
  minMaturity?: MaturityLevel;
  /** Gates that must have `passed`. Never applied to Motifs; `e2e` only to Katalogs. */
  requiredGates?: PolicyGate[];
  /** Deprecation handling; defaults to `warn-then-fail`. */
  deprecation?: DeprecationHandling;
}

/**
 * What {@link evaluatePolicy} looks at for one pattern version.
 *
 * @public
 */
export interface PolicyInput {
  /** The version's fully-qualified reference, e.g. `ghcr.io/acme/katalogs/postgres:v1.2.0`. */
  reference: string;
  /** Signals decoded from the version's manifest annotations. */
  signals: PatternSignals;
  /** `lifecycle.maturity` from the primary file, when known. */
  maturity?: string;
  /**
   * Fully-qualified OCI references this version imports (Motifs, Katalogs).
   * Resolve short names first (e.g. with `parseImportReference` and
   * `formatReference`); git and file imports are not registry references and
   * should not be passed.
   */
  imports?: string[];
  /**
   * The deprecations of the known versions this version imports: each
   * import's reference as the pattern file names it, with the imported
   * version's deprecation. Imports of versions that are not deprecated are
   * left out.
   */
  importedDeprecations?: ImportedDeprecation[];
}

/**
 * An imported version that is deprecated (see {@link PolicyInput}).
 *
 * @public
 */
export interface ImportedDeprecation {
  /** The import, e.g. `ghcr.io/acme/motifs/web:v1.0.0`. */
  reference: string;
  /** The imported version's deprecation. */
  deprecation: Deprecation;
}
