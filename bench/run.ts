/**
 * Throughput, latency, memory and time split of one small process
 *   start → service task → user task → service task → end   (bench/bench.bpmn)
 * run (a) on bare bpmn-engine in memory and (b) on Qyzmet with every wait state durable in SQLite.
 *
 *   npm run bench                          ("bench": "node --expose-gc --import tsx bench/run.ts")
 *   BENCH_N=500 BENCH_WAITING=2000 npm run bench
 * (plain `tsx bench/run.ts` works too: without --expose-gc the flag is switched on at run time.)
 * The default run takes about 5 minutes on 2 vCPUs, most of it starting the 10,000 waiting cases.
 *
 * Env: BENCH_N (instances per throughput run, 2000), BENCH_WARMUP (200), BENCH_WAITING (waiting
 * cases for the memory run, 10000), BENCH_SAMPLE (instances for the in-memory runStep chain, 500),
 * BENCH_CLIENTS (clients at once in the side-by-side run, 8), BENCH_ONLY (`storage`: only the bytes a finished case adds per table and index, bench/storage.ts;
 * `burst`: only (h), the timer
 * burst of bench/burst.ts, whose header names its settings; `big`: only (g), about a
 * minute; `ab`: only (a), (b) and (c), for profiling the durable step), BENCH_MONITORING (`1`: the
 * steps of (b) and (c) also write their stages' monitoring jobs, as `serve` does by default).
 * (g) big diagrams: the longest the event loop is held at a stretch (no other request is served
 * meanwhile) while a chain of 1,000 tasks (and one at the deploy limit) is deployed and started,
 * while a case waiting halfway along one is recovered and completed, and while a file of 10,000 is
 * refused; and what bpmn-elements' building of a diagram's elements costs per flow node.
 * Prints numbers only; it asserts nothing beyond "every instance really completed".
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Engine } from 'bpmn-engine';
import { createWorkingCalendar } from '../src/calendar/index.js';
import { SystemClock } from '../src/clock/index.js';
import { qyzmetElements } from '../src/engine/behaviours/index.js';
import { compileDefinition, type CompiledDefinition } from '../src/engine/definitions/compile.js';
import { maxFlowNodes } from '../src/engine/definitions/size.js';
import { parseDiagram } from '../src/engine/definitions/parse.js';
import { feelExpressions } from '../src/engine/expressions.js';
import { createEngine, createServiceRegistry, type Runtime, type ServiceHandler } from '../src/engine/index.js';
import { runStep, type StepOutcome } from '../src/engine/runtime/session.js';
import type { ActivityApi, StepTracker } from '../src/engine/runtime/tracker.js';
import { createJobExecutor, type JobExecutor } from '../src/jobs/index.js';
import { timerBurst } from './burst.js';
import { storagePerCase } from './storage.js';
import { createStore, type Repositories, type Store } from '../src/store/index.js';

const int = (name: string, fallback: number) => (process.env[name] ? Number.parseInt(process.env[name]!, 10) : fallback);
const N = int('BENCH_N', 2000);
const WARMUP = int('BENCH_WARMUP', 200);
const WAITING = int('BENCH_WAITING', 10_000);
const SAMPLE = Math.min(int('BENCH_SAMPLE', 500), N);
const CLIENTS = int('BENCH_CLIENTS', 8);
const ONLY = process.env.BENCH_ONLY;

const xml = fs.readFileSync(new URL('./bench.bpmn', import.meta.url), 'utf8');
const startVariables = { applicant: 'A-1', amount: 1200 };
const handlers: Record<string, ServiceHandler> = {
  'bench.lookup': async () => ({ found: true, score: 12 }),
  'bench.notify': async () => ({ notified: true }),
};

// ---------------------------------------------------------------- helpers

/** `global.gc` when node runs with --expose-gc; otherwise switch the flag on at run time. */
const gc: () => void = globalThis.gc ?? (v8.setFlagsFromString('--expose-gc'), vm.runInNewContext('gc'));

