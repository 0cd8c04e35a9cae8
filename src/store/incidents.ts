import type { Knex } from 'knex';
import { fromColumns, toColumns } from './rows.js';
import type { IncidentRow, IncidentStatus } from './types.js';

const table = 'incidents';
const from = (row: Record<string, unknown>) => fromColumns<IncidentRow>(row);

export function incidentsRepository(db: Knex) {
  return {
    async insert(row: IncidentRow): Promise<void> {
      await db(table).insert(toColumns({ ...row }));
    },
    async get(id: string): Promise<IncidentRow | undefined> {
      const row = await db(table).where({ id }).first();
      return row && from(row);
    },
    async list(filter: { status?: IncidentStatus; instanceId?: string }): Promise<IncidentRow[]> {
      const q = db(table).orderBy('created_at', 'desc');
      if (filter.status) q.where('status', filter.status);
      if (filter.instanceId) q.where('instance_id', filter.instanceId);
      return (await q).map(from);
    },
    async resolve(id: string, at: string): Promise<boolean> {
      return (await db(table).where({ id, status: 'open' }).update({ status: 'resolved', resolved_at: at })) === 1;
    },
  };
}
