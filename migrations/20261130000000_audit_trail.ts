import type { Knex } from 'knex';
import { emptyChain, link, type ChainHead } from '../src/store/chain.js';

/**
 * The audit trail: each history row gets its place in its instance's hash chain (`seq`), the hash
 * of the row before it and its own; each instance row the chain's head (see src/store/chain.ts).
 *
 * History written before this migration is chained by it, in the order it was written (by id):
 * those rows then verify like any other, but their hashes vouch only for what they held when the
 * migration ran, not for anything done to them before. (The alternative, leaving them out as
 * "before the audit trail", would let anyone delete them unnoticed.)
 *
 * A unique (instance_id, seq) index replaces (instance_id, id): history is read by instance in
 * chain order, and two rows can never claim the same place in a chain.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('history', (t) => {
    t.integer('seq');
    t.string('prev_hash', 64);
    t.string('hash', 64);
  });
  await knex.schema.alterTable('instances', (t) => {
    t.integer('history_seq').notNullable().defaultTo(0);
    t.string('history_head', 64);
  });

  const instanceIds: string[] = (await knex('instances').select('id').orderBy('id')).map((r: { id: string }) => r.id);
  for (const instanceId of instanceIds) {
    let head: ChainHead = emptyChain(instanceId);
    const rows = await knex('history').select('id', 'instance_id', 'definition_id', 'definition_version', 'type', 'element_id', 'element_type', 'execution_id', 'actor', 'at', 'data').where({ instance_id: instanceId }).orderBy('id');
    for (const row of rows) {
      head = link(head, row);
      await knex('history').where({ id: row.id }).update({ seq: row.seq, prev_hash: row.prev_hash, hash: row.hash });
    }
    await knex('instances').where({ id: instanceId }).update({ history_seq: head.historySeq, history_head: head.historyHead });
  }

  await knex.schema.alterTable('history', (t) => {
    t.dropIndex(['instance_id', 'id']);
    t.unique(['instance_id', 'seq']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('history', (t) => {
    t.dropUnique(['instance_id', 'seq']);
    t.index(['instance_id', 'id']);
  });
  await knex.schema.alterTable('history', (t) => {
    t.dropColumn('seq');
    t.dropColumn('prev_hash');
    t.dropColumn('hash');
  });
  await knex.schema.alterTable('instances', (t) => {
    t.dropColumn('history_seq');
    t.dropColumn('history_head');
  });
}
