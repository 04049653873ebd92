import { PatternQuery } from '@orkspace/backstage-plugin-orkestra-common';

/** The server-side filters of the patterns table (the search text is kept apart). */
export type PatternFilters = Pick<
  PatternQuery,
  | 'kind'
  | 'simulate'
  | 'e2e'
  | 'deprecated'
  | 'policy'
  | 'importsBehind'
  | 'owner'
  | 'source'
  | 'endOfLife'
  | 'forced'
  | 'importsDeprecated'
  | 'syncFailing'
>;

/** Every filter key, in the order the URL and the query list them. */
export const FILTER_KEYS = [
  'kind',
  'simulate',
  'e2e',
  'deprecated',
  'policy',
  'importsBehind',
  'owner',
  'source',
  'endOfLife',
  'forced',
  'importsDeprecated',
  'syncFailing',
] as const satisfies ReadonlyArray<keyof PatternFilters>;

/** The filters that are yes/no. */
export const BOOLEAN_FILTER_KEYS = [
  'deprecated',
  'importsBehind',
  'endOfLife',
  'forced',
  'importsDeprecated',
  'syncFailing',
] as const satisfies ReadonlyArray<keyof PatternFilters>;

/** A yes/no filter key. */
export type BooleanFilterKey = (typeof BOOLEAN_FILTER_KEYS)[number];

/** Whether two filter sets select the same patterns. */
export function sameFilters(a: PatternFilters, b: PatternFilters): boolean {
  return FILTER_KEYS.every(key => a[key] === b[key]);
}

/** Whether any filter is set. */
export function hasFilters(filters: PatternFilters): boolean {
  return !sameFilters(filters, {});
}

/** The filters without unset values. */
export function compactFilters(filters: PatternFilters): PatternFilters {
  const compact: Record<string, unknown> = {};
  for (const key of FILTER_KEYS) {
    if (filters[key] !== undefined) compact[key] = filters[key];
  }
  return compact as PatternFilters;
}
