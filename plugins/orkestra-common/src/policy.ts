/**
 * Portal-level policy evaluation for pattern versions.
 *
 * Pure functions, no I/O and no Node-only APIs: shared by the backend (which
 * serves the policy status and enforces it when publishing) and the browser
 * bundle (which shows it). See `architecture.md` "Policy" and
 * `orkestra-registry.md` §8 and §9.
 */

import {
  InvalidReferenceError,
  parseReference,
  registryMatchesPrefix,
} from './reference';
import type {
  Deprecation,
  GateSignal,
  GateState,
  PatternSignals,
} from './signals';

/**
 * Outcome of a policy rule or of a whole evaluation; `fail` is the worst.
 *
 * @public
 */
export type PolicyStatus = 'pass' | 'warn' | 'fail';

/**
 * The rules {@link evaluatePolicy} applies.
 *
 * @public
 */
export type PolicyRule =
  | 'allowed-registries'
  | 'min-maturity'
  | 'required-gates'
  | 'deprecation'
  | 'imports';

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
}

const STATUS_RANK: Record<PolicyStatus, number> = {
  pass: 0,
  warn: 1,
  fail: 2,
};

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
    if (STATUS_RANK[status] > STATUS_RANK[worst]) {
      worst = status;
    }
  }
  return worst;
}

function hasAllowList(
  allowedRegistries: string[] | undefined,
): allowedRegistries is string[] {
  return Array.isArray(allowedRegistries) && allowedRegistries.length > 0;
}

/**
 * Whether `ref` may be used under `allowedRegistries`.
 *
 * An absent or empty list means the policy is not configured: everything is
 * allowed. Otherwise `ref` is parsed with `parseReference` (an unparsable
 * reference is not allowed) and must match at least one prefix with
 * `registryMatchesPrefix`, on a path-segment boundary: `ghcr.io/acme/` allows
 * `ghcr.io/acme/x` but not `ghcr.io/acme-evil/x`; a host-only prefix such as
 * `ghcr.io` allows everything on that host. Blank prefixes match nothing.
 *
 * @public
 */
export function isAllowedReference(
  ref: string,
  allowedRegistries: string[] | undefined,
): boolean {
  return referenceProblem(ref, allowedRegistries) === undefined;
}

/** Why `ref` is not allowed, or `undefined` when it is. */
function referenceProblem(
  ref: string,
  allowedRegistries: string[] | undefined,
): string | undefined {
  if (!hasAllowList(allowedRegistries)) {
    return undefined;
  }
  let parsed;
  try {
    parsed = parseReference(ref);
  } catch (error) {
    if (error instanceof InvalidReferenceError) {
      return `is not a valid reference (${error.reason})`;
    }
    throw error;
  }
  if (allowedRegistries.some(prefix => registryMatchesPrefix(parsed, prefix))) {
    return undefined;
  }
  return `is not in an allowed registry (allowed: ${allowedRegistries.join(
    ', ',
  )})`;
}

/**
 * Where a deprecated pattern is in its lifecycle:
 * `none` (not deprecated), `announced` (before `timeline.from`),
 * `deprecated` (from `timeline.from` until the day before `timeline.to`, or no
 * timeline), `end-of-life` (on or after `timeline.to`).
 *
 * @public
 */
export type DeprecationPhase =
  | 'none'
  | 'announced'
  | 'deprecated'
  | 'end-of-life';

/**
 * Result of {@link deprecationState}.
 *
 * @public
 */
export interface DeprecationTimelineState {
  state: DeprecationPhase;
  /**
   * Whole days (rounded up) from `now` to the start (00:00 UTC) of the end of
   * life day. Set for `announced` and `deprecated` when `timelineTo` is valid;
   * always at least 1.
   */
  daysToEndOfLife?: number;
  /** `timelineTo` (`YYYY-MM-DD`) when it is a valid date. */
  endOfLife?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Start of a `YYYY-MM-DD` day in UTC (ms), or `undefined` when malformed. */
function parseDay(value: string | undefined): number | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const match = DATE_RE.exec(value.trim());
  if (!match) {
    return undefined;
  }
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day
  ) {
    return undefined;
  }
  return ms;
}

/**
 * Computes the lifecycle state of a deprecation at `now`.
 *
 * - No deprecation block: `none`.
 * - Dates are `YYYY-MM-DD` days in UTC; malformed dates are treated as absent.
 * - On or after `timelineTo` (the whole `to` day counts as end of life):
 *   `end-of-life`. This wins over `timelineFrom` when the timeline is
 *   inconsistent.
 * - Before `timelineFrom`: `announced`.
 * - Otherwise (including a block without a timeline): `deprecated`.
 *
 * @throws TypeError when `now` is not a valid date.
 *
 * @public
 */
export function deprecationState(
  deprecation: Deprecation | undefined,
  now: Date,
): DeprecationTimelineState {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new TypeError('now must be a valid Date');
  }
  if (!deprecation) {
    return { state: 'none' };
  }
  const nowMs = now.getTime();
  const from = parseDay(deprecation.timelineFrom);
  const to = parseDay(deprecation.timelineTo);
  const result: DeprecationTimelineState = { state: 'deprecated' };
  if (to !== undefined) {
    result.endOfLife = deprecation.timelineTo!.trim();
    if (nowMs >= to) {
      result.state = 'end-of-life';
      return result;
    }
    result.daysToEndOfLife = Math.ceil((to - nowMs) / DAY_MS);
  }
  if (from !== undefined && nowMs < from) {
    result.state = 'announced';
  }
  return result;
}

