import { Knex } from 'knex';
import { PatternFilter, PatternPageRequest, StoredPattern } from '../records';
import { filteredPatterns } from './patternFilter';
import { PatternRow, toStoredPattern } from './patternRow';
import { orderBySort, sortNeedsLatestVersion } from './patternSort';

/** One page of patterns (by id, or in the requested sort), with the count of every match. */
export interface PatternPage {
  rows: StoredPattern[];
  hasMore: boolean;
  totalCount: number;
}

export async function listPatterns(
  knex: Knex,
  filter: PatternFilter,
  page: PatternPageRequest,
): Promise<PatternPage> {
  const { query, joined } = filteredPatterns(knex, filter);
  const total = await query
    .clone()
    .count<{ count: string | number }[]>({ count: '*' });

  if (page.sort) {
    if (sortNeedsLatestVersion(page.sort) && !joined) {
      query.leftJoin('orkestra_versions as v', 'v.id', 'p.latest_version_id');
    }
    orderBySort(knex, query, page.sort);
  } else {
    if (page.afterId !== undefined) query.where('p.id', '>', page.afterId);
    query.orderBy('p.id', 'asc');
  }
  if (page.offset) query.offset(page.offset);
  const rows: PatternRow[] = await query.select('p.*').limit(page.limit + 1);
  return {
    rows: rows.slice(0, page.limit).map(toStoredPattern),
    hasMore: rows.length > page.limit,
    totalCount: Number(total[0]?.count ?? 0),
  };
}
