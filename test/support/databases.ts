import { createRequire } from 'node:module';
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
  /** A fresh, empty database URL for one test; undefined means the default temporary SQLite file. */
  fresh(): Promise<string | undefined>;
  /** Done with the databases fresh() gave: drops them (the cluster itself serves the whole run). */
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
  return [
    { name: 'SQLite', fresh: async () => undefined, stop: async () => undefined },
    {
      name: 'PostgreSQL',
      async fresh() {
        const { url } = await sharedPostgres();
        const name = `qyzmet_${process.pid}_${++run.databases}`;
        await execute(url, `CREATE DATABASE ${name}`);
        created.push(name);
        return url.replace(/\/[^/]+$/, `/${name}`);
      },
      async stop() {
        if (!created.length) return;
        const { url } = await sharedPostgres();
        // One still held by a pool that a test forgot to close stays; the cluster goes at the end anyway.
        for (const name of created.splice(0)) await execute(url, `DROP DATABASE IF EXISTS ${name}`).catch(() => undefined);
      },
    },
  ];
}
