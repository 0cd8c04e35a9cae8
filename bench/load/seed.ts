import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';

/**
 * Fills the inbox before a load run: `rows` task rows in bulk (one in ten open, the rest
 * completed), on `rows / 10` finished instances of the deployed `housing-assistance`, spread over
 * the clerks' groups, so that `GET /api/tasks` answers over a city's backlog while the load runs.
 * They belong to another district's provider (`backlogProvider`): each clerk's query runs over a
 * table that large, while their pages hold the run's own tasks only — with the backlog in their
 * own provider it would sort before the run's tasks that have no due date, and starve them. Writes
 * through the bench's own connection straight into the tables (the engine would take hours for a
 * million). Returns how many task rows it wrote.
 *
 * It writes the columns of the `tasks` table as migrations/ define them; a schema that adds a
 * table of candidates for the inbox's index needs its rows written here too.
 */
/** The provider the seeded backlog belongs to. */
export const backlogProvider = 'backlog';

export async function seedInbox(db: Knex, rows: number): Promise<number> {
  if (rows <= 0) return 0;
  const definition = await db('definitions').where({ key: 'housing-assistance' }).orderBy('version', 'desc').first();
  if (!definition) throw new Error('seedInbox: deploy housing-assistance first (the seeded tasks belong to its cases)');
  const groups = ['stateCorporation', 'executors', 'heads', 'specialists', 'commission'];
  const elements = ['reviewCompleteness', 'verifyInformation', 'signDecision', 'checkCompleteness'];
  const perInstance = 10;
  const base = Date.parse('2026-01-05T04:00:00Z');
  const chunk = 500;
  let written = 0;
  await db.transaction(async (tx) => {
    for (let start = 0; start < rows; start += chunk * perInstance) {
      const instances: Record<string, unknown>[] = [];
      const tasks: Record<string, unknown>[] = [];
      for (let i = start; i < Math.min(rows, start + chunk * perInstance); i += perInstance) {
        const id = randomUUID();
        const at = new Date(base + (i % 360) * 86_400_000).toISOString();
        instances.push({ id, definition_id: definition.id, definition_key: definition.key, definition_version: definition.version, business_key: `SEED-${i}`, provider: backlogProvider, status: 'completed', state: '{}', revision: 1, started_at: at, started_by: 'seed', ended_at: at });
        for (let k = 0; k < perInstance && i + k < rows; k++) {
          const open = k === 0;
          const due = new Date(base + ((i + k) % 365) * 86_400_000 + 34_200_000).toISOString();
          tasks.push({
            id: randomUUID(),
            instance_id: id,
            execution_id: `seed_${k}`,
            element_id: elements[k % elements.length],
            name: null,
            status: open ? 'open' : 'completed',
            assignee: null,
            candidate_groups: JSON.stringify([groups[(i / perInstance + k) % groups.length]]),
            provider: backlogProvider,
            candidate_users: '[]',
            form_key: null,
            due_at: due,
            created_at: at,
            claimed_at: null,
            ended_at: open ? null : due,
            completed_by: open ? null : 'seed',
          });
        }
      }
      await tx.batchInsert('instances', instances, 100);
      await tx.batchInsert('tasks', tasks, 100);
      written += tasks.length;
    }
  });
  // A live database of that size has been analysed by its node's hourly PRAGMA optimize (SQLite)
  // or autovacuum (PostgreSQL), and its WAL checkpointed many times over; a run right after a bulk
  // load would otherwise measure a 1-GB WAL's first checkpoint and plans made without statistics.
  if (db.client.config.client === 'sqlite3') {
    await db.raw('PRAGMA wal_checkpoint(TRUNCATE)');
    await db.raw('PRAGMA analysis_limit = 1000');
  }
  await db.raw('ANALYZE');
  return written;
}
