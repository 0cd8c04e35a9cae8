import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { createStore } from '../../src/store/index.js';
import { startPostgres, type PostgresCluster } from './postgres.js';
import { runWide } from './shared.js';

interface PgClient {
  connect(): Promise<unknown>;
  query(sql: string): Promise<unknown>;
  end(): Promise<void>;
}
const pg = createRequire(import.meta.url)('pg') as { Client: new (config: { connectionString: string }) => PgClient };

export interface DatabaseTarget {
  name: string;
  /**
   * A fresh database URL for one test, its schema migrated and nothing else in it (a copy of one
   * the run migrated once: the migrations, run for each test, cost a PostgreSQL database a second);
   * undefined means the default temporary SQLite file, which testQyzmet copies from a migrated one.
   */
  fresh(): Promise<string | undefined>;
  /**
   * A database URL for one test, holding what `prepare` wrote into a fresh database the first time
   * this run asked for `key` (say, the demo accounts and a set of deployed regulations): SQLite
   * copies the template file, PostgreSQL creates the database from the template database
   * (CREATE DATABASE … TEMPLATE). `prepare` must close every connection it opened before it
   * resolves. The key names everything prepare depends on.
   */
  copyOf(key: string, prepare: (url: string) => Promise<void>): Promise<string>;
  /** Done with the databases fresh() and copyOf() gave: drops them (the cluster and the templates serve the whole run). */
  stop(): Promise<void>;
}

/**
 * The run's one throw-away PostgreSQL 15 cluster: initdb and a server start cost seconds, and each
 * test gets a database of its own in it anyway. With the project's mocha configuration the main
 * mocha process starts it before any file runs (`startRunPostgres`, a global setup fixture in
 * test/support/hooks.ts) and hands its URL to every worker process in QYZMET_TEST_POSTGRES_URL; a
 * run without the hooks (a targeted `mocha --no-config`) starts one on first use and leaves it to
 * postgres.ts's exit hook.
 */
const RUN_POSTGRES_URL = 'QYZMET_TEST_POSTGRES_URL';
const run = runWide('postgres', () => ({ cluster: undefined as Promise<PostgresCluster> | undefined, databases: 0 }));

/**
 * The run's templates (copyOf), by database kind and key: a SQLite file in a folder removed when
 * the process exits, or a PostgreSQL database that goes with the cluster.
 */
const templates = runWide('templates', () => ({ made: new Map<string, Promise<string>>(), dir: undefined as string | undefined, files: 0 }));

function templateOf(kind: string, key: string, make: () => Promise<string>): Promise<string> {
  const id = JSON.stringify([kind, key]);
  let made = templates.made.get(id);
  if (!made) {
    made = make();
    // A failed preparation fails its test, and the next one tries again.
    made.catch(() => templates.made.delete(id));
    templates.made.set(id, made);
  }
  return made;
}

function sqliteFolder(): string {
  if (!templates.dir) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-templates-'));
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    templates.dir = dir;
  }
  return templates.dir;
}

function sharedPostgres(): Promise<{ url: string }> {
  const given = process.env[RUN_POSTGRES_URL];
  if (given) return Promise.resolve({ url: given });
  if (!run.cluster) {
    const started = startPostgres();
    // A failed start is retried by the next file rather than failing every later one.
    started.catch(() => {
      if (run.cluster === started) run.cluster = undefined;
    });
    run.cluster = started;
  }
  return run.cluster;
}

/** Global setup: starts the run's cluster in this process and tells the worker processes (started later, with this environment) its URL. */
export async function startRunPostgres(): Promise<void> {
  const { url } = await sharedPostgres();
  process.env[RUN_POSTGRES_URL] = url;
}

export async function stopSharedPostgres(): Promise<void> {
  const running = run.cluster;
  run.cluster = undefined;
  delete process.env[RUN_POSTGRES_URL];
  if (running) await (await running).stop();
}

async function execute(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** SQLite always; PostgreSQL 15 as a throw-away cluster that the tests start themselves. */
export function databaseTargets(): DatabaseTarget[] {
  const created: string[] = [];
  const copies: string[] = [];
  const database = (url: string, name: string) => url.replace(/\/[^/]+$/, `/${name}`);
  const postgresCopy: DatabaseTarget['copyOf'] = async (key, prepare) => {
    const { url } = await sharedPostgres();
    const template = await templateOf('postgres', key, async () => {
      const name = `qyzmet_${process.pid}_template_${++run.databases}`;
      await execute(url, `CREATE DATABASE ${name}`);
      await prepare(database(url, name));
      return name;
    });
    const name = `qyzmet_${process.pid}_${++run.databases}`;
    // Fails while anyone is still connected to the template, naming it: prepare closes its pools.
    await execute(url, `CREATE DATABASE ${name} TEMPLATE ${template}`);
    created.push(name);
    return database(url, name);
  };
  return [
    {
      name: 'SQLite',
      fresh: async () => undefined,
      async copyOf(key, prepare) {
        const template = await templateOf('sqlite', key, async () => {
          const file = path.join(sqliteFolder(), `template-${++templates.files}.sqlite`);
          await prepare(`sqlite:${file}`);
          // Closed, the WAL is checkpointed into the file: the file alone is the whole database.
          if (fs.existsSync(`${file}-wal`) && fs.statSync(`${file}-wal`).size > 0) throw new Error(`copyOf(${key}): prepare left ${file} open`);
          return file;
        });
        const file = path.join(sqliteFolder(), `copy-${++templates.files}.sqlite`);
        fs.copyFileSync(template, file);
        copies.push(file);
        return `sqlite:${file}`;
      },
      async stop() {
        for (const file of copies.splice(0)) for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
      },
    },
    {
      name: 'PostgreSQL',
      fresh: () => postgresCopy('migrated', async (url) => (await createStore(url)).close()),
      copyOf: postgresCopy,
      async stop() {
        if (!created.length) return;
        const { url } = await sharedPostgres();
        // One still held by a pool that a test forgot to close stays; the cluster goes at the end anyway.
        for (const name of created.splice(0)) await execute(url, `DROP DATABASE IF EXISTS ${name}`).catch(() => undefined);
      },
    },
  ];
}
