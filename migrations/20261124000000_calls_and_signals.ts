import type { Knex } from 'knex';

/**
 * Call activities start child instances; catch events may wait for signals as well as messages;
 * an instance row lists where it waits, so that lists and details need no joins.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('instances', (t) => {
    t.string('parent_instance_id', 64);
    t.string('parent_execution_id', 255);
    t.string('parent_element_id', 255);
    t.text('activities').notNullable().defaultTo('[]');
    t.index(['parent_instance_id']);
  });
  await knex.schema.alterTable('subscriptions', (t) => {
    t.string('kind', 16).notNullable().defaultTo('message');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('subscriptions', (t) => {
    t.dropColumn('kind');
  });
  await knex.schema.alterTable('instances', (t) => {
    t.dropIndex(['parent_instance_id']);
    t.dropColumn('activities');
    t.dropColumn('parent_element_id');
    t.dropColumn('parent_execution_id');
    t.dropColumn('parent_instance_id');
  });
}
