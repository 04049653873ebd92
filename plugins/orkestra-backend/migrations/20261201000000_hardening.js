// @ts-check

/*
 * Hardening against registries the portal does not control:
 * - orkestra_not_patterns remembers, by digest, manifests that are not
 *   patterns (container images, Helm charts, ...), so they are never fetched
 *   again while their digest is unchanged;
 * - orkestra_sync_runs.repository names the repository of a one-repository
 *   run (null for a run over the whole source), so a source's health comes
 *   from its full runs;
 * - columns that hold free text a registry sends (names, authors, versions,
 *   creation times, maturities, media types, CRD names) become `text` on
 *   PostgreSQL, where `varchar(n)` refuses longer values. SQLite never
 *   enforces a varchar length, so nothing changes there. Key columns (tags,
 *   repositories, digests, file names) keep their lengths: the sync validates
 *   or caps those values before it stores them.
 */

const WIDENED = {
  orkestra_patterns: ['name', 'author', 'owner'],
  orkestra_versions: ['media_type', 'version', 'created', 'maturity'],
  orkestra_files: ['media_type'],
  orkestra_imports: ['crd'],
};

/** @param {import('knex').Knex} knex */
function isPostgres(knex) {
  return knex.client.dialect === 'postgresql';
}

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('orkestra_not_patterns', table => {
    table
      .string('source_id', 63)
      .notNullable()
      .references('id')
      .inTable('orkestra_sources')
      .onDelete('CASCADE');
    table.string('repository', 255).notNullable();
    table.string('digest', 140).notNullable();
    // Why it is not a pattern, e.g. its config media type (capped at 1 KiB).
    table.text('reason').notNullable();
    table.string('first_seen_at', 32).notNullable();
    table.primary(['source_id', 'repository', 'digest']);
  });

  await knex.schema.alterTable('orkestra_sync_runs', table => {
    table.string('repository', 255);
  });

  if (isPostgres(knex)) {
    for (const [tableName, columns] of Object.entries(WIDENED)) {
      for (const column of columns) {
        await knex.raw('ALTER TABLE ?? ALTER COLUMN ?? TYPE text', [
          tableName,
          column,
        ]);
      }
    }
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTableIfExists('orkestra_not_patterns');
  await knex.schema.alterTable('orkestra_sync_runs', table => {
    table.dropColumn('repository');
  });
};
