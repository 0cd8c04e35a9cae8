import type { Knex } from 'knex';
import { openDatabase, type Database, type Dialect } from './database.js';
import { calendarRepository } from './calendar.js';
import { definitionsRepository } from './definitions.js';
import { documentsRepository } from './documents.js';
import { historyRepository } from './history.js';
import { incidentsRepository } from './incidents.js';
import { instancesRepository } from './instances.js';
import { jobsRepository } from './jobs.js';
import { subscriptionsRepository } from './subscriptions.js';
import { tasksRepository } from './tasks.js';

export type * from './types.js';
export type { InstanceFilter } from './instances.js';
export type { TaskFilter } from './tasks.js';
export type { Dialect } from './database.js';

export interface Repositories {
  definitions: ReturnType<typeof definitionsRepository>;
  instances: ReturnType<typeof instancesRepository>;
  tasks: ReturnType<typeof tasksRepository>;
  jobs: ReturnType<typeof jobsRepository>;
  subscriptions: ReturnType<typeof subscriptionsRepository>;
  incidents: ReturnType<typeof incidentsRepository>;
  history: ReturnType<typeof historyRepository>;
  calendar: ReturnType<typeof calendarRepository>;
  documents: ReturnType<typeof documentsRepository>;
}

export interface Store extends Repositories {
  readonly dialect: Dialect;
  /** Runs `work` in one database transaction; everything it writes commits together or not at all. */
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
  /** Row count per table, for operators and for tests that prove a rejected request stored nothing. */
  counts(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

const tables = ['definitions', 'instances', 'tasks', 'jobs', 'subscriptions', 'incidents', 'history', 'calendar_overrides', 'documents'];

function repositories(db: Knex, dialect: Dialect): Repositories {
  return {
    definitions: definitionsRepository(db),
    instances: instancesRepository(db),
    tasks: tasksRepository(db),
    jobs: jobsRepository(db, dialect),
    subscriptions: subscriptionsRepository(db),
    incidents: incidentsRepository(db),
    history: historyRepository(db),
    calendar: calendarRepository(db),
    documents: documentsRepository(db),
  };
}

export async function createStore(databaseUrl: string): Promise<Store> {
  const { knex, dialect }: Database = await openDatabase(databaseUrl);
  return {
    ...repositories(knex, dialect),
    dialect,
    transaction: (work) => knex.transaction((trx) => work(repositories(trx, dialect))),
    async counts() {
      const out: Record<string, number> = {};
      for (const t of tables) {
        const row = await knex(t).count({ n: '*' }).first();
        out[t] = Number(row?.n ?? 0);
      }
      return out;
    },
    close: () => knex.destroy(),
  };
}
