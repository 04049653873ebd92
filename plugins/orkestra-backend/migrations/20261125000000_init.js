// @ts-check

/**
 * The Orkestra store: sources, patterns, versions keyed by digest, the tags
 * pointing at them, files, imports, fetched YAML blobs, sync runs and gate runs.
 * Times are ISO-8601 UTC strings, JSON is text: the same on SQLite and PostgreSQL.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('orkestra_sources', table => {
    table.string('id', 63).primary();
    table.string('type', 16).notNullable();
    table.text('target').notNullable();
    table.string('registry', 255).notNullable();
    table.string('last_sync_started_at', 32);
    table.string('last_sync_finished_at', 32);
    table.string('last_sync_status', 16);
  });

  await knex.schema.createTable('orkestra_patterns', table => {
    table.increments('id');
    table
      .string('source_id', 63)
      .notNullable()
      .references('id')
      .inTable('orkestra_sources')
      .onDelete('CASCADE');
    table.string('registry', 255).notNullable();
    table.string('repository', 255).notNullable();
    table.string('kind', 16).notNullable();
    table.string('name', 255).notNullable();
    table.text('description');
    table.string('author', 255);
    table.string('owner', 255).notNullable();
    table.text('tags_json').notNullable().defaultTo('[]');
    table.integer('latest_version_id');
    table.string('latest_tag', 128);
    table.string('first_seen_at', 32).notNullable();
    table.string('updated_at', 32).notNullable();
    table.string('missing_since', 32);
    table.unique(['source_id', 'repository']);
    table.index(['registry', 'repository']);
  });

  await knex.schema.createTable('orkestra_versions', table => {
    table.increments('id');
    table
      .integer('pattern_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('orkestra_patterns')
      .onDelete('CASCADE');
    table.string('digest', 140).notNullable();
    table.string('media_type', 255).notNullable();
    table.integer('manifest_size').notNullable();
    table.string('version', 128);
    table.string('created', 32);
    table.text('signals_json').notNullable();
    table.string('simulate_state', 16).notNullable();
    table.string('e2e_state', 16).notNullable();
    table.boolean('deprecated').notNullable().defaultTo(false);
    table.string('maturity', 32);
    table.text('crds_json').notNullable().defaultTo('[]');
    table.string('policy_status', 8);
    table.text('policy_json');
    table.text('problems_json').notNullable().defaultTo('[]');
    table.string('first_seen_at', 32).notNullable();
    table.unique(['pattern_id', 'digest']);
  });

  await knex.schema.createTable('orkestra_tags', table => {
    table
      .integer('pattern_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('orkestra_patterns')
      .onDelete('CASCADE');
    table.string('tag', 128).notNullable();
    table
      .integer('version_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('orkestra_versions')
      .onDelete('CASCADE');
    table.string('updated_at', 32).notNullable();
    table.string('missing_since', 32);
    table.primary(['pattern_id', 'tag']);
  });

  await knex.schema.createTable('orkestra_files', table => {
    table
      .integer('version_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('orkestra_versions')
      .onDelete('CASCADE');
    table.integer('position').notNullable();
    table.string('name', 255).notNullable();
    table.string('media_type', 255).notNullable();
    table.bigInteger('size').notNullable();
    table.string('digest', 140).notNullable();
    table.primary(['version_id', 'name']);
  });

  await knex.schema.createTable('orkestra_imports', table => {
    table.increments('id');
    table
      .integer('version_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('orkestra_versions')
      .onDelete('CASCADE');
    table.string('type', 16).notNullable(); // motif | profile | registry
    table.text('raw').notNullable();
    table.string('registry', 255);
    table.string('repository', 255);
    table.string('tag', 128);
    table.string('digest', 140);
    table.string('crd', 255);
    table.integer('target_pattern_id');
    table.index(['registry', 'repository']);
    table.index(['version_id']);
  });

  await knex.schema.createTable('orkestra_blobs', table => {
    table.string('digest', 140).primary();
    table.text('content').notNullable();
    table.string('fetched_at', 32).notNullable();
  });

  await knex.schema.createTable('orkestra_sync_runs', table => {
    table.increments('id');
    table
      .string('source_id', 63)
      .notNullable()
      .references('id')
      .inTable('orkestra_sources')
      .onDelete('CASCADE');
    table.string('trigger', 32).notNullable();
    table.string('started_at', 32).notNullable();
    table.string('finished_at', 32);
    table.string('status', 16).notNullable();
    table.text('counts_json').notNullable().defaultTo('{}');
    table.text('errors_json').notNullable().defaultTo('[]');
    table.index(['source_id', 'started_at']);
  });

  await knex.schema.createTable('orkestra_gate_runs', table => {
    table.increments('id');
    table.string('task_id', 255);
    table.string('reference', 512).notNullable();
    table.string('gate', 16).notNullable();
    table.string('status', 16).notNullable();
    table.string('started_at', 32).notNullable();
    table.string('finished_at', 32);
    table.text('detail_json').notNullable().defaultTo('{}');
    table.index(['reference']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const table of [
    'orkestra_gate_runs',
    'orkestra_sync_runs',
    'orkestra_blobs',
    'orkestra_imports',
    'orkestra_files',
    'orkestra_tags',
    'orkestra_versions',
    'orkestra_patterns',
    'orkestra_sources',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
};
