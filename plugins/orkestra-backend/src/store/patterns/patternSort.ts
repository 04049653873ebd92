import { Knex } from 'knex';
import { isPostgres } from '../knexHelpers';
import { PatternSort, PatternSortKey } from '../records';

/** One `order by` term: SQL and whether it follows the requested order. */
interface SortTerm {
  sql: string;
  /** False for terms that keep their direction, such as "nulls last". */
  follows: boolean;
}

/** Text in byte order on both databases. */
function bytes(knex: Knex, column: string): string {
  return isPostgres(knex) ? `${column} collate "C"` : column;
}

/**
 * Case-insensitive text in byte order on both databases: PostgreSQL's
 * default collation would otherwise order punctuation and case by locale.
 */
function textKey(knex: Knex, column: string): string {
  return isPostgres(knex) ? `lower(${column}) collate "C"` : `lower(${column})`;
}

const nullsLast = (sql: string): SortTerm => ({
  sql: `case when ${sql} is null then 1 else 0 end`,
  follows: false,
});

/**
 * Version order of `p.latest_tag`, close to `compareVersionTags`: tags
 * that are not versions before every version, then major, minor and patch
 * as numbers (`v10` after `v9`), a pre-release before its release, then the
 * tag's text. Not exact semver for pre-releases (`rc.10` before `rc.9`).
 */
function latestTagTerms(knex: Knex): SortTerm[] {
  const tag = 'p.latest_tag';
  const isVersion = `case when substr(${tag}, 1, 1) between '0' and '9' or (lower(substr(${tag}, 1, 1)) = 'v' and substr(${tag}, 2, 1) between '0' and '9') then 1 else 0 end`;
  let numbers: string[];
  let prerelease: string;
  if (isPostgres(knex)) {
    // No `?` in the patterns: knex reads it as a binding.
    const part = (pattern: string) =>
      `coalesce(substring(${tag} from '${pattern}')::numeric, 0)`;
    numbers = [
      part('^[vV]{0,1}([0-9]+)'),
      part('^[vV]{0,1}[0-9]+[.]([0-9]+)'),
      part('^[vV]{0,1}[0-9]+[.][0-9]+[.]([0-9]+)'),
    ];
    prerelease = `case when strpos(${tag}, '-') > 0 then 0 else 1 end`;
  } else {
    // SQLite's cast to integer reads the leading digits ('12-rc' is 12, '' is 0).
    const bare = `(case when lower(substr(${tag}, 1, 1)) = 'v' then substr(${tag}, 2) else ${tag} end)`;
    const after = (text: string) =>
      `(case when instr(${text}, '.') > 0 then substr(${text}, instr(${text}, '.') + 1) else '' end)`;
    const minor = after(bare);
    numbers = [bare, minor, after(minor)].map(
      text => `cast(${text} as integer)`,
    );
    prerelease = `case when instr(${tag}, '-') > 0 then 0 else 1 end`;
  }
  return [
    nullsLast(tag),
    { sql: isVersion, follows: true },
    ...numbers.map(sql => ({ sql, follows: true })),
    { sql: prerelease, follows: true },
    { sql: bytes(knex, tag), follows: true },
  ];
}

function sortTerms(knex: Knex, key: PatternSortKey): SortTerm[] {
  switch (key) {
    case 'name':
      return [{ sql: textKey(knex, 'p.name'), follows: true }];
    case 'kind':
      return [{ sql: 'p.kind', follows: true }];
    case 'owner':
      return [{ sql: textKey(knex, 'p.owner'), follows: true }];
    case 'versions':
      return [
        {
          sql: '(select count(*) from orkestra_versions cv where cv.pattern_id = p.id)',
          follows: true,
        },
      ];
    case 'lastPushed':
      return [
        nullsLast('v.created'),
        { sql: bytes(knex, 'v.created'), follows: true },
      ];
    case 'latest':
      return latestTagTerms(knex);
    default: {
      const never: never = key;
      throw new Error(`unknown sort key ${never}`);
    }
  }
}

/** Whether the sort reads the latest version (`v`). */
export function sortNeedsLatestVersion(sort: PatternSort): boolean {
  return sort.key === 'lastPushed';
}

/** Orders `query` by `sort`, ties by ascending id. */
export function orderBySort(
  knex: Knex,
  query: Knex.QueryBuilder,
  sort: PatternSort,
): void {
  for (const term of sortTerms(knex, sort.key)) {
    const direction = term.follows ? sort.order : 'asc';
    query.orderByRaw(`${term.sql} ${direction}`);
  }
  query.orderBy('p.id', 'asc');
}
