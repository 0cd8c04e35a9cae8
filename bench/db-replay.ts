/**
 * The database work of one instance of bench/bench.bpmn (start → service → user task → service →
 * end: 4 write batches and the task read by its completion, a 5.6 KiB state row, 16 history rows), replayed without the
 * engine: (i) through Qyzmet's store (knex + sqlite3, each batch one script), and (ii) when the
 * better-sqlite3 package is installed, through it with prepared statements on the same schema.
 * (ii) answers "what would a synchronous SQLite driver save"; better-sqlite3 is not a dependency.
 *
 *   npm run bench:db                                          (i) only
 *   npm install --no-save better-sqlite3 && npm run bench:db  (i) and (ii)
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createStore, type HistoryEvent, type InstanceRow, type JobRow, type TaskRow } from '../src/store/index.js';

const N = 2000;
const WARMUP = 200;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-db-replay-'));
process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));

const now = new Date().toISOString();
const state = JSON.stringify({ s: 'x'.repeat(5600) });
const definitionId = randomUUID();

const history = (instanceId: string, count: number): HistoryEvent[] =>
  Array.from({ length: count }, (_, i) => ({
    instanceId,
    definitionId,
    definitionVersion: 1,
    type: 'activity.entered',
    elementId: `e${i}`,
    elementType: 'bpmn:Task',
    executionId: `x${i}`,
    actor: 'bench',
    at: now,
    data: { i },
  }));
const serviceJob = (instanceId: string): JobRow => ({
  id: randomUUID(),
  instanceId,
  executionId: randomUUID(),
  elementId: 'lookup',
  kind: 'service',
  topic: 'bench.lookup',
  status: 'waiting',
  dueAt: now,
  lockOwner: 'bench',
  lockExpiresAt: now,
  attempts: 0,
  maxAttempts: 3,
  lastError: null,
  createdAt: now,
});
const instance = (id: string): InstanceRow => ({
  id,
  definitionId,
  definitionKey: 'bench',
  definitionVersion: 1,
  businessKey: null,
  status: 'running',
  state,
  revision: 0,
  startedAt: now,
  startedBy: 'bench',
  endedAt: null,
  parentInstanceId: null,
  parentExecutionId: null,
  parentElementId: null,
  activities: [],
  term: null,
  registeredAt: null,
  dueAt: null,
  resultAt: null,
  provider: 'default',
  historySeq: 0,
  historyHead: '',
  consentAt: null,
});
const task = (id: string, instanceId: string): TaskRow => ({
  id,
  instanceId,
  provider: 'default',
  executionId: 'decide_1',
  elementId: 'decide',
  name: 'Decide',
  status: 'open',
  assignee: null,
  candidateGroups: ['clerks'],
  candidateUsers: [],
  formKey: null,
  dueAt: null,
  createdAt: now,
  claimedAt: null,
  endedAt: null,
  completedBy: null,
});

// (i) Qyzmet's store
const store = await createStore(`sqlite:${path.join(dir, 'knex.sqlite')}`);
await store.definitions.insert({ id: definitionId, key: 'bench', version: 1, name: null, deploymentName: 'bench', xml: '<x/>', contentHash: 'h', deployedAt: now, deployedBy: 'bench', effectiveFrom: null, source: 'api', sourceFile: null });

async function throughStore() {
  const id = randomUUID();
  const lookup = serviceJob(id);
  const launch = store.batch();
  launch.instances.insert(instance(id));
  launch.jobs.insertMany([lookup]);
  launch.history.append(history(id, 3));
  await launch.commit();
  const taskId = randomUUID();
  const looked = store.batch();
  looked.jobs.update(lookup.id, { status: 'done', attempts: 1, lockOwner: null, lockExpiresAt: null });
  // A step knows its instance's chain head from the row it read (here: the row the last batch wrote).
  looked.instances.update({ id, revision: 0, ...launch.chainHead(id) }, { state, status: 'running', endedAt: null, activities: [] });
  looked.tasks.insertMany([task(taskId, id)]);
  looked.history.append(history(id, 4));
  await looked.commit();
  await store.tasks.get(taskId);
  const notify = serviceJob(id);
  const completed = store.batch();
  completed.tasks.update(taskId, { status: 'open' }, { status: 'completed', endedAt: now, completedBy: 'clerk' });
  completed.instances.update({ id, revision: 1, ...looked.chainHead(id) }, { state, status: 'running', endedAt: null, activities: [] });
  completed.jobs.insertMany([notify]);
  completed.history.append(history(id, 4));
  await completed.commit();
  const notified = store.batch();
  notified.jobs.update(notify.id, { status: 'done', attempts: 1, lockOwner: null, lockExpiresAt: null });
  notified.instances.update({ id, revision: 2, ...completed.chainHead(id) }, { state, status: 'completed', endedAt: now, activities: [] });
  notified.history.append(history(id, 5));
  await notified.commit();
}

for (let i = 0; i < WARMUP; i++) await throughStore();
const elu0 = performance.eventLoopUtilization();
let t = performance.now();
for (let i = 0; i < N; i++) await throughStore();
const storeMs = (performance.now() - t) / N;
const busyMs = performance.eventLoopUtilization(elu0).active / N;
console.log(`(i)  knex + sqlite3, a script per batch:    ${storeMs.toFixed(3)} ms per instance (main thread busy ${busyMs.toFixed(3)} ms)`);
await store.close();

// (ii) better-sqlite3, if present
interface Statement {
  run(...params: unknown[]): { changes: number };
  get(...params: unknown[]): unknown;
}
interface SyncDatabase {
  pragma(source: string): unknown;
  prepare(sql: string): Statement;
  transaction(work: () => void): () => void;
  close(): void;
}
let Driver: new (file: string) => SyncDatabase;
try {
  Driver = createRequire(import.meta.url)('better-sqlite3');
} catch {
  console.log('(ii) better-sqlite3 is not installed: `npm install --no-save better-sqlite3` to compare with a synchronous driver');
  process.exit(0);
}
// The same schema, made by Qyzmet's migrations.
fs.copyFileSync(path.join(dir, 'knex.sqlite'), path.join(dir, 'sync.sqlite'));
const db = new Driver(path.join(dir, 'sync.sqlite'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('foreign_keys = ON');
const sql = {
  insertInstance: db.prepare('insert into instances (id, definition_id, definition_key, definition_version, business_key, status, state, revision, started_at, started_by, activities) values (?,?,?,?,?,?,?,?,?,?,?)'),
  insertJob: db.prepare('insert into jobs (id, instance_id, execution_id, element_id, kind, topic, status, due_at, lock_owner, lock_expires_at, attempts, max_attempts, last_error, created_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?)'),
  insertHistory: db.prepare('insert into history (instance_id, definition_id, definition_version, type, element_id, element_type, execution_id, actor, at, data) values (?,?,?,?,?,?,?,?,?,?)'),
  finishJob: db.prepare('update jobs set status = ?, attempts = ?, lock_owner = null, lock_expires_at = null where id = ?'),
  updateInstance: db.prepare('update instances set state = ?, status = ?, ended_at = ?, activities = ?, revision = ? where id = ? and revision = ?'),
  insertTask: db.prepare('insert into tasks (id, instance_id, execution_id, element_id, name, status, candidate_groups, candidate_users, created_at) values (?,?,?,?,?,?,?,?,?)'),
  getTask: db.prepare('select * from tasks where id = ?'),
  completeTask: db.prepare("update tasks set status = ?, ended_at = ?, completed_by = ? where id = ? and status = 'open'"),
};
const appendHistory = (id: string, count: number) => {
  for (const h of history(id, count)) sql.insertHistory.run(h.instanceId, h.definitionId, 1, h.type, h.elementId, h.elementType, h.executionId, h.actor, h.at, JSON.stringify(h.data));
};
const insertJob = (j: JobRow) => sql.insertJob.run(j.id, j.instanceId, j.executionId, j.elementId, j.kind, j.topic, j.status, j.dueAt, j.lockOwner, j.lockExpiresAt, 0, 3, null, now);
const advance = (id: string, revision: number, status: string) => {
  if (!sql.updateInstance.run(state, status, status === 'completed' ? now : null, '[]', revision + 1, id, revision).changes) throw new Error('revision conflict');
};

function throughSyncDriver() {
  const id = randomUUID();
  const lookup = serviceJob(id);
  db.transaction(() => {
    sql.insertInstance.run(id, definitionId, 'bench', 1, null, 'running', state, 0, now, 'bench', '[]');
    insertJob(lookup);
    appendHistory(id, 3);
  })();
  const taskId = randomUUID();
  db.transaction(() => {
    sql.finishJob.run('done', 1, lookup.id);
    advance(id, 0, 'running');
    sql.insertTask.run(taskId, id, 'decide_1', 'decide', 'Decide', 'open', '["clerks"]', '[]', now);
    appendHistory(id, 4);
  })();
  sql.getTask.get(taskId);
  const notify = serviceJob(id);
  db.transaction(() => {
    sql.completeTask.run('completed', now, 'clerk', taskId);
    advance(id, 1, 'running');
    insertJob(notify);
    appendHistory(id, 4);
  })();
  db.transaction(() => {
    sql.finishJob.run('done', 1, notify.id);
    advance(id, 2, 'completed');
    appendHistory(id, 5);
  })();
}

for (let i = 0; i < WARMUP; i++) throughSyncDriver();
t = performance.now();
for (let i = 0; i < N; i++) throughSyncDriver();
const syncMs = (performance.now() - t) / N;
console.log(`(ii) better-sqlite3, synchronous, prepared: ${syncMs.toFixed(3)} ms per instance (all of it on the main thread)`);
db.close();
