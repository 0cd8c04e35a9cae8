import type { Knex } from 'knex';
import type { Write } from './batch.js';
import { fromColumns, toColumns } from './rows.js';
import type { IncidentRow, IncidentStatus } from './types.js';

const table = 'incidents';
const from = (row: Record<string, unknown>) => fromColumns<IncidentRow>(row);

export function incidentWrites() {
  return {
    insert: (row: IncidentRow): Write[] => [{ statement: { table, insert: [toColumns({ ...row })] } }],
    /** Resolves an incident that is still open. */
    resolve: (id: string, at: string): Write[] => [{ statement: { table, where: { id, status: 'open' }, update: { status: 'resolved', resolved_at: at } }, guard: `incident ${id} open` }],
    /** Resolves whatever incidents of the instance are open. */
    resolveOpen: (instanceId: string, at: string): Write[] => [{ statement: { table, where: { instance_id: instanceId, status: 'open' }, update: { status: 'resolved', resolved_at: at } } }],
  };
}

/** Reads; incidents are written through batches (see incidentWrites). */
export function incidentsRepository(db: Knex) {
  return {
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
    /** Open incidents per instance, for the instances given (those without any are absent). */
    async openCounts(instanceIds: readonly string[]): Promise<Map<string, number>> {
      const out = new Map<string, number>();
      if (!instanceIds.length) return out;
      const rows = await db(table).select('instance_id').count({ n: '*' }).where('status', 'open').whereIn('instance_id', [...instanceIds]).groupBy('instance_id');
      for (const r of rows as { instance_id: string; n: number | string }[]) out.set(r.instance_id, Number(r.n));
      return out;
    },
  };
}

/** The row mapping, for an incident read back from the archive (src/store/archive.ts). */
export { from as incidentFromColumns };