async function fullGc() {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function memory() {
  const m = process.memoryUsage();
  return { rss: m.rss / 2 ** 20, heapUsed: m.heapUsed / 2 ** 20 };
}

/** Nearest-rank percentile of unsorted samples. */
function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((x, y) => x - y);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}
const mean = (samples: number[]) => samples.reduce((s, x) => s + x, 0) / samples.length;
const f = (x: number, digits = 2) => x.toFixed(digits);

/**
 * Wall time during which at least one database call of a kind is in flight (so that the three
 * parallel reads of `details` are not counted three times). Wraps the store from the outside.
 */
class DbMeter {
  readonly ms = { tx: 0, query: 0 };
  /** Repository calls outside transactions (reads), writes recorded in batches or made in transactions, and those. */
  readonly calls = { query: 0, inTx: 0, tx: 0 };
  private depth = { tx: 0, query: 0 };
  private since = { tx: 0, query: 0 };

  async time<T>(kind: 'tx' | 'query', work: () => Promise<T>): Promise<T> {
    if (this.depth[kind]++ === 0) this.since[kind] = performance.now();
    try {
      return await work();
    } finally {
      if (--this.depth[kind] === 0) this.ms[kind] += performance.now() - this.since[kind];
    }
  }

  snapshot() {
    return { ...this.ms };
  }

  reset() {
    this.ms.tx = 0;
    this.ms.query = 0;
    this.calls.query = this.calls.inTx = this.calls.tx = 0;
  }
}

function instrument(store: Store, meter: DbMeter): Store {
  const wrap = <R extends object>(repo: R, inTx: boolean): R => {
    const out: Record<string, unknown> = {};
    for (const [name, fn] of Object.entries(repo)) {
      if (typeof fn !== 'function') out[name] = fn;
      else if (inTx) out[name] = (...args: unknown[]) => (meter.calls.inTx++, fn(...args));
      else out[name] = (...args: unknown[]) => (meter.calls.query++, meter.time('query', () => fn(...args)));
    }
    return out as R;
  };
  const wrapAll = <S extends Repositories>(repos: S, inTx: boolean): S => ({
    ...repos,
    definitions: wrap(repos.definitions, inTx),
    instances: wrap(repos.instances, inTx),
    tasks: wrap(repos.tasks, inTx),
    jobs: wrap(repos.jobs, inTx),
    subscriptions: wrap(repos.subscriptions, inTx),
    incidents: wrap(repos.incidents, inTx),
    history: wrap(repos.history, inTx),
  });
  return {
    ...wrapAll(store, false),
    // Everything inside a transaction counts as "tx"; a batch counts as "tx" while it commits.
    transaction: (work) => (meter.calls.tx++, meter.time('tx', () => store.transaction((tx) => work(wrapAll(tx, true))))),
    batch() {
      const batch = store.batch();
      return {
        instances: wrap(batch.instances, true),
        tasks: wrap(batch.tasks, true),
        jobs: wrap(batch.jobs, true),
        subscriptions: wrap(batch.subscriptions, true),
        incidents: wrap(batch.incidents, true),
        history: wrap(batch.history, true),
        queues: wrap(batch.queues, true),
        chainHead: (instanceId: string) => batch.chainHead(instanceId),
        commit: () => (meter.calls.tx++, meter.time('tx', () => batch.commit())),
      };
    },
  };
}

// ---------------------------------------------------------------- (a) bare bpmn-engine

/** One instance on bare bpmn-engine: same compiled sourceContext, services called in memory, no persistence. */
async function bareInstance(compiled: CompiledDefinition): Promise<void> {
  const listener = new EventEmitter();
  const waiting: ActivityApi[] = [];
  listener.on('activity.wait', (api: ActivityApi) => waiting.push(api));
  const engine = new Engine({ sourceContext: compiled.sourceContext as never, expressions: feelExpressions as never });
  const ended = new Promise<void>((resolve, reject) => {
    engine.once('end', () => resolve());
    engine.once('error', reject);
  });
  await engine.execute({ listener, variables: { ...startVariables } } as never);
  while (waiting.length) {
    const api = waiting.shift()!;
    if (api.type === 'bpmn:UserTask') {
      api.signal({ approved: true });
    } else {
      const output = await handlers[api.owner.behaviour.topic as string]!({
        instanceId: 'bare',
        businessKey: null,
        elementId: api.id,
        topic: api.owner.behaviour.topic as string,
        variables: api.environment.variables,
        attempt: 1,
        idempotencyKey: api.executionId,
      });
      api.signal(output);
    }
  }
  await ended;
}

