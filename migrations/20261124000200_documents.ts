import type { Knex } from 'knex';

/** Documents an instance produced (PDF receipts, notices, refusals), kept with it. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('documents', (t) => {
    t.string('id', 64).primary();
    t.string('instance_id', 64).notNullable().references('instances.id');
    t.string('element_id', 255).notNullable();
    t.string('kind', 64).notNullable();
    t.string('file_name', 255).notNullable();
    t.string('media_type', 64).notNullable();
    t.binary('content').notNullable();
    t.integer('size').notNullable();
    t.string('sha256', 64).notNullable();
    /** A retried step that renders again finds the document it made the first time. */
    t.string('idempotency_key', 255).notNullable().unique();
    t.string('created_at', 30).notNullable();
    t.index(['instance_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('documents');
}
