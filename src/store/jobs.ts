import type { Knex } from 'knex';
import { runWrites, type Write } from './batch.js';
import { fromColumns, toColumns } from './rows.js';
import type { JobRow } from './types.js';

const table = 'jobs';
const from = (row: Record<string, unknown>) => fromColumns<JobRow>(row);

/** A lock taken by a node: who, the lease clock's now and the instant the lock ends (ISO, lease clock). */
export interface JobLease {
  owner: string;
  now: string;
  until: string;
}

export function jobWrites() {
  return {
    /** Inserts rows the caller knows to be new (not among the instance's open rows). */
    insertMany: (rows: JobRow[]): Write[] => (rows.length ? [{ statement: { table, insert: rows.map((r) => toColumns({ ...r })) } }] : []),
    /** Ends the waiting jobs of these executions (waits that went away or fired), or all of the instance's waits (null) — not its monitoring stages, still owed when the case ends. */
    closeWaiting(instanceId: string, executionIds: readonly string[] | null, status: 'done' | 'canceled'): Write[] {
      const where = { instance_id: instanceId, status: 'waiting' };
      const which = executionIds ? { column: 'execution_id', values: executionIds } : { column: 'kind', values: ['timer', 'service', 'call', 'error'] };
      return [{ statement: { table, where, whereIn: which, update: { status, lock_owner: null, lock_expires_at: null } } }];
    },
    update: (id: string, patch: Partial<JobRow>): Write[] => [{ statement: { table, where: { id }, update: toColumns(patch) } }],
  };
}

export function jobsRepository(db: Knex, dialect: 'sqlite' | 'postgres') {
  const writes = jobWrites();
  return {
    async listByInstance(instanceId: string): Promise<JobRow[]> {
      return (await db(table).where({ instance_id: instanceId }).orderBy('created_at')).map(from);
    },
    /**
     * Locks up to `limit` jobs due by `dueBy` (ISO instant of the business clock) that are unlocked
     * or whose lock ended before `lease.now` (ISO instant of the lease clock, real time) for
     * `lease.owner` until `lease.until`, in one UPDATE … RETURNING. The two instants differ on
     * purpose: a manual business clock moved by days must not end the locks of running jobs. On
     * PostgreSQL the rows are picked with SKIP LOCKED so that several nodes never take the same
     * job; SQLite has one writer.
     */
    async acquire(dueBy: string, lease: JobLease, limit: number): Promise<JobRow[]> {
      const due = db(table)
        .select('id')
        .where('status', 'waiting')
        .andWhere('due_at', '<=', dueBy)
        .andWhere((q) => q.whereNull('lock_expires_at').orWhere('lock_expires_at', '<', lease.now))
        .orderBy('due_at')
        .limit(limit);
      if (dialect === 'postgres') due.forUpdate().skipLocked();
      const rows: Record<string, unknown>[] = await db(table).whereIn('id', due).update({ lock_owner: lease.owner, lock_expires_at: lease.until }, '*');
      return rows.map(from).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    },
    /** Unlocks the jobs of these ids that `owner` still holds, for any node to take at once. */
    async release(ids: readonly string[], owner: string): Promise<void> {
      if (ids.length) await db(table).whereIn('id', ids).andWhere({ lock_owner: owner, status: 'waiting' }).update({ lock_owner: null, lock_expires_at: null });
    },
    async update(id: string, patch: Partial<JobRow>): Promise<void> {
      await runWrites(db, writes.update(id, patch));
    },
  };
}

/** The row mapping, for a job read back from the archive (src/store/archive.ts). */
export { from as jobFromColumns };
