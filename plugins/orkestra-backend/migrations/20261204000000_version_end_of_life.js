// @ts-check

/*
 * orkestra_versions.end_of_life: the end-of-life day (`timeline.to`,
 * `YYYY-MM-DD`) of a deprecated version, null when the version is not
 * deprecated or its day is absent or malformed. The `endOfLife` filter of
 * `GET /patterns` compares it with today in SQL.
 *
 * No index: like the other filters on the latest version, it is read through
 * the join on `orkestra_patterns.latest_version_id` (the versions' primary
 * key); the listing's own index (missing_since, id) stays the one it uses.
 *
 * Existing rows are backfilled from signals_json. The day is parsed here, not
 * with orkestra-common's `deprecationState`: a migration keeps doing what it
 * did when it was written, whatever the library does later. The rules are the
 * same: a trimmed `YYYY-MM-DD` that is a real calendar day.
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const BATCH = 500;

/**
 * @param {unknown} value
 * @returns {string | null}
 */
function endOfLifeDay(value) {
  if (typeof value !== 'string') return null;
  const day = value.trim();
  const match = DAY.exec(day);
  if (!match) return null;
  const [year, month, date] = match.slice(1).map(Number);
  const check = new Date(Date.UTC(year, month - 1, date));
  return check.getUTCFullYear() === year &&
    check.getUTCMonth() === month - 1 &&
    check.getUTCDate() === date
    ? day
    : null;
}

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('orkestra_versions', table => {
    table.string('end_of_life', 10);
  });
  let afterId = 0;
  for (;;) {
    /** @type {Array<{ id: number; signals_json: string }>} */
    const rows = await knex('orkestra_versions')
      .where('deprecated', true)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(BATCH)
      .select('id', 'signals_json');
    if (rows.length === 0) break;
    for (const row of rows) {
      let day = null;
      try {
        day = endOfLifeDay(
          JSON.parse(row.signals_json)?.deprecation?.timelineTo,
        );
      } catch {
        // Unreadable signals: no end of life is known.
      }
      if (day !== null) {
        await knex('orkestra_versions')
          .where({ id: row.id })
          .update({ end_of_life: day });
      }
    }
    afterId = rows[rows.length - 1].id;
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  // Not knex's dropColumn: on SQLite it copies the table into a new one and
  // drops the old, and the drop cascades to the tags, files and imports of
  // every version. SQLite (3.35+) and PostgreSQL both drop a column in place.
  await knex.raw('ALTER TABLE ?? DROP COLUMN ??', [
    'orkestra_versions',
    'end_of_life',
  ]);
};
