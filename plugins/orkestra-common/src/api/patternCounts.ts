import { PatternCounts, PatternQuery } from './types';

/**
 * The filters of `GET /patterns` a count of `GET /pattern-counts` stands
 * for, by field: the backend counts with them, the health page lists a
 * count's patterns with them, so both always agree.
 *
 * @public
 */
export const PATTERN_COUNT_FILTERS = {
  total: {},
  // A Motif has no gates: only Katalogs are "not verified".
  simulatePassed: { kind: 'Katalog', simulate: 'passed' },
  simulateAbsent: { kind: 'Katalog', simulate: 'absent' },
  simulateSkipped: { kind: 'Katalog', simulate: 'skipped' },
  simulateNoAssertion: { kind: 'Katalog', simulate: 'no-assertion' },
  forced: { forced: true },
  deprecated: { deprecated: true },
  endOfLife: { endOfLife: true },
  importsDeprecated: { importsDeprecated: true },
  importsBehind: { importsBehind: true },
  policyFail: { policy: 'fail' },
  policyWarn: { policy: 'warn' },
} as const satisfies Record<keyof PatternCounts, PatternQuery>;
