import { createRequire } from 'node:module';
import { startPostgres, type PostgresCluster } from './postgres.js';

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
  stop(): Promise<void>;
}

/** SQLite always; PostgreSQL 15 as a throw-away cluster that the tests start themselves. */
export function databaseTargets(): DatabaseTarget[] {
  let cluster: Promise<PostgresCluster> | undefined;
  let counter = 0;
  return [
    { name: 'SQLite', fresh: async () => undefined, stop: async () => undefined },
    {
      name: 'PostgreSQL',
      async fresh() {
        cluster ??= startPostgres();
        const { url } = await cluster;
        const name = `qyzmet_${process.pid}_${++counter}`;
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(`CREATE DATABASE ${name}`);
        await client.end();
        return url.replace(/\/[^/]+$/, `/${name}`);
      },
      async stop() {
        if (cluster) await (await cluster).stop();
      },
    },
  ];
}
