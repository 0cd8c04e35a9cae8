import type { Knex } from 'knex';

/**
 * Each case belongs to a provider, and its tasks with it (src/http/access.ts decides who sees
 * them). Cases stored before carry `default`, the provider an installation has unless
 * QYZMET_DEFAULT_PROVIDER names another.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('instances', (t) => {
    t.string('provider', 100).notNullable().defaultTo('default');
    t.index(['provider', 'status']);
  });
  await knex.schema.alterTable('tasks', (t) => {
    t.string('provider', 100).notNullable().defaultTo('default');
    t.index(['provider', 'status']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tasks', (t) => {
    t.dropIndex(['provider', 'status']);
    t.dropColumn('provider');
  });
  await knex.schema.alterTable('instances', (t) => {
    t.dropIndex(['provider', 'status']);
    t.dropColumn('provider');
  });
}
