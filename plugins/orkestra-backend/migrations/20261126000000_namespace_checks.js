// @ts-check

/*
 * The index artifact of each namespace as the last sync saw it (digest and
 * entries), and when the namespace was last checked in full, so a resync
 * can skip what its index says did not change (see SyncEngine).
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
    // name -> JSON of the index entry, to see which patterns a push changed.
    table.text('entries_json').notNullable().defaultTo('{}');
    // When every repository of the namespace was last checked.
    table.string('checked_at', 32).notNullable();
    table.primary(['source_id', 'namespace']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTableIfExists('orkestra_namespace_checks');
};
