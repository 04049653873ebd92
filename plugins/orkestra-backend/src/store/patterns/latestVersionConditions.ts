import { Knex } from 'knex';

/*
 * Subqueries about a pattern's latest version that the listing, the
 * summaries and the owner rollup share. Each is correlated with the outer
 * query's `p` (orkestra_patterns) where it says so.
 */

/** Imports of the pattern's latest version at a version tag other than their target's latest. */
export function importsBehindQuery(knex: Knex) {
  return (
    knex('orkestra_imports as i')
      .join('orkestra_patterns as t', join =>
        join
          .on('t.registry', 'i.registry')
          .andOn('t.repository', 'i.repository'),
      )
      .whereRaw('i.version_id = p.latest_version_id')
      .whereNull('t.missing_since')
      .whereNotNull('t.latest_tag')
      .whereRaw('i.tag <> t.latest_tag')
      // A version tag starts with a digit, or with v and a digit.
      .whereRaw(
        "(substr(i.tag, 1, 1) between '0' and '9' or (lower(substr(i.tag, 1, 1)) = 'v' and substr(i.tag, 2, 1) between '0' and '9'))",
      )
      .select(knex.raw('1'))
  );
}

/**
 * Imports (`di`) that name a known version (`dv`) of a known pattern (`dt`)
 * that is deprecated (announced, deprecated or at end of life): by digest
 * when the import pins one, else by the tag as the store last saw it.
 * Not correlated: callers say which importing versions.
 */
export function deprecatedImportsQuery(knex: Knex) {
  return knex('orkestra_imports as di')
    .join('orkestra_patterns as dt', join =>
      join
        .on('dt.registry', 'di.registry')
        .andOn('dt.repository', 'di.repository'),
    )
    .join('orkestra_versions as dv', 'dv.pattern_id', 'dt.id')
    .where('dv.deprecated', true)
    .where(q =>
      q
        .where(byDigest =>
          byDigest.whereNotNull('di.digest').whereRaw('dv.digest = di.digest'),
        )
        .orWhere(byTag =>
          byTag
            .whereNull('di.digest')
            .whereExists(
              knex('orkestra_tags as dg')
                .whereRaw('dg.pattern_id = dt.id')
                .whereRaw('dg.tag = di.tag')
                .whereRaw('dg.version_id = dv.id')
                .select(knex.raw('1')),
            ),
        ),
    );
}

/** Imports of the pattern's latest version that name a deprecated version. */
export function importsDeprecatedQuery(knex: Knex) {
  return deprecatedImportsQuery(knex)
    .whereRaw('di.version_id = p.latest_version_id')
    .select(knex.raw('1'));
}

/**
 * SQL that is true when the latest version `v` was published with a gate
 * skipped, and false (never null) otherwise, also without a latest version.
 */
export const FORCED_SQL =
  "(coalesce(v.simulate_state, '') = 'skipped' or coalesce(v.e2e_state, '') = 'skipped')";
