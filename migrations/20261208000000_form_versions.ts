import type { Knex } from 'knex';

/**
 * Task forms versioned as diagrams are (`form_definitions`): one row per version of a form key,
 * versions counted per key, with the JSON Schema and the UI schema as JSON text, the checksum that
 * tells an unchanged form from a changed one, and where it came from (`file`: forms/ at start;
 * `api`: POST /api/forms).
 *
 * `definitions.form_versions`: the form versions a diagram version was deployed with, as JSON
 * `{ "<formKey>": <version> }` (deployment binding): its cases render and validate their tasks with
 * those. Versions deployed before this migration have none (null) and use each form's version 1,
 * the form as it was when forms became versioned.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('form_definitions', (t) => {
    t.string('id', 64).primary();
    t.string('key', 255).notNullable();
    t.integer('version').notNullable();
    t.text('schema').notNullable();
    t.text('ui').notNullable();
    t.string('checksum', 64).notNullable();
    t.string('deployed_at', 30).notNullable();
    t.string('deployed_by', 255).notNullable();
    t.string('source', 8).notNullable();
    t.string('source_file', 255);
    t.unique(['key', 'version']);
  });
  await knex.schema.alterTable('definitions', (t) => {
    t.text('form_versions');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('definitions', (t) => {
    t.dropColumn('form_versions');
  });
  await knex.schema.dropTable('form_definitions');
}