// ---------------------------------------------------------------- (e) Qyzmet's engine steps without a database

type StepTimes = { start: number; lookup: number; complete: number; notify: number };

/** The four runStep calls of one instance, each recovering the previous JSON state, as the runtime does. */
async function runStepChain(compiled: CompiledDefinition): Promise<StepTimes> {
  const signalOnly = (pick: (t: StepTracker) => Map<string, ActivityApi>, vars: Record<string, unknown>) => (tracker: StepTracker) => {
    const api = [...pick(tracker).values()][0]!;
    Object.assign(api.environment.variables, vars);
    api.signal(vars);
  };
  const timed = async (work: () => Promise<StepOutcome>) => {
    const t = performance.now();
    const outcome = await work();
    return { outcome, ms: performance.now() - t };
  };
  const s0 = await timed(() => runStep(compiled, { variables: { ...startVariables } }));
  const s1 = await timed(() => runStep(compiled, { state: s0.outcome.state }, signalOnly((t) => t.services, { found: true, score: 12 })));
  const s2 = await timed(() => runStep(compiled, { state: s1.outcome.state }, signalOnly((t) => t.userTasks, { approved: true })));
  const s3 = await timed(() => runStep(compiled, { state: s2.outcome.state }, signalOnly((t) => t.services, { notified: true })));
  if (!s3.outcome.completed) throw new Error('runStep chain did not complete the instance');
  return { start: s0.ms, lookup: s1.ms, complete: s2.ms, notify: s3.ms };
}

// ---------------------------------------------------------------- (g) big diagrams

/**
 * `<startEvent> → tasks t1 … t<tasks> → <endEvent>` in one process: `tasks + 2` flow nodes; the task
 * `waitAt`, if given, is a user task.
 */
function chainXml(key: string, tasks: number, waitAt?: number): string {
  const parts = ['<startEvent id="start"/>', '<endEvent id="end"/>'];
  for (let i = 1; i <= tasks; i++) parts.push(i === waitAt ? `<userTask id="t${i}"/>` : `<task id="t${i}"/>`, `<sequenceFlow id="f${i}" sourceRef="${i === 1 ? 'start' : `t${i - 1}`}" targetRef="t${i}"/>`);
  parts.push(`<sequenceFlow id="f-end" sourceRef="t${tasks}" targetRef="end"/>`);
  return `<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="${key}-defs" targetNamespace="https://qyzmet.kz/bench"><process id="${key}" isExecutable="true">${parts.join('')}</process></definitions>`;
}

/**
 * The longest stretch no other callback could run, while `work` runs: the largest gap between two
 * successive turns of the event loop (a setImmediate probe; monitorEventLoopDelay samples on a timer
 * and misses the turn a long block ends in). Also counts the turns.
 */
async function blocking<T>(work: () => Promise<T>): Promise<{ result: T; maxMs: number; maxCpuMs: number | null; turns: number; ms: number }> {
  let maxMs = 0;
  let maxCpuMs = 0;
  let turns = 0;
  let last = performance.now();
  let lastCpu = mainThreadCpuMs();
  let probing = true;
  const probe = () => {
    const now = performance.now();
    const cpu = mainThreadCpuMs();
    maxMs = Math.max(maxMs, now - last);
    if (cpu !== null && lastCpu !== null) maxCpuMs = Math.max(maxCpuMs, cpu - lastCpu);
    last = now;
    lastCpu = cpu;
    turns++;
    if (probing) setImmediate(probe);
  };
  setImmediate(probe);
  const t0 = performance.now();
  const result = await work();
  const ms = performance.now() - t0;
  probing = false;
  await new Promise((resolve) => setImmediate(resolve));
  return { result, maxMs, maxCpuMs: lastCpu === null ? null : maxCpuMs, turns, ms };
}

