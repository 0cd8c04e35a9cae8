import type { Knex } from 'knex';
import { sessionsRepository, usersRepository } from './accounts.js';
import { archiveRepository } from './archive.js';
import { auditRepository } from './audit.js';
import { applyWrites, recorder, type Recorder, type Write } from './batch.js';
import { BatchChains, type ChainHead } from './chain.js';
import { openDatabase, optimizeDatabase, type Database, type Dialect } from './database.js';
import { calendarRepository } from './calendar.js';
import { commissionsRepository } from './commissions.js';
import { providersRepository } from './providers.js';
import { definitionsRepository } from './definitions.js';
import { decisionsRepository } from './decisions.js';
import { formsRepository } from './forms.js';
import { documentsRepository } from './documents.js';
import { historyRepository, historyWrites } from './history.js';
import { incidentsRepository, incidentWrites } from './incidents.js';
import { instancesRepository, instanceWrites } from './instances.js';
import { jobsRepository, jobWrites } from './jobs.js';
import { queuesRepository, queueWrites } from './queues.js';
import { subscriptionsRepository, subscriptionWrites } from './subscriptions.js';
import { settingsRepository } from './settings.js';
import { tasksRepository, taskWrites } from './tasks.js';
import { statsRepository } from './stats.js';

export type * from './types.js';
export { historyTypes } from './types.js';
export type { InstanceCursor, InstanceFilter } from './instances.js';
export type { QueueCursor } from './queues.js';
export type { HourCounts, RunningByProcess, RunningByStep } from './stats.js';
export type { TaskCursor, TaskFilter, TaskPage, TaskPaging, TaskSort, TaskVisibility, TaskWithCase } from './tasks.js';
export type { Dialect } from './database.js';
export type { JobLease } from './jobs.js';
export { countLimit, type Counted } from './counted.js';
export { StaleWriteError } from './batch.js';
export type { AuditReport, BreakReason, ChainBreak } from './audit.js';
export { genesisOf, emptyChain, type ChainHead } from './chain.js';
export type { ReadInstance } from './instances.js';
export { isDuplicateRunningBusinessKey } from './instances.js';
export { retryOnUniqueViolation, storageFault } from './faults.js';
export type { ArchivedCase, ArchiveFilter, ArchiveRunOptions, ArchiveRunResult } from './archive.js';

export interface Repositories {
  definitions: ReturnType<typeof definitionsRepository>;
  /** Deployed DMN decision versions. */
  decisions: ReturnType<typeof decisionsRepository>;
  /** Deployed task form versions. */
  forms: ReturnType<typeof formsRepository>;
  instances: ReturnType<typeof instancesRepository>;
  tasks: ReturnType<typeof tasksRepository>;
  jobs: ReturnType<typeof jobsRepository>;
  subscriptions: ReturnType<typeof subscriptionsRepository>;
  incidents: ReturnType<typeof incidentsRepository>;
  history: ReturnType<typeof historyRepository>;
  calendar: ReturnType<typeof calendarRepository>;
  documents: ReturnType<typeof documentsRepository>;
  settings: ReturnType<typeof settingsRepository>;
  users: ReturnType<typeof usersRepository>;
  sessions: ReturnType<typeof sessionsRepository>;
  /** Housing commissions per provider, and their changes. */
  commissions: ReturnType<typeof commissionsRepository>;
  /** The history chains checked (the audit trail). */
  audit: ReturnType<typeof auditRepository>;
  /** Aggregates for the dashboard. */
  stats: ReturnType<typeof statsRepository>;
  /** The housing waiting lists: their entries and serial numbers (seed 001). */
  queues: ReturnType<typeof queuesRepository>;
  /** The providers directory: names, BIN, address, and the body that provides each service. */
  providers: ReturnType<typeof providersRepository>;
  /**
   * Finished cases moved out of the hot tables (retention). The reads of one case by its id
   * (`instances.get`, `history.byInstance`, `tasks.list({ instanceId })`, `incidents.list({ instanceId })`,
   * `jobs.listByInstance`, `documents.byInstance`, `documents.get`, `audit.verify`) find an archived
   * case there when the hot tables have none of it, so that it reads as it did before.
   */
  archive: ReturnType<typeof archiveRepository>;
}

