import { Knex } from 'knex';
import { isPostgres } from '../knexHelpers';
import { StoredOwnerRollup } from '../records';
import {
  FORCED_SQL,
  importsBehindQuery,
  importsDeprecatedQuery,
} from './latestVersionConditions';

type Count = string | number;

/**
 * Per owner of current (not missing) patterns, in one aggregate query: how
 * many there are, and how many are healthy, forced, deprecated, behind
 * (an import behind its target's latest, or an import of a deprecated
 * version) and failing policy. Healthy: policy `pass`, not forced, not
 * deprecated, not behind. By owner.
 */
export async function ownerRollup(
  knex: Knex,
  filter: { kind?: 'Katalog' | 'Motif' },
): Promise<StoredOwnerRollup[]> {
  const behind = knex.raw(
    // knex puts a subquery binding in parentheses itself.
    'case when exists ? or exists ? then 1 else 0 end',
    [importsBehindQuery(knex), importsDeprecatedQuery(knex)],
  );
  const deprecated = 'coalesce(v.deprecated, ?) = ?';
  const query = knex('orkestra_patterns as p')
    .leftJoin('orkestra_versions as v', 'v.id', 'p.latest_version_id')
    .whereNull('p.missing_since');
  if (filter.kind) query.where('p.kind', filter.kind);
  const flags = knex
    .from(
      query
        .select(
          'p.owner as owner',
          knex.raw(`case when ${FORCED_SQL} then 1 else 0 end as forced`),
          knex.raw(`case when ${deprecated} then 1 else 0 end as deprecated`, [
            false,
            true,
          ]),
          knex.raw('? as behind', [behind]),
          knex.raw(
            "case when v.policy_status = 'pass' then 1 else 0 end as passing",
          ),
          knex.raw(
            "case when v.policy_status = 'fail' then 1 else 0 end as failing",
          ),
        )
        .as('f'),
    )
    .groupBy('f.owner')
    // Byte order on both databases, as the listing sorts owners.
    .orderByRaw(isPostgres(knex) ? 'f.owner collate "C" asc' : 'f.owner asc')
    .select(
      'f.owner',
      knex.raw('count(*) as total'),
      knex.raw(
        'sum(case when f.passing = 1 and f.forced = 0 and f.deprecated = 0 and f.behind = 0 then 1 else 0 end) as healthy',
      ),
      knex.raw('sum(f.forced) as forced'),
      knex.raw('sum(f.deprecated) as deprecated'),
      knex.raw('sum(f.behind) as behind'),
      knex.raw('sum(f.failing) as policy_failing'),
    );
  const rows: Array<Record<string, Count> & { owner: string }> = await flags;
  return rows.map(row => ({
    owner: row.owner,
    total: Number(row.total),
    healthy: Number(row.healthy),
    forced: Number(row.forced),
    deprecated: Number(row.deprecated),
    behind: Number(row.behind),
    policyFailing: Number(row.policy_failing),
  }));
}
