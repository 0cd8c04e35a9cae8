import type { Knex } from 'knex';

/**
 * Housing commissions (seed 002 para 9(1): the provider forms the commission that votes on a
 * privatization): one current composition per provider in `commissions`, and every composition an
 * admin ever set in `commission_changes`, so who sat on the commission on a given day stays known.
 * `members` is a JSON array of account usernames; `chair` is one of them (its vote decides a tie).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('commissions', (t) => {
    t.string('provider', 100).primary();
    t.text('members').notNullable();
    t.string('chair', 64).notNullable();
    t.string('updated_at', 30).notNullable();
    t.string('updated_by', 255).notNullable();
  });
  await knex.schema.createTable('commission_changes', (t) => {
    t.increments('id').primary();
    t.string('provider', 100).notNullable();
    t.text('members').notNullable();
    t.string('chair', 64).notNullable();
    t.string('changed_at', 30).notNullable();
    t.string('changed_by', 255).notNullable();
    t.index(['provider', 'id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('commission_changes');
  await knex.schema.dropTable('commissions');
}
