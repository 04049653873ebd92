import { Knex } from 'knex';
import { PatternFilter } from '../records';
import { filteredPatterns } from './patternFilter';

/**
 * How many patterns match each filter, in one query: one scalar count
 * subquery per filter, each the very count the listing answers as its
 * `totalCount` for that filter, so the two always agree.
 */
export async function countPatterns<K extends string>(
  knex: Knex,
  filters: Record<K, PatternFilter>,
): Promise<Record<K, number>> {
  const keys = Object.keys(filters) as K[];
  if (!keys.length) return {} as Record<K, number>;
  const counts = keys.map((key, index) =>
    // knex puts a subquery binding in parentheses itself. Aliases by
    // position: a filter's name is not an SQL identifier of ours.
    knex.raw(`? as c${index}`, [
      filteredPatterns(knex, filters[key]).query.count({ count: '*' }),
    ]),
  );
  const [row]: Array<Record<string, string | number>> = await knex.select(
    counts,
  );
  return Object.fromEntries(
    keys.map((key, index) => [key, Number(row[`c${index}`])]),
  ) as Record<K, number>;
}
