// @ts-check

/*
 * Listing patterns filters on `missing_since is null`, pages by id and counts
 * the matches on every page: this index answers all three without reading the
 * pattern rows.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('orkestra_patterns', table => {
    table.index(['missing_since', 'id']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('orkestra_patterns', table => {
    table.dropIndex(['missing_since', 'id']);
  });
};
