import type { Knex } from 'knex';

/**
 * Decision versions (DMN decisions, issue 16), kept as diagrams are in `definitions`: one row per
 * decision of a deployed DMN file, `key` the decision's id, versions counted per key, effective
 * from an instant or at once, with where the file came from. `xml` is the whole file, since a
 * decision is evaluated with the decisions it requires from the same file; `dmn_version` is the
 * version the file was written in (it is read as DMN 1.3).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('decision_definitions', (t) => {
    t.string('id', 64).primary();
    t.string('key', 255).notNullable();
    t.integer('version').notNullable();
    t.string('name', 255);
    t.string('deployment_name', 255).notNullable();
    t.text('xml').notNullable();
    t.string('content_hash', 64).notNullable();
    t.string('deployed_at', 30).notNullable();
    t.string('deployed_by', 255).notNullable();
    t.string('effective_from', 30);
    t.string('source', 8).notNullable();
    t.string('source_file', 255);
    t.string('dmn_version', 8).notNullable();
    t.unique(['key', 'version']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('decision_definitions');
}
