import { Annotations } from './constants';
import {
  GateState,
  PATTERN_KINDS,
  PatternKind,
  RECORDED_GATE_STATES,
} from './vocabulary';

export type { GateState, PatternKind } from './vocabulary';

/**
 * What a pattern manifest's annotations say about one publishing gate (simulate, e2e or intent).
 *
 * @public
 */
export interface GateSignal {
  state: GateState;
  /** The raw annotation value, when present. */
  raw?: string;
  /** Go duration string as written by `ork`, e.g. `14ms`, `1.2s`. */
  duration?: string;
  /** RFC 3339 timestamp. */
  testedAt?: string;
  /** `Atoi` of the assertions annotation; 0 when missing or not a number. */
  assertions: number;
  /** e2e only: which CI runner recorded it. */
  runner?: string;
  /** intent only: the target played against. */
  target?: string;
}

/**
 * The deprecation a pattern version's annotations announce: its successor, a message and the timeline.
 *
 * @public
 */
export interface Deprecation {
  migratedTo?: string;
  message?: string;
  /** `YYYY-MM-DD` */
  timelineFrom?: string;
  /** `YYYY-MM-DD` (end of life) */
  timelineTo?: string;
}

/**
 * Everything `ork inspect` decodes from a pattern manifest's annotations.
 *
 * @public
 */
export interface PatternSignals {
  kind?: PatternKind;
  name?: string;
  version?: string;
  description?: string;
  author?: string;
  license?: string;
  tags: string[];
  created?: string;
  simulate: GateSignal;
  e2e: GateSignal;
  intent: GateSignal;
  typed?: { hasHooks: boolean; hasConstructor: boolean };
  deprecation?: Deprecation;
  runtimeVersion?: string;
}

const KNOWN_STATES: ReadonlySet<string> = new Set(RECORDED_GATE_STATES);

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** Mirrors Go's `strconv.Atoi` failure mode in `ork`: anything not an integer is 0. */
function atoi(value: string | undefined): number {
  if (value === undefined || !/^[+-]?\d+$/.test(value)) {
    return 0;
  }
  const parsed = Number.parseInt(value, 10);
  return Number.isSafeInteger(parsed) ? parsed : 0;
}

function decodeGate(
  annotations: Record<string, string>,
  keys: {
    status: string;
    duration?: string;
    testedAt: string;
    assertions?: string;
    runner?: string;
    target?: string;
  },
): GateSignal {
  const raw = annotations[keys.status];
  let state: GateState;
  if (raw === undefined) {
    state = 'absent';
  } else if (KNOWN_STATES.has(raw)) {
    state = raw as GateState;
  } else {
    state = 'unknown';
  }
  const signal: GateSignal = {
    state,
    assertions: keys.assertions ? atoi(annotations[keys.assertions]) : 0,
  };
  if (raw !== undefined) signal.raw = raw;
  const duration = keys.duration && nonEmpty(annotations[keys.duration]);
  if (duration) signal.duration = duration;
  const testedAt = nonEmpty(annotations[keys.testedAt]);
  if (testedAt) signal.testedAt = testedAt;
  const runner = keys.runner && nonEmpty(annotations[keys.runner]);
  if (runner) signal.runner = runner;
  const target = keys.target && nonEmpty(annotations[keys.target]);
  if (target) signal.target = target;
  return signal;
}

/**
 * Decodes the quality signals and identity of a pattern from its manifest
 * annotations, with the same rules as `ork inspect` (`annotationsToMeta`):
 * tags split on `,`, assertions parsed with `Atoi`, the typed block only when
 * `typed == "true"`, deprecation only when `deprecated == "true"`.
 *
 * @public
 */
export function decodePatternAnnotations(
  annotations: Record<string, string> | undefined,
): PatternSignals {
  const a = annotations ?? {};
  const kindValue = a[Annotations.kind];
  const tagsValue = nonEmpty(a[Annotations.tags]);

  const signals: PatternSignals = {
    tags: tagsValue
      ? tagsValue
          .split(',')
          .map(t => t.trim())
          .filter(Boolean)
      : [],
    simulate: decodeGate(a, {
      status: Annotations.simulateStatus,
      duration: Annotations.simulateDuration,
      testedAt: Annotations.simulateTestedAt,
      assertions: Annotations.simulateAssertions,
    }),
    e2e: decodeGate(a, {
      status: Annotations.e2eStatus,
      duration: Annotations.e2eDuration,
      testedAt: Annotations.e2eTestedAt,
      assertions: Annotations.e2eAssertions,
      runner: Annotations.e2eRunner,
    }),
    intent: decodeGate(a, {
      status: Annotations.intentStatus,
      testedAt: Annotations.intentTestedAt,
      target: Annotations.intentTarget,
    }),
  };

  if ((PATTERN_KINDS as readonly string[]).includes(kindValue))
    signals.kind = kindValue as PatternKind;
  const name = nonEmpty(a[Annotations.name]) ?? nonEmpty(a[Annotations.title]);
  if (name) signals.name = name;
  const version =
    nonEmpty(a[Annotations.patternVersion]) ?? nonEmpty(a[Annotations.version]);
  if (version) signals.version = version;
  const description = nonEmpty(a[Annotations.description]);
  if (description) signals.description = description;
  const author =
    nonEmpty(a[Annotations.author]) ?? nonEmpty(a[Annotations.authors]);
  if (author) signals.author = author;
  const license = nonEmpty(a[Annotations.license]);
  if (license) signals.license = license;
  const created = nonEmpty(a[Annotations.created]);
  if (created) signals.created = created;
  const runtimeVersion = nonEmpty(a[Annotations.runtimeVersion]);
  if (runtimeVersion) signals.runtimeVersion = runtimeVersion;

  if (a[Annotations.typed] === 'true') {
    signals.typed = {
      hasHooks: a[Annotations.hasHooks] === 'true',
      hasConstructor: a[Annotations.hasConstructor] === 'true',
    };
  }
  if (a[Annotations.deprecated] === 'true') {
    const deprecation: Deprecation = {};
    const migratedTo = nonEmpty(a[Annotations.deprecatedMigratedTo]);
    if (migratedTo) deprecation.migratedTo = migratedTo;
    const message = nonEmpty(a[Annotations.deprecatedMessage]);
    if (message) deprecation.message = message;
    const from = nonEmpty(a[Annotations.deprecatedTimelineFrom]);
    if (from) deprecation.timelineFrom = from;
    const to = nonEmpty(a[Annotations.deprecatedTimelineTo]);
    if (to) deprecation.timelineTo = to;
    signals.deprecation = deprecation;
  }
  return signals;
}