/**
 * Writes recorded now and applied together by `commit`: the rows a step writes, decided without
 * reading anything back. Guarded writes (an instance at the revision that was read, a task still
 * open, an incident still open) make the commit fail with StaleWriteError if their row changed.
 */
export interface Batch {
  instances: Recorder<ReturnType<typeof instanceWrites>>;
  tasks: Recorder<ReturnType<typeof taskWrites>>;
  jobs: Recorder<ReturnType<typeof jobWrites>>;
  subscriptions: Recorder<ReturnType<typeof subscriptionWrites>>;
  incidents: Recorder<ReturnType<typeof incidentWrites>>;
  history: Recorder<ReturnType<typeof historyWrites>>;
  /** Waiting-list numbers and entries, taken only if the whole step commits. */
  queues: Recorder<ReturnType<typeof queueWrites>>;
  /** An instance's history chain after everything recorded so far, for the row the batch writes (the kept row of a step). */
  chainHead(instanceId: string): ChainHead;
  /** Applies everything recorded, in order, all or nothing. */
  commit(): Promise<void>;
}

export interface Store extends Repositories {
  readonly dialect: Dialect;
  /** Runs `work` in one database transaction; everything it writes commits together or not at all. */
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
  /** A new batch of writes; the way to write when nothing needs reading in between (see Batch). */
  batch(): Batch;
  /** Row count per table, for operators and for tests that prove a rejected request stored nothing. */
  counts(): Promise<Record<string, number>>;
  /** Brings the query planner's statistics up to date (SQLite; see optimizeDatabase). Runs hourly by itself. */
  optimize(): Promise<void>;
  close(): Promise<void>;
}

const tables = ['definitions', 'decision_definitions', 'form_definitions', 'instances', 'tasks', 'jobs', 'subscriptions', 'incidents', 'history', 'calendar_overrides', 'documents', 'settings', 'users', 'sessions', 'commissions', 'commission_changes', 'queue_sequences', 'queue_entries', 'queue_entry_updates', 'providers', 'archived_instances', 'archived_documents', 'archived_subjects'];

function repositories(db: Knex, dialect: Dialect): Repositories {
  return readingArchive({
    definitions: definitionsRepository(db),
    decisions: decisionsRepository(db),
    forms: formsRepository(db),
    instances: instancesRepository(db),
    tasks: tasksRepository(db),
    jobs: jobsRepository(db, dialect),
    subscriptions: subscriptionsRepository(db),
    incidents: incidentsRepository(db),
    history: historyRepository(db),
    calendar: calendarRepository(db),
    documents: documentsRepository(db),
    settings: settingsRepository(db),
    users: usersRepository(db),
    sessions: sessionsRepository(db),
    commissions: commissionsRepository(db),
    audit: auditRepository(db),
    stats: statsRepository(db),
    queues: queuesRepository(db),
    providers: providersRepository(db),
    archive: archiveRepository(db, dialect),
  });
}

/**
 * The reads of one case that fall back to the archive when the hot tables hold nothing of it. Only
 * a miss costs the extra lookup; lists, the inbox and the job queue read the hot tables alone.
 */
