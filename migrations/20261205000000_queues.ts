import type { Knex } from 'knex';

/**
 * The housing waiting lists (seed 001: registration and queue for housing from the state stock,
 * issue 17). `queue_sequences` holds, per list and locality, the last serial number handed out;
 * `queue_entries` one row per registered family, numbered 1, 2, 3… in its list and locality.
 *
 * Both are written only in the batch of the step that completes the `queue.register` task (with
 * its instance row, under its revision): the sequence row moves from n − 1 to n and the entry with
 * number n is inserted, or nothing is. The constraints make a duplicate impossible even if code is
 * wrong: one entry per (list, locality, number), one per step (`step_key`, the service job's
 * idempotency key), numbers from 1, and every entry in a list and locality that has a sequence row.
 *
 * `queue_entry_updates`: the updates of the family's data (seed 001 para 11 and Appendix 3), each
 * recorded on the entry it changes.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('queue_sequences', (t) => {
    t.string('list', 64).notNullable();
    t.string('locality', 255).notNullable();
    t.integer('last_number').notNullable().defaultTo(0);
    t.primary(['list', 'locality']);
    t.check('?? >= 0', ['last_number'], 'queue_sequences_last_number_not_negative');
  });
  await knex.schema.createTable('queue_entries', (t) => {
    t.string('id', 64).primary();
    t.string('list', 64).notNullable();
    t.string('locality', 255).notNullable();
    t.integer('number').notNullable();
    t.string('instance_id', 64).notNullable();
    t.string('step_key', 255).notNullable().unique();
    t.string('iin', 12).notNullable();
    t.string('applicant', 255).notNullable();
    t.text('family').notNullable();
    t.string('registered_at', 30).notNullable();
    t.string('status', 16).notNullable();
    t.string('updated_at', 30);
    t.unique(['list', 'locality', 'number']);
    t.foreign(['list', 'locality']).references(['list', 'locality']).inTable('queue_sequences');
    t.check('?? >= 1', ['number'], 'queue_entries_number_positive');
    t.index(['iin']);
  });
  await knex.schema.createTable('queue_entry_updates', (t) => {
    t.string('id', 64).primary();
    t.string('entry_id', 64).notNullable().references('id').inTable('queue_entries');
    t.string('instance_id', 64).notNullable().unique();
    t.string('member_iin', 12);
    t.text('reason').notNullable();
    t.text('changes').notNullable();
    t.string('received_at', 30).notNullable();
    t.string('recorded_at', 30).notNullable();
    t.index(['entry_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('queue_entry_updates');
  await knex.schema.dropTable('queue_entries');
  await knex.schema.dropTable('queue_sequences');
}