/**
 * The main thread's time on a CPU so far, in ms (Linux: /proc/thread-self/schedstat), or null. On a
 * VM shared with other work a block's wall time includes waiting for a CPU; its on-CPU time is what
 * it would hold the event loop on a machine of its own.
 */
function mainThreadCpuMs(): number | null {
  try {
    return Number(fs.readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return null;
  }
}

/**
 * CPU time since `since` per instance (ms): the main thread's (null off Linux) and the whole
 * process's (every thread). Without `since`, the readings to start from.
 */
function cpuTimes(): { main: number | null; all: number };
function cpuTimes(since: { main: number | null; all: number }, instances: number): { main: number | null; all: number };
function cpuTimes(since?: { main: number | null; all: number }, instances = 1) {
  const usage = process.cpuUsage();
  const now = { main: mainThreadCpuMs(), all: (usage.user + usage.system) / 1000 };
  if (!since) return now;
  return { main: now.main === null || since.main === null ? null : (now.main - since.main) / instances, all: (now.all - since.all) / instances };
}

const onCpu = (b: { maxCpuMs: number | null }) => (b.maxCpuMs === null ? '' : `, ${f(b.maxCpuMs, 0)} ms on a CPU`);

/** (g): blocking while big diagrams are deployed and started, on SQLite with the runtime as `serve` wires it. */
async function bigDiagrams() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-bench-big-'));
  const store = await createStore(`sqlite:${path.join(dir, 'big.sqlite')}`);
  const { definitions, runtime } = createEngine({ store, clock: new SystemClock(), services: createServiceRegistry({}) });
  const line = (label: string, value: string) => console.log(`    ${label.padEnd(52)} ${value}`);
  console.log(`(g) big diagrams (a chain of n tasks is n + 2 flow nodes; the deploy limit is ${maxFlowNodes.toLocaleString('en-US')}):`);

  // What building a diagram costs bpmn-elements: it happens in one synchronous call on every start and recovery.
  for (const tasks of [1000, maxFlowNodes - 2]) {
    const compiled = compileDefinition(await parseDiagram(chainXml('build', tasks)), 'build', qyzmetElements(new SystemClock(), () => createWorkingCalendar()));
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 5; i++) {
      await fullGc();
      const heap0 = process.memoryUsage().heapUsed;
      const t0 = performance.now();
      const engine = new Engine({ sourceContext: compiled.sourceContext as never });
      for (const definition of await engine.getDefinitions()) for (const bp of definition.getProcesses()) (bp.getActivities(), bp.getSequenceFlows());
      times.push(performance.now() - t0);
      bytes = process.memoryUsage().heapUsed - heap0;
    }
    const nodes = tasks + 2;
    line(`building the elements of ${nodes.toLocaleString('en-US')} flow nodes (one call)`, `min ${f(Math.min(...times), 0)} ms, median ${f(percentile(times, 0.5), 0)} ms (${f(Math.min(...times) / nodes, 3)} ms and ${f(bytes / nodes / 1024, 0)} KB per flow node)`);
  }

  for (const tasks of [1000, maxFlowNodes - 2]) {
    const nodes = (tasks + 2).toLocaleString('en-US');
    const key = `chain-${tasks}`;
    const deployed = await blocking(() => definitions.deploy({ name: `${key}.bpmn`, xml: chainXml(key, tasks), deployedBy: 'bench' }));
    line(`deploy ${nodes} flow nodes`, `max block ${f(deployed.maxMs, 0)} ms${onCpu(deployed)} (${f(deployed.ms, 0)} ms over ${deployed.turns} turns)`);
    for (const which of ['first', 'second']) {
      const started = await blocking(() => runtime.start({ key, variables: {}, actor: 'bench' }));
      if (started.result.instance.status !== 'completed') throw new Error(`${key} did not complete: ${started.result.instance.status}`);
      line(`start, ${which} (runs all ${nodes} to the end)`, `max block ${f(started.maxMs, 0)} ms${onCpu(started)} (${f(started.ms, 0)} ms over ${started.turns} turns)`);
    }
  }

  // A case of a big diagram waiting halfway, completed by a node that has no engine of it: it recovers
  // the stored state (every element built and given back its state) and runs the rest to the end.
  const recovering = createEngine({ store, clock: new SystemClock(), services: createServiceRegistry({}), liveEngines: 0 });
  for (const tasks of [1000, maxFlowNodes - 2]) {
    const key = `waiting-${tasks}`;
    await recovering.definitions.deploy({ name: `${key}.bpmn`, xml: chainXml(key, tasks, tasks / 2), deployedBy: 'bench' });
    for (const which of ['first', 'second']) {
      const { instance } = await recovering.runtime.start({ key, variables: {}, actor: 'bench' });
      const [task] = await store.tasks.list({ instanceId: instance.id });
      const done = await blocking(() => recovering.runtime.completeTask(task!.id, {}, 'bench'));
      if (done.result.instance.status !== 'completed') throw new Error(`${key} did not complete: ${done.result.instance.status}`);
      line(`recover ${(tasks + 2).toLocaleString('en-US')}, complete halfway, ${which}`, `max block ${f(done.maxMs, 0)} ms${onCpu(done)} (${f(done.ms, 0)} ms over ${done.turns} turns)`);
    }
  }

  const huge = chainXml('huge', 9998);
  const refused = await blocking(() => definitions.deploy({ name: 'huge.bpmn', xml: huge, deployedBy: 'bench' }).then(() => 'deployed', (err: Error) => err.message));
  line(`deploy 10,000 flow nodes (${f(huge.length / 1024, 0)} KB of XML)`, `max block ${f(refused.maxMs, 0)} ms${onCpu(refused)} (${f(refused.ms, 0)} ms): ${refused.result.slice(0, 70)}…`);
  const parse = await blocking(() => parseDiagram(huge));
  line('  for comparison, parsing it alone', `max block ${f(parse.maxMs, 0)} ms${onCpu(parse)}`);

  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

