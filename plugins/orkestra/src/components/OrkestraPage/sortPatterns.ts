import {
  compareVersionTags,
  PatternSummary,
} from '@orkspace/backstage-plugin-orkestra-common';

/** The columns the patterns table sorts by, within the page it shows. */
export type PatternSortColumn = 'name' | 'kind' | 'latest' | 'updated';

function byName(a: PatternSummary, b: PatternSummary): number {
  return a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
}

/** Patterns without a version sort before every versioned one. */
function byLatest(a: PatternSummary, b: PatternSummary): number {
  if (!a.latest || !b.latest) {
    return Number(Boolean(a.latest)) - Number(Boolean(b.latest));
  }
  return compareVersionTags(a.latest.version, b.latest.version);
}

/** Unparseable times sort first. */
function byUpdated(a: PatternSummary, b: PatternSummary): number {
  const time = (p: PatternSummary) => {
    const parsed = Date.parse(p.updatedAt);
    return Number.isNaN(parsed) ? -Infinity : parsed;
  };
  const x = time(a);
  const y = time(b);
  if (x === y) return 0;
  return x < y ? -1 : 1;
}

const COMPARATORS: Record<
  PatternSortColumn,
  (a: PatternSummary, b: PatternSummary) => number
> = {
  name: byName,
  kind: (a, b) => a.kind.localeCompare(b.kind) || byName(a, b),
  latest: (a, b) => byLatest(a, b) || byName(a, b),
  updated: (a, b) => byUpdated(a, b) || byName(a, b),
};

function isSortColumn(column: string): column is PatternSortColumn {
  return Object.prototype.hasOwnProperty.call(COMPARATORS, column);
}

/**
 * The patterns of one page sorted by a column; the API's order when the column
 * is not sortable. Never mutates `patterns`.
 */
export function sortPatterns(
  patterns: PatternSummary[],
  column: string | undefined,
  direction: 'ascending' | 'descending' | undefined,
): PatternSummary[] {
  if (!column || !isSortColumn(column)) return patterns;
  const compare = COMPARATORS[column];
  const sign = direction === 'descending' ? -1 : 1;
  return [...patterns].sort((a, b) => sign * compare(a, b));
}
