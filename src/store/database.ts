import fs from 'node:fs';
import path from 'node:path';
import type sqlite3 from 'sqlite3';
import knexFactory, { type Knex } from 'knex';
import { migrationSource } from './migrations.js';
import { sqliteGuardSchema } from './sqliteScript.js';
import { cachePreparedStatements } from './statements.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  readonly knex: Knex;
  readonly dialect: Dialect;
}

/** Opens `sqlite:PATH` (WAL, created with its folder) or `postgres://…` and applies pending migrations. */
export async function openDatabase(url: string): Promise<Database> {
  const database = url.startsWith('sqlite:') ? openSqlite(url.slice('sqlite:'.length)) : openPostgres(url);
  // knex takes its migration lock (a write) even with nothing to migrate; asking first lets a node
  // start on a database it may only read (a read-only file system), serve reads and refuse writes.
  const [, pending] = (await database.knex.migrate.list({ migrationSource })) as [unknown[], unknown[]];
  if (pending.length) await database.knex.migrate.latest({ migrationSource });
  await optimizeDatabase(database);
  return database;
}

/**
 * Keeps SQLite's query planner statistics current: `PRAGMA optimize` (with the 0x10000 flag: every
 * table) runs ANALYZE on the tables never analysed or grown tenfold since, sampling at most
 * `analysis_limit` rows of each index, so it costs milliseconds on a small file and about a third of a
 * second on a million task rows. Without statistics SQLite chooses indexes by rule of thumb, and on
 * a big table it may read a case's tasks through the (status, due date) index, a hundred thousand
 * rows, instead of the case's own few (https://www.sqlite.org/lang_analyze.html,
 * https://www.sqlite.org/pragma.html#pragma_optimize). Run when a database is opened and then
 * periodically (createStore: hourly). PostgreSQL's autovacuum analyses by itself: nothing to do.
 * Never fails: on a read-only file the statistics stay as they are and reads still work.
 */
export async function optimizeDatabase({ knex, dialect }: Database): Promise<void> {
  if (dialect !== 'sqlite') return;
  await knex.raw('PRAGMA optimize = 0x10002').catch(() => undefined);
}

/**
 * WAL with FULL sync: the WAL is synced at every commit, so a step that was acknowledged survives
 * an OS crash or a power cut, not only a killed process (NORMAL syncs only at checkpoints and may
 * lose the last commits; https://www.sqlite.org/pragma.html#pragma_synchronous). Measured cost on
 * the project's VM: the README's "Measured" section, `npm run bench:sync`. Checkpoints come every
 * 10,000 pages (about 40 MB of WAL) instead of SQLite's 1,000: each step rewrites the same few
 * pages (its instance row and that row's overflow pages, index leaves), and a later checkpoint
 * writes each of them once for many steps. `analysis_limit` bounds what ANALYZE reads (optimizeDatabase).
 */
const pragmas = 'PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = 10000; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA analysis_limit = 1000;';

function openSqlite(file: string): Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const knex = knexFactory({
    client: 'sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
    // One connection: SQLite has one writer, and a single connection keeps transactions strictly serial.
    pool: {
      min: 1,
      max: 1,
      afterCreate(conn: sqlite3.Database, done: (err: Error | null, conn: unknown) => void) {
        cachePreparedStatements(conn);
        conn.exec(`${pragmas} ${sqliteGuardSchema}`, (err) => done(err, conn));
      },
    },
  });
  return { knex, dialect: 'sqlite' };
}

function openPostgres(url: string): Database {
  const knex = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 10 } });
  return { knex, dialect: 'postgres' };
}