function readingArchive(repos: Repositories): Repositories {
  const { archive } = repos;
  const archived = (id: string) => archive.get(id);
  const onlyInstance = (filter: object) => Object.keys(filter).every((k) => k === 'instanceId');
  return {
    ...repos,
    instances: { ...repos.instances, get: async (id) => (await repos.instances.get(id)) ?? (await archived(id))?.instance },
    history: { ...repos.history, byInstance: async (id) => orArchived(await repos.history.byInstance(id), async () => (await archived(id))?.history) },
    tasks: {
      ...repos.tasks,
      list: async (filter, limit) => {
        const rows = await repos.tasks.list(filter, limit);
        return filter.instanceId && onlyInstance(filter) ? orArchived(rows, async () => (await archived(filter.instanceId!))?.tasks.slice(0, limit ?? 500)) : rows;
      },
    },
    incidents: {
      ...repos.incidents,
      list: async (filter) => {
        const rows = await repos.incidents.list(filter);
        return filter.instanceId && onlyInstance(filter) ? orArchived(rows, async () => (await archived(filter.instanceId!))?.incidents) : rows;
      },
    },
    jobs: { ...repos.jobs, listByInstance: async (id) => orArchived(await repos.jobs.listByInstance(id), async () => (await archived(id))?.jobs) },
    documents: {
      ...repos.documents,
      byInstance: async (id) => orArchived(await repos.documents.byInstance(id), async () => (await archived(id))?.documents.map(({ content: _content, ...listed }) => listed)),
      get: async (id) => {
        const hot = await repos.documents.get(id);
        if (hot) return hot;
        const instanceId = await archive.caseOfDocument(id);
        return instanceId ? (await archived(instanceId))?.documents.find((d) => d.id === id) : undefined;
      },
    },
    audit: {
      ...repos.audit,
      verify: async (id) => (await repos.audit.verify(id)) ?? (await archive.verify(id)),
      async verifyAll(each = () => undefined) {
        const reports = await repos.audit.verifyAll(each);
        for (const id of await archive.ids()) {
          const report = (await archive.verify(id))!;
          each(report);
          reports.push(report);
        }
        return reports;
      },
    },
  };
}

/** The hot rows, or, when there are none, the archived case's (none either when it is not archived). */
async function orArchived<T>(hot: T[], fromArchive: () => Promise<T[] | undefined>): Promise<T[]> {
  return hot.length ? hot : ((await fromArchive()) ?? hot);
}

/** How often a SQLite store refreshes its planner statistics (optimizeDatabase). */
const optimizeEveryMs = 3_600_000;

export async function createStore(databaseUrl: string): Promise<Store> {
  const database: Database = await openDatabase(databaseUrl);
  const { knex, dialect } = database;
  const optimizing = dialect === 'sqlite' ? setInterval(() => void optimizeDatabase(database), optimizeEveryMs).unref() : undefined;
  const writes = {
    tasks: taskWrites(),
    jobs: jobWrites(),
    subscriptions: subscriptionWrites(),
    incidents: incidentWrites(),
    queues: queueWrites(),
  };
  return {
    ...repositories(knex, dialect),
    dialect,
    transaction: (work) => knex.transaction((trx) => work(repositories(trx, dialect))),
    batch() {
      const recorded: Write[] = [];
      // Instance and history writes share the batch's chains: history extends what the instance write read.
      const chains = new BatchChains();
      let committed = false;
      return {
        instances: recorder(instanceWrites(chains), recorded),
        tasks: recorder(writes.tasks, recorded),
        jobs: recorder(writes.jobs, recorded),
        subscriptions: recorder(writes.subscriptions, recorded),
        incidents: recorder(writes.incidents, recorded),
        history: recorder(historyWrites(chains), recorded),
        queues: recorder(writes.queues, recorded),
        chainHead: (instanceId) => chains.head(instanceId),
        async commit() {
          if (committed) throw new Error('this batch was committed already');
          committed = true;
          await applyWrites(knex, dialect, recorded);
        },
      };
    },
    async counts() {
      const out: Record<string, number> = {};
      for (const t of tables) {
        const row = await knex(t).count({ n: '*' }).first();
        out[t] = Number(row?.n ?? 0);
      }
      return out;
    },
    optimize: () => optimizeDatabase(database),
    close: () => {
      clearInterval(optimizing);
      return knex.destroy();
    },
  };
}