// ---------------------------------------------------------------- main

async function main() {
  if (ONLY === 'burst') {
    console.log(`Qyzmet benchmark, timer burst only: node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'}`);
    await timerBurst();
    return;
  }
  if (ONLY === 'storage') {
    console.log(`Qyzmet benchmark, storage per finished case only: node ${process.version}`);
    return storagePerCase();
  }
  if (ONLY === 'big') {
    console.log(`Qyzmet benchmark, big diagrams only: node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'}`);
    return bigDiagrams();
  }
  console.log(`Qyzmet benchmark: node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'}, N=${N}, warm-up=${WARMUP}, waiting=${WAITING}`);
  const compiled = compileDefinition(await parseDiagram(xml), 'bench', qyzmetElements(new SystemClock(), () => createWorkingCalendar()));

  // (a)
  for (let i = 0; i < WARMUP; i++) await bareInstance(compiled);
  let cpu0 = cpuTimes();
  let t = performance.now();
  for (let i = 0; i < N; i++) await bareInstance(compiled);
  const bareMs = performance.now() - t;
  const bareCpu = cpuTimes(cpu0, N);
  const bareRate = (N * 1000) / bareMs;
  console.log(`(a) bare bpmn-engine, in memory:        ${f(bareRate, 0)} instances/s (${f(bareMs / N, 3)} ms each)`);

  // (b) + (c)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-bench-'));
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const dbFile = path.join(dir, 'bench.sqlite');
  const rawStore = await createStore(`sqlite:${dbFile}`);
  const meter = new DbMeter();
  const store = instrument(rawStore, meter);
  const clock = new SystemClock();
  // Wired as `qyzmet serve` wires them: the running executor takes each new service job from the step that wrote it.
  let jobs: JobExecutor | undefined;
  const { definitions, runtime } = createEngine({
    store,
    clock,
    services: createServiceRegistry(handlers),
    jobs: { lockFor: () => jobs!.lockFor(), accept: (due) => jobs!.accept(due), wake: () => jobs!.wake() },
    // BENCH_MONITORING=1: each step also writes its stages' monitoring jobs (what a step costs with them; no sender posts them here).
    monitoring: process.env.BENCH_MONITORING === '1',
  });
  await definitions.deploy({ name: 'bench.bpmn', xml, deployedBy: 'bench' });
  // For clients running side by side, who each wait for their own instance's service jobs.
  const jobsRun = new Map<string, number>();
  const jobWaiters = new Map<string, () => void>();
  const observed: Runtime = {
    ...runtime,
    async runServiceJob(job) {
      await runtime.runServiceJob(job);
      jobsRun.set(job.instanceId, (jobsRun.get(job.instanceId) ?? 0) + 1);
      jobWaiters.get(job.instanceId)?.();
    },
  };
  const serviceJobsDone = (instanceId: string, count: number) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if ((jobsRun.get(instanceId) ?? 0) < count) return;
        jobWaiters.delete(instanceId);
        resolve();
      };
      jobWaiters.set(instanceId, check);
      check();
    });
  jobs = createJobExecutor({ store, runtime: observed, clock, nodeId: 'bench', pollMs: 60_000, lockMs: 60_000 });
  jobs.start();

  const completeMs: number[] = [];
  const completeDb: { tx: number; query: number }[] = [];
  const phases = { start: 0, lookup: 0, complete: 0, notify: 0 };
  const ids: string[] = [];
  const durableInstance = async (record: boolean) => {
    const t0 = performance.now();
    const started = await runtime.start({ key: 'bench', variables: { ...startVariables }, actor: 'bench' });
    const t1 = performance.now();
    await jobs.idle(); // the lookup service job, handed to the executor
    const [task] = await store.tasks.openByInstance(started.instance.id);
    if (!task) throw new Error(`instance ${started.instance.id} has no open user task: ${JSON.stringify(started.activities)}`);
    const db0 = meter.snapshot();
    const t2 = performance.now();
    await runtime.completeTask(task.id, { approved: true }, 'clerk');
    const t3 = performance.now();
    const db1 = meter.snapshot();
    await jobs.idle(); // the notify service job
    const t4 = performance.now();
    if (record) {
      completeMs.push(t3 - t2);
      completeDb.push({ tx: db1.tx - db0.tx, query: db1.query - db0.query });
      phases.start += t1 - t0;
      phases.lookup += t2 - t1;
      phases.complete += t3 - t2;
      phases.notify += t4 - t3;
      ids.push(started.instance.id);
    }
  };

  for (let i = 0; i < WARMUP; i++) await durableInstance(false);
  meter.reset();
  const elu0 = performance.eventLoopUtilization();
  cpu0 = cpuTimes();
  t = performance.now();
  for (let i = 0; i < N; i++) await durableInstance(true);
  const durableMs = performance.now() - t;
  const durableCpu = cpuTimes(cpu0, N);
  // Idle main thread = waiting for sqlite3's worker thread; active = all JavaScript (engine, knex, driver, GC).
  const elu = performance.eventLoopUtilization(elu0);
  const durableDb = meter.snapshot();
  const durableCalls = { ...meter.calls };
  const durableRate = (N * 1000) / durableMs;
  let notCompleted = 0;
  for (const id of ids) if ((await rawStore.instances.get(id))?.status !== 'completed') notCompleted++;
  if (notCompleted) throw new Error(`${notCompleted} of ${N} instances did not complete`);
  const walMode = fs.existsSync(`${dbFile}-wal`);
  console.log(`(b) Qyzmet, durable in SQLite:           ${f(durableRate, 0)} instances/s (${f(durableMs / N, 3)} ms each; all ${N} completed; WAL file ${walMode ? 'present' : 'ABSENT'})`);
  console.log(`    b/a:                                 ${f(durableRate / bareRate, 3)} (bare is ${f(bareRate / durableRate, 1)}x faster)`);
  // CPU time is what other work on a shared machine disturbs least: compare these when the rates swing.
  if (bareCpu.main !== null && durableCpu.main !== null) {
    console.log(`    CPU per instance, main thread:       bare ${f(bareCpu.main, 2)} ms, durable ${f(durableCpu.main, 2)} ms, b/a ${f(bareCpu.main / durableCpu.main, 3)}`);
  }
  console.log(`    CPU per instance, all threads:       bare ${f(bareCpu.all, 2)} ms, durable ${f(durableCpu.all, 2)} ms (SQLite's thread and V8's helpers included)`);
  const p50 = percentile(completeMs, 0.5);
  const p99 = percentile(completeMs, 0.99);
  console.log(`(c) runtime.completeTask:                p50 ${f(p50, 3)} ms, p99 ${f(p99, 3)} ms, max ${f(Math.max(...completeMs), 3)} ms`);
  if (ONLY === 'ab') {
    await jobs.stop();
    return rawStore.close();
  }

  // (f) the same with CLIENTS clients at once, each driving its own instances; bare likewise
  const clientInstance = async () => {
    const started = await runtime.start({ key: 'bench', variables: { ...startVariables }, actor: 'bench' });
    await serviceJobsDone(started.instance.id, 1);
    const [task] = await store.tasks.openByInstance(started.instance.id);
    await runtime.completeTask(task!.id, { approved: true }, 'clerk');
    await serviceJobsDone(started.instance.id, 2);
    jobsRun.delete(started.instance.id);
  };
  const sideBySide = async (instance: () => Promise<void>) => {
    let left = N;
    const elu0 = performance.eventLoopUtilization();
    const t0 = performance.now();
    await Promise.all(Array.from({ length: CLIENTS }, async () => {
      while (left-- > 0) await instance();
    }));
    return { rate: (N * 1000) / (performance.now() - t0), busyMs: performance.eventLoopUtilization(elu0).active / N };
  };
  const bareSide = await sideBySide(() => bareInstance(compiled));
  const durableSide = await sideBySide(clientInstance);
  console.log(`(f) ${CLIENTS} clients at once: bare ${f(bareSide.rate, 0)} instances/s, Qyzmet ${f(durableSide.rate, 0)} instances/s, b/a ${f(durableSide.rate / bareSide.rate, 3)}; main thread busy ${f(durableSide.busyMs, 2)} ms per durable instance`);

  // (e) the engine steps alone, on the same compiled definition, recovering JSON state each time
  const qyzmetCompiled = await definitions.compiled(await definitions.effective('bench'));
  for (let i = 0; i < Math.min(WARMUP, 100); i++) await runStepChain(qyzmetCompiled);
  const chain: StepTimes[] = [];
  t = performance.now();
  for (let i = 0; i < SAMPLE; i++) chain.push(await runStepChain(qyzmetCompiled));
  const chainMs = performance.now() - t;
  const bareStep = (k: keyof StepTimes) => mean(chain.map((c) => c[k]));
  const stepsPerInstance = bareStep('start') + bareStep('lookup') + bareStep('complete') + bareStep('notify');
  console.log(`(e) runStep chain in memory (4 × recover → act → getState, no DB): ${f((SAMPLE * 1000) / chainMs, 0)} instances/s`);
  const phaseLine = (name: keyof StepTimes) => `${name} ${f(phases[name] / N, 2)} (runStep ${f(bareStep(name), 2)})`;
  console.log(`    mean ms per step in (b), with the bare runStep of the same step: ${(['start', 'lookup', 'complete', 'notify'] as const).map(phaseLine).join(', ')}`);

  // (d)
  await rawStore.tasks.list({ status: 'open' }, 1); // touch the query path before the baseline
  await fullGc();
  const before = memory();
  const half = Math.floor(WAITING / 2);
  let middle = before;
  t = performance.now();
  for (let i = 0; i < WAITING; i++) {
    await runtime.start({ key: 'bench', variables: { ...startVariables }, actor: 'bench' });
    if (i % 50 === 49) await jobs.idle();
    if (i === half - 1) {
      await jobs.idle();
      await fullGc();
      middle = memory();
    }
  }
  await jobs.idle();
  const waitingMs = performance.now() - t;
  await fullGc();
  const after = memory();
  const openTasks = await rawStore.tasks.list({ status: 'open' }, WAITING + 1);
  const open = openTasks.length;
  const stateBytes = Buffer.byteLength((await rawStore.instances.get(openTasks[0]!.instanceId))!.state);
  const dbBytes = fs.statSync(dbFile).size + (fs.existsSync(`${dbFile}-wal`) ? fs.statSync(`${dbFile}-wal`).size : 0);
  console.log(`(d) ${WAITING} cases waiting in the user task (${open} open task rows, started in ${f(waitingMs / 1000, 1)} s; DB ${f(dbBytes / 2 ** 20, 1)} MiB on disk; state of one waiting case ${f(stateBytes / 1024, 1)} KiB)`);
  console.log(`    RSS ${f(before.rss, 1)} → ${f(middle.rss, 1)} (at ${half}) → ${f(after.rss, 1)} MiB; heapUsed ${f(before.heapUsed, 1)} → ${f(middle.heapUsed, 1)} → ${f(after.heapUsed, 1)} MiB`);

  await jobs.stop();
  await rawStore.close();

  await bigDiagrams();

  // Summary. Shares are of wall time in (b); "DB" is time with a database call in flight (knex included),
  // "engine + glue" is the rest, and the bare runStep of the same steps shows how much of it is the engine.
  const perInstance = durableMs / N;
  const dbTx = durableDb.tx / N;
  const dbQuery = durableDb.query / N;
  const cpu = perInstance - dbTx - dbQuery;
  const cTotal = mean(completeMs);
  const cTx = mean(completeDb.map((d) => d.tx));
  const cQuery = mean(completeDb.map((d) => d.query));
  const pct = (part: number, whole: number) => `${f(part, 3)} ms (${f((100 * part) / whole, 0)}%)`;
  const rows: [string, string][] = [
    ['(a) bare bpmn-engine, in memory', `${f(bareRate, 0)} inst/s`],
    ['(b) Qyzmet durable (SQLite, WAL)', `${f(durableRate, 0)} inst/s`],
    ['    ratio b/a', f(durableRate / bareRate, 3)],
    [`(f) ${CLIENTS} clients at once: bare / Qyzmet / b/a`, `${f(bareSide.rate, 0)} / ${f(durableSide.rate, 0)} inst/s / ${f(durableSide.rate / bareSide.rate, 3)}`],
    ['(c) completeTask p50 / p99', `${f(p50, 2)} / ${f(p99, 2)} ms`],
    [`(d) RSS, before → ${WAITING} waiting`, `${f(before.rss, 1)} → ${f(after.rss, 1)} MiB (${after.rss >= before.rss ? '+' : ''}${f(after.rss - before.rss, 1)})`],
    [`(d) heapUsed, before → ${WAITING} waiting`, `${f(before.heapUsed, 1)} → ${f(after.heapUsed, 1)} MiB (${after.heapUsed >= before.heapUsed ? '+' : ''}${f(after.heapUsed - before.heapUsed, 1)})`],
    ['(e) one instance of (b), mean', `${f(perInstance, 3)} ms`],
    ['      DB: 4 write batches, committing', pct(dbTx, perInstance)],
    ['      DB: reads outside transactions', pct(dbQuery, perInstance)],
    ['      DB calls: batches / writes in them / reads', `${f(durableCalls.tx / N, 1)} / ${f(durableCalls.inTx / N, 1)} / ${f(durableCalls.query / N, 1)}`],
    ['      engine + glue (no DB call in flight)', pct(cpu, perInstance)],
    ['        of which 4 × runStep, measured bare', pct(stepsPerInstance, perInstance)],
    ['      main thread idle, i.e. waiting for the SQLite thread', pct(elu.idle / N, perInstance)],
    ['      main thread busy (bare: the whole of (a))', `${f(elu.active / N, 3)} ms (bare ${f(bareMs / N, 3)} ms)`],
    ['    b/a if SQLite answered at once (bare / busy)', f(bareMs / elu.active, 3)],
    ['(e) completeTask, mean', `${f(cTotal, 3)} ms`],
    ['      DB: its write batch, committing', pct(cTx, cTotal)],
    ['      DB: reads (task, instance, definition, details)', pct(cQuery, cTotal)],
    ['      engine + glue (no DB call in flight)', pct(cTotal - cTx - cQuery, cTotal)],
    ['        of which runStep, measured bare', pct(bareStep('complete'), cTotal)],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\n${'measure'.padEnd(width)}  value\n${'-'.repeat(width)}  ${'-'.repeat(28)}`);
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
}

await main();
