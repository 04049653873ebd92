// @ts-check

/*
 * The latest sync of each repository, by whichever run synced it last (a
 * full run or a one-repository resync): its run, when it finished, whether
 * it failed and with which error. A resync of one repository replaces that
 * repository's row alone, so another repository's error stays visible; a
 * success clears the error. `message` is capped at 1 KiB like a run's errors.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('orkestra_repository_syncs', table => {
    table
      .string('source_id', 63)
      .notNullable()
      .references('id')
      .inTable('orkestra_sources')
      .onDelete('CASCADE');
    table.string('repository', 255).notNullable();
    // No foreign key: runs are history, and an entry outlives none of them.
    table.integer('run_id').notNullable();
    table.string('finished_at', 32).notNullable();
    // `succeeded` or `failed`.
    table.string('status', 16).notNullable();
    table.string('code', 64);
    table.text('message');
    table.primary(['source_id', 'repository']);
    // The failing repositories of a source, newest first.
    table.index(['source_id', 'status', 'finished_at']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTableIfExists('orkestra_repository_syncs');
};