const MATURITY_RANK: Record<string, number> = {
  deprecated: 0,
  alpha: 1,
  beta: 2,
  stable: 3,
};

/**
 * Orders maturities: `deprecated` (0) \< `alpha` (1) \< `beta` (2) \<
 * `stable` (3). Case and surrounding whitespace are ignored. Returns
 * `undefined` for an absent or unknown maturity.
 *
 * @public
 */
export function maturityRank(maturity: string | undefined): number | undefined {
  if (typeof maturity !== 'string') {
    return undefined;
  }
  const key = maturity.trim().toLowerCase();
  return Object.prototype.hasOwnProperty.call(MATURITY_RANK, key)
    ? MATURITY_RANK[key]
    : undefined;
}

/**
 * Whether `maturity` is at least `min`. No minimum: always true. With a
 * minimum, an absent or unknown maturity does not meet it.
 *
 * @public
 */
export function meetsMinMaturity(
  maturity: string | undefined,
  min: MaturityLevel | undefined,
): boolean {
  return maturityProblem(maturity, min) === undefined;
}

/** Why `maturity` does not meet `min`, or `undefined` when it does. */
function maturityProblem(
  maturity: string | undefined,
  min: MaturityLevel | undefined,
): string | undefined {
  if (min === undefined) {
    return undefined;
  }
  const required = maturityRank(min);
  if (required === undefined) {
    // Not a level the config schema allows; nothing sensible to compare with.
    return undefined;
  }
  if (typeof maturity !== 'string' || maturity.trim() === '') {
    return `maturity not declared; policy requires at least ${min}`;
  }
  const rank = maturityRank(maturity);
  if (rank === undefined) {
    return `maturity ${JSON.stringify(
      maturity,
    )} is not one of deprecated, alpha, beta, stable; policy requires at least ${min}`;
  }
  if (rank < required) {
    return `maturity ${maturity
      .trim()
      .toLowerCase()} is below the required minimum ${min}`;
  }
  return undefined;
}

const GATE_PROBLEMS: Record<Exclude<GateState, 'passed'>, string> = {
  skipped: 'was skipped (forced publish)',
  absent: 'did not run',
  'no-assertion': 'ran without assertions',
  failed: 'failed',
  unknown: 'has an unrecognised state',
};

function gateProblem(gate: PolicyGate, signal: GateSignal | undefined): string {
  const state: GateState = signal?.state ?? 'absent';
  if (state === 'passed') {
    return '';
  }
  let problem = GATE_PROBLEMS[state] ?? GATE_PROBLEMS.unknown;
  if (state === 'unknown' && signal?.raw !== undefined) {
    problem = `${problem} ${JSON.stringify(signal.raw)}`;
  }
  return `Required gate ${gate} ${problem}`;
}

/** Required gates that apply to a pattern of `kind`, in a fixed order. */
function applicableGates(
  requiredGates: PolicyGate[] | undefined,
  kind: PatternSignals['kind'],
): PolicyGate[] {
  if (!Array.isArray(requiredGates) || kind === 'Motif') {
    return [];
  }
  const gates: PolicyGate[] = [];
  if (requiredGates.includes('simulate')) {
    gates.push('simulate');
  }
  if (requiredGates.includes('e2e') && kind === 'Katalog') {
    gates.push('e2e');
  }
  return gates;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function deprecationMessage(
  deprecation: Deprecation,
  state: DeprecationTimelineState,
): string {
  let message: string;
  if (state.state === 'end-of-life') {
    message = `End of life since ${state.endOfLife}.`;
  } else if (state.state === 'announced') {
    const from = deprecation.timelineFrom!.trim();
    message = `Deprecation announced: deprecated from ${from}`;
    message +=
      state.endOfLife === undefined
        ? '.'
        : `, end of life on ${state.endOfLife}.`;
  } else if (state.daysToEndOfLife !== undefined) {
    message = `Deprecated: end of life in ${plural(
      state.daysToEndOfLife,
      'day',
    )} (${state.endOfLife}).`;
  } else {
    message = 'Deprecated.';
  }
  if (deprecation.migratedTo) {
    message += ` Migrate to ${deprecation.migratedTo}.`;
  }
  if (deprecation.message) {
    message += ` Note: ${deprecation.message}`;
  }
  return message;
}

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

  const deprecation = input.signals.deprecation;
  const lifecycle = deprecationState(deprecation, now);
  if (deprecation && lifecycle.state !== 'none') {
    const failAtEndOfLife = policy.deprecation !== 'warn';
    reasons.push({
      rule: 'deprecation',
      status:
        lifecycle.state === 'end-of-life' && failAtEndOfLife ? 'fail' : 'warn',
      message: deprecationMessage(deprecation, lifecycle),
    });
  }

  return {
    status: worstPolicyStatus(reasons.map(reason => reason.status)),
    reasons,
  };
}
