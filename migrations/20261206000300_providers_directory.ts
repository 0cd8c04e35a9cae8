import type { Knex } from 'knex';

/**
 * The providers directory: for each provider id the accounts and cases carry (`default`,
 * `almaty-medeu`), its names in Kazakh, Russian and English, its BIN and address, and `services`,
 * a JSON object from service key (a definition key, or a regulation: `national`, `almaty`) to the
 * names { kk, ru, en } of the body that provides that service — what the case's documents and
 * pages name. A provider with no row here is named by the acts (src/documents/providers.ts).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('providers', (t) => {
    t.string('id', 100).primary();
    t.text('names').notNullable();
    t.string('bin', 12).nullable();
    t.text('address').nullable();
    t.text('services').notNullable();
    t.string('updated_at', 30).notNullable();
    t.string('updated_by', 255).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('providers');
}
