import type { Knex } from 'knex';

/** Accounts with their roles and provider, and the sessions signed in with them (src/auth). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (t) => {
    t.string('username', 64).primary();
    t.string('display_name', 200).notNullable();
    t.text('password_hash').notNullable();
    t.text('roles').notNullable();
    t.string('provider', 100).notNullable();
    t.boolean('disabled').notNullable().defaultTo(false);
    t.string('created_at', 32).notNullable();
  });
  await knex.schema.createTable('sessions', (t) => {
    t.string('token_hash', 64).primary();
    t.string('username', 64).notNullable().references('username').inTable('users');
    t.string('created_at', 32).notNullable();
    t.string('expires_at', 32).notNullable();
    t.index(['username']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('sessions');
  await knex.schema.dropTable('users');
}
