import type { Knex } from 'knex';
import { fromColumns, toColumns } from './rows.js';
import type { HistoryEvent } from './types.js';

const table = 'history';
const json = ['data'] as const;

/** Append-only: there is no update or delete here on purpose. */
export function historyRepository(db: Knex) {
  return {
    async append(events: HistoryEvent[]): Promise<void> {
      if (events.length === 0) return;
      await db.batchInsert(table, events.map((e) => toColumns({ ...e }, json)), 100);
    },
    async byInstance(instanceId: string): Promise<HistoryEvent[]> {
      return (await db(table).where({ instance_id: instanceId }).orderBy('id')).map((r) => fromColumns<HistoryEvent>(r, json));
    },
  };
}
