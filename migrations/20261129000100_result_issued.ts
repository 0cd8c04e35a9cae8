import type { Knex } from 'knex';

/**
 * When a case's result (or refusal) went out: the moment its statutory term is met or missed, even
 * though the case may wait on afterwards (a complaint window). Cases that completed before this
 * column existed gave their result when they ended.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('instances', (t) => {
    t.string('result_at', 30);
  });
  await knex('instances').where({ status: 'completed' }).update({ result_at: knex.ref('ended_at') });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('instances', (t) => {
    t.dropColumn('result_at');
  });
}
