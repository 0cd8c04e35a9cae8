import type { Knex } from 'knex';
import type { Write } from './batch.js';
import type { BatchChains } from './chain.js';
import { fromColumns, toColumns } from './rows.js';
import type { HistoryEvent } from './types.js';

const table = 'history';
const json = ['data'] as const;
/** The row mapping; also for history read back from the archive (src/store/archive.ts). */
export const historyFromColumns = (row: Record<string, unknown>) => fromColumns<HistoryEvent>(row, json);

/**
 * Append-only: there is no update or delete here on purpose. History is written only in a batch
 * that also writes its instance under the instance's revision (see BatchChains), which links each
 * row into the instance's hash chain as it is recorded.
 */
export function historyWrites(chains: BatchChains) {
  return {
    append(events: HistoryEvent[]): Write[] {
      const rows = events.map((e) => {
        const columns = toColumns({ ...e }, json) as { instance_id: string };
        chains.extend(columns);
        return columns;
      });
      // Plain multi-row inserts: knex's batchInsert would open a nested transaction (a savepoint) each time.
      const writes: Write[] = [];
      for (let i = 0; i < rows.length; i += 50) writes.push({ statement: { table, insert: rows.slice(i, i + 50) } });
      return writes;
    },
  };
}

export function historyRepository(db: Knex) {
  return {
    /** In chain order (the order written). */
    async byInstance(instanceId: string): Promise<HistoryEvent[]> {
      return (await db(table).where({ instance_id: instanceId }).orderBy([{ column: 'seq' }, { column: 'id' }])).map(historyFromColumns);
    },
  };
}
