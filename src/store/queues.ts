import type { Knex } from 'knex';
import type { Write } from './batch.js';
import { fromColumns, toColumns } from './rows.js';
import type { QueueEntryRow, QueueEntryUpdateRow } from './types.js';

const sequences = 'queue_sequences';
const entries = 'queue_entries';
const updates = 'queue_entry_updates';
const entryFrom = (row: Record<string, unknown>) => fromColumns<QueueEntryRow>(row, ['family']);
const updateFrom = (row: Record<string, unknown>) => fromColumns<QueueEntryUpdateRow>(row, ['changes']);

/**
 * Waiting-list writes, recorded in the batch of the step they belong to. `take` hands out a serial
 * number: the sequence row moves from `number − 1` to `number` (a guarded write: if another step
 * took that number meanwhile, the whole batch writes nothing) and the entry is inserted.
 */
export function queueWrites() {
  return {
    take: (entry: QueueEntryRow): Write[] => [
      {
        statement: { table: sequences, update: { last_number: entry.number }, where: { list: entry.list, locality: entry.locality, last_number: entry.number - 1 } },
        guard: `queue ${entry.list}/${entry.locality} at number ${entry.number - 1}`,
      },
      { statement: { table: entries, insert: [toColumns({ ...entry }, ['family'])] } },
    ],
    /** Records an update of the family's data on its entry. */
    recordUpdate: (update: QueueEntryUpdateRow): Write[] => [
      { statement: { table: updates, insert: [toColumns({ ...update }, ['changes'])] } },
      { statement: { table: entries, update: { updated_at: update.recordedAt }, where: { id: update.entryId } }, guard: `queue entry ${update.entryId}` },
    ],
  };
}

/** Where a page of a list starts: after this locality and number. */
export interface QueueCursor {
  locality: string;
  number: number;
}

/** Reads, and the sequence rows made ahead of the first number (which hand out nothing). */
export function queuesRepository(db: Knex) {
  return {
    /** Makes the list's sequence row in this locality at 0 if there is none, so that `take` has a row to guard. */
    async ensureSequence(list: string, locality: string): Promise<void> {
      await db(sequences).insert({ list, locality, last_number: 0 }).onConflict(['list', 'locality']).ignore();
    },
    /** The last number handed out in the list and locality; 0 before the first. */
    async lastNumber(list: string, locality: string): Promise<number> {
      const row = await db(sequences).where({ list, locality }).first('last_number');
      return Number(row?.last_number ?? 0);
    },
    /** The entry a step (by its idempotency key) took, if it committed. */
    async byStepKey(stepKey: string): Promise<QueueEntryRow | undefined> {
      const row = await db(entries).where({ step_key: stepKey }).first();
      return row && entryFrom(row);
    },
    async get(id: string): Promise<QueueEntryRow | undefined> {
      const row = await db(entries).where({ id }).first();
      return row && entryFrom(row);
    },
    async find(list: string, locality: string, number: number): Promise<QueueEntryRow | undefined> {
      const row = await db(entries).where({ list, locality, number }).first();
      return row && entryFrom(row);
    },
    /** The entries whose applicant has this IIN, oldest first. */
    async byIin(iin: string): Promise<QueueEntryRow[]> {
      return (await db(entries).where({ iin }).orderBy('registered_at').orderBy('id')).map(entryFrom);
    },
    /**
     * A page of a list in queue order: by locality, then number. `after` continues from the last
     * entry of the previous page; `provider` keeps the entries of that provider's cases.
     */
    async list(list: string, options: { locality?: string; after?: QueueCursor; limit: number; provider?: string }): Promise<QueueEntryRow[]> {
      const q = db(entries).where({ list }).orderBy('locality').orderBy('number').limit(options.limit);
      if (options.locality !== undefined) q.where({ locality: options.locality });
      // Only the families whose registering case belongs to this provider.
      if (options.provider !== undefined) q.whereIn('instance_id', db('instances').select('id').where({ provider: options.provider }));
      const after = options.after;
      if (after) q.where((w) => w.where('locality', '>', after.locality).orWhere((same) => same.where('locality', after.locality).andWhere('number', '>', after.number)));
      return (await q).map(entryFrom);
    },
    /** The update a case recorded, if it did. */
    async updateOfInstance(instanceId: string): Promise<QueueEntryUpdateRow | undefined> {
      const row = await db(updates).where({ instance_id: instanceId }).first();
      return row && updateFrom(row);
    },
    async updatesOf(entryId: string): Promise<QueueEntryUpdateRow[]> {
      return (await db(updates).where({ entry_id: entryId }).orderBy('recorded_at').orderBy('id')).map(updateFrom);
    },
  };
}
