// @ts-check

/*
 * The index artifact digest of each namespace at its last full check, so a
 * resync can skip namespaces whose index did not change (see SyncEngine).
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('orkestra_namespace_checks', table => {
    table
      .string('source_id', 63)
      .notNullable()
      .references('id')
      .inTable('orkestra_sources')
      .onDelete('CASCADE');
    table.string('namespace', 255).notNullable();
    table.string('index_digest', 140).notNullable();
    table.string('checked_at', 32).notNullable();
    table.primary(['source_id', 'namespace']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTableIfExists('orkestra_namespace_checks');
};
