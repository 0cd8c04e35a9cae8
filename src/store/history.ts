import type { Knex } from 'knex';
import { fromColumns, toColumns } from './rows.js';
import type { HistoryEvent } from './types.js';

const table = 'history';
const json = ['data'] as const;

/** Append-only: there is no update or delete here on purpose. */
export function historyRepository(db: Knex) {
  return {
    async append(events: HistoryEvent[]): Promise<void> {
      // Plain multi-row inserts: knex's batchInsert would open a nested transaction (a savepoint) each time.
      for (let i = 0; i < events.length; i += 50) {
        await db(table).insert(events.slice(i, i + 50).map((e) => toColumns({ ...e }, json)));
      }
    },
    async byInstance(instanceId: string): Promise<HistoryEvent[]> {
      return (await db(table).where({ instance_id: instanceId }).orderBy('id')).map((r) => fromColumns<HistoryEvent>(r, json));
    },
  };
}
