import type { Knex } from 'knex';
import { runWrites, type Write } from './batch.js';
import { fromColumns, toColumns } from './rows.js';
import type { HistoryEvent } from './types.js';

const table = 'history';
const json = ['data'] as const;

/** Append-only: there is no update or delete here on purpose. */
export function historyWrites(db: Knex) {
  return {
    append(events: HistoryEvent[]): Write[] {
      // Plain multi-row inserts: knex's batchInsert would open a nested transaction (a savepoint) each time.
      const writes: Write[] = [];
      for (let i = 0; i < events.length; i += 50) writes.push({ query: db(table).insert(events.slice(i, i + 50).map((e) => toColumns({ ...e }, json))) });
      return writes;
    },
  };
}

export function historyRepository(db: Knex) {
  const writes = historyWrites(db);
  return {
    async append(events: HistoryEvent[]): Promise<void> {
      await runWrites(writes.append(events));
    },
    async byInstance(instanceId: string): Promise<HistoryEvent[]> {
      return (await db(table).where({ instance_id: instanceId }).orderBy('id')).map((r) => fromColumns<HistoryEvent>(r, json));
    },
  };
}
