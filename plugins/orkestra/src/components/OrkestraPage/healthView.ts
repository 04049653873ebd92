import {
  GATE_STATES,
  PATTERN_KINDS,
  PatternQuery,
  PatternSortKey,
  POLICY_STATUSES,
} from '@orkspace/backstage-plugin-orkestra-common';
import {
  BOOLEAN_FILTER_KEYS,
  compactFilters,
  FILTER_KEYS,
  PatternFilters,
} from './patternFilters';

/** Patterns per page of the table, unless the view picks another of {@link PAGE_SIZES}. */
export const PAGE_SIZE = 25;

/** The page sizes to choose from. */
export const PAGE_SIZES = [5, 10, 25, 50, 100] as const;

/** The sort keys of `GET /patterns`, which are also the ids of the sortable columns. */
export const SORT_KEYS = [
  'name',
  'kind',
  'latest',
  'lastPushed',
  'owner',
  'versions',
] as const satisfies readonly PatternSortKey[];

/** Sort direction, as the API names it. */
export type SortOrder = 'asc' | 'desc';

/**
 * What the health page shows: filters, search, sort and page. It lives in the
 * URL's query string (so a view can be shared and the back button works),
 * under the API's own parameter names plus `page`.
 */
export interface HealthView {
  filters: PatternFilters;
  /** The search text, trimmed. */
  q: string;
  sort?: PatternSortKey;
  order: SortOrder;
  /** 1-based. */
  page: number;
  /** Patterns per page; {@link PAGE_SIZE} unless chosen. */
  pageSize?: number;
}

function oneOf<T extends string>(
  values: readonly T[],
  value: string | null,
): T | undefined {
  return values.find(v => v === value);
}

function flag(value: string | null): boolean | undefined {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

/** Reads a view from a query string; unknown or malformed values are left out. */
export function readView(params: URLSearchParams): HealthView {
  const filters: PatternFilters = {
    kind: oneOf(PATTERN_KINDS, params.get('kind')),
    simulate: oneOf(GATE_STATES, params.get('simulate')),
    e2e: oneOf(GATE_STATES, params.get('e2e')),
    policy: oneOf(POLICY_STATUSES, params.get('policy')),
    owner: params.get('owner') || undefined,
    source: params.get('source') || undefined,
  };
  for (const key of BOOLEAN_FILTER_KEYS) {
    filters[key] = flag(params.get(key));
  }
  const page = Number(params.get('page'));
  const pageSize = PAGE_SIZES.find(
    size => size !== PAGE_SIZE && String(size) === params.get('pageSize'),
  );
  return {
    filters: compactFilters(filters),
    q: (params.get('q') ?? '').trim(),
    sort: oneOf(SORT_KEYS, params.get('sort')),
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
    page: Number.isInteger(page) && page > 1 ? page : 1,
    ...(pageSize ? { pageSize } : {}),
  };
}

/** The query string of a view, leaving out defaults (no sort, ascending, page 1). */
export function writeView(view: HealthView): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = view.filters[key];
    if (value !== undefined) params.set(key, String(value));
  }
  if (view.q) params.set('q', view.q);
  if (view.sort) {
    params.set('sort', view.sort);
    if (view.order === 'desc') params.set('order', 'desc');
  }
  if (view.page > 1) params.set('page', String(view.page));
  if (view.pageSize && view.pageSize !== PAGE_SIZE) {
    params.set('pageSize', String(view.pageSize));
  }
  return params;
}

/** The query string of a view of only these filters: sort by default, first page. */
export function filtersSearch(filters: PatternFilters): string {
  return `?${writeView({ filters, q: '', order: 'asc', page: 1 })}`;
}

/** The view's page size. */
export function pageSizeOf(view: HealthView): number {
  return view.pageSize ?? PAGE_SIZE;
}

/** The `GET /patterns` query of the view's page. */
export function pageQuery(view: HealthView): PatternQuery {
  const query: PatternQuery = { ...compactFilters(view.filters) };
  if (view.q) query.q = view.q;
  if (view.sort) {
    query.sort = view.sort;
    query.order = view.order;
  }
  const size = pageSizeOf(view);
  if (view.page > 1) query.offset = (view.page - 1) * size;
  query.limit = size;
  return query;
}
