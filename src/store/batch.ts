import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Knex } from 'knex';
import type { Dialect } from './database.js';
import { runSqliteScript } from './sqliteScript.js';
import { knexQuery, sqliteText, type Statement } from './statement.js';

/**
 * One statement to write. A guarded one must change exactly one row; `guard` says which row, as it
 * was read. A statement given as a function is built when the batch is applied, from what the whole
 * batch recorded (an instance row's history head, after the history rows recorded after it).
 */
export interface Write {
  statement: Statement | (() => Statement);
  guard?: string;
}

/** The statement of a write, built now if it was recorded as a function. */
function built(write: Write): Statement {
  return typeof write.statement === 'function' ? write.statement() : write.statement;
}

/** A guarded write found its row changed since it was read; nothing of its batch was written. */
export class StaleWriteError extends Error {}

/** The writes of one table, each building the statements it takes (none, for nothing to write). */
export type Writes = Record<string, (...args: never[]) => Write[]>;

/** The same writes, recorded into a batch instead of run. */
export type Recorder<W extends Writes> = { [K in keyof W]: (...args: Parameters<W[K]>) => void };

/** Runs writes one after another on `db` (a connection or a transaction); false, with the rest not run, at the first guarded one that changed no row. */
export async function runWrites(db: Knex, writes: Write[]): Promise<boolean> {
  for (const write of writes) {
    const changed = await knexQuery(db, built(write));
    if (write.guard && changed !== 1) return false;
  }
  return true;
}

export function recorder<W extends Writes>(writes: W, into: Write[]): Recorder<W> {
  const out: Record<string, (...args: never[]) => void> = {};
  for (const [name, build] of Object.entries(writes)) out[name] = (...args) => void into.push(...build(...args));
  return out as Recorder<W>;
}

/**
 * Applies writes in order, all or nothing. On SQLite they go as one script — one trip to SQLite's
 * thread instead of one per statement, which is most of what a step costs there; elsewhere they
 * run one by one in a transaction. Throws StaleWriteError if a guarded write changed no row.
 */
/** The longest stretch, in milliseconds, that rendering a batch's SQL holds the event loop. */
const renderSliceMs = 8;

/**
 * The SQL of each write, rendered on the main thread: a step of a big diagram writes thousands of
 * history rows (in inserts of 50), so other requests get their turn between slices.
 */
async function renderInSlices(writes: Array<{ statement: Statement; guard?: string }>): Promise<Array<{ sql: string; guarded: boolean }>> {
  const statements: Array<{ sql: string; guarded: boolean }> = [];
  let sliceStart = performance.now();
  for (const write of writes) {
    statements.push({ sql: sqliteText(write.statement), guarded: write.guard !== undefined });
    if (performance.now() - sliceStart > renderSliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
  return statements;
}

export async function applyWrites(knex: Knex, dialect: Dialect, recorded: Write[]): Promise<void> {
  if (recorded.length === 0) return;
  const writes = recorded.map((w) => ({ ...w, statement: built(w) }));
  const stale = () => new StaleWriteError(`changed meanwhile: ${writes.flatMap((w) => w.guard ?? []).join('; or ')}`);
  if (dialect === 'sqlite') {
    const statements = await renderInSlices(writes);
    // SQLite reads a script up to its first NUL character, so text holding one goes statement by statement.
    if (!statements.some((s) => s.sql.includes('\0'))) {
      const connection = await knex.client.acquireConnection();
      try {
        if (!(await runSqliteScript(connection, statements))) throw stale();
        return;
      } finally {
        await knex.client.releaseConnection(connection);
      }
    }
  }
  try {
    await knex.transaction(async (trx) => {
      if (!(await runWrites(trx, writes))) throw stale();
    });
  } catch (err) {
    // PostgreSQL rolled the whole transaction back to break a cycle of row locks with another
    // writer (40P01) or a conflict it cannot serialise (40001): a race lost like a changed
    // revision, so the step is read and run again (or answered 409), never a 500.
    if (lostRace(err)) throw new StaleWriteError(`changed meanwhile: ${(err as Error).message}`);
    throw err;
  }
}

/** PostgreSQL's SQLSTATEs for a transaction it aborted because of a concurrent one: deadlock_detected, serialization_failure. */
function lostRace(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
}
