import type { Knex } from 'knex';

/** Decrees that move days off, and each instance's statutory term. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('calendar_overrides', (t) => {
    t.string('date', 10).primary();
    t.string('kind', 16).notNullable();
    t.text('reason').notNullable();
    t.string('updated_at', 30).notNullable();
    t.string('updated_by', 255).notNullable();
  });
  await knex.schema.alterTable('instances', (t) => {
    t.text('term');
    t.string('registered_at', 30);
    t.string('due_at', 30);
    t.index(['status', 'due_at']);
  });
  await knex.schema.alterTable('tasks', (t) => {
    t.index(['status', 'due_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tasks', (t) => {
    t.dropIndex(['status', 'due_at']);
  });
  await knex.schema.alterTable('instances', (t) => {
    t.dropIndex(['status', 'due_at']);
    t.dropColumn('due_at');
    t.dropColumn('registered_at');
    t.dropColumn('term');
  });
  await knex.schema.dropTable('calendar_overrides');
}
