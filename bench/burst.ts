/**
 * A timer burst: BENCH_BURST cases (default 500) wait in a review task with a non-interrupting
 * reminder timer (2 working days, as housing assistance's `reviewOverdue`), and one clock move
 * makes every reminder due at once. Measures the wall time from the move to the last reminder
 * fired, and this process's CPU milliseconds per timer (user and system, every thread: the
 * SQLite driver's included, PostgreSQL's server not), on SQLite and on PostgreSQL, with the
 * live-engine cache at its default (32), off (every timer recovers its engine) and large enough
 * for every case.
 *
 *   BENCH_ONLY=burst npm run bench
 *   BENCH_ONLY=burst BENCH_BURST=200 BENCH_BURST_DB=sqlite BENCH_BURST_CACHE=32 npm run bench
 *
 * The diagram: the review with its reminder (a user task for the head), then a chain of 40 more
 * tasks, so that recovering its engine builds about as many elements as a regulation's (about 50).
 * Wired as `qyzmet serve` wires it: the job executor polls (50 ms here), runs 8 jobs at a time
 * (QYZMET_JOB_CONCURRENCY's default), and the move runs due jobs at once (as POST /api/clock does).
 * BENCH_BURST_CONCURRENCY and BENCH_BURST_BATCH set the executor's concurrency and acquire batch
 * (default 8 and 20); BENCH_BURST_REPEAT runs each setting that many times; BENCH_BURST_PROFILE
 * writes a CPU profile of each burst. Prints numbers only.
 */
import fs from 'node:fs';
import inspector from 'node:inspector';
import os from 'node:os';
import path from 'node:path';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { ManualClock } from '../src/clock/index.js';
import { createEngine, createServiceRegistry } from '../src/engine/index.js';
import { createJobExecutor, type JobExecutor } from '../src/jobs/index.js';
import { createStore, type Store } from '../src/store/index.js';
import { startPostgres } from '../test/support/postgres.js';

const chained = 40;

export function burstXml(): string {
  const parts = [
    '<startEvent id="start"/>',
    '<sequenceFlow id="f0" sourceRef="start" targetRef="review"/>',
    '<userTask id="review" camunda:candidateGroups="executors" camunda:dueDate="${workingDays(2)}"/>',
    '<boundaryEvent id="reviewOverdue" attachedToRef="review" cancelActivity="false"><timerEventDefinition><timeDuration>${workingDays(2)}</timeDuration></timerEventDefinition></boundaryEvent>',
    '<sequenceFlow id="toRemind" sourceRef="reviewOverdue" targetRef="remindReview"/>',
    '<userTask id="remindReview" camunda:candidateGroups="heads" camunda:dueDate="${workingDays(1)}"/>',
    '<sequenceFlow id="toReminded" sourceRef="remindReview" targetRef="reminded"/>',
    '<endEvent id="reminded"/>',
    '<endEvent id="end"/>',
  ];
  for (let i = 1; i <= chained; i++) parts.push(`<userTask id="t${i}" camunda:candidateGroups="executors"/>`, `<sequenceFlow id="f${i}" sourceRef="${i === 1 ? 'review' : `t${i - 1}`}" targetRef="t${i}"/>`);
  parts.push(`<sequenceFlow id="f-end" sourceRef="t${chained}" targetRef="end"/>`);
  return `<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="burst-defs" targetNamespace="https://qyzmet.kz/bench"><process id="burst" isExecutable="true">${parts.join('')}</process></definitions>`;
}

/** BENCH_BURST_PROFILE=<path prefix>: a V8 CPU profile of each burst alone (not the starts), written to <prefix>-<db>-<cache>.cpuprofile. */
async function startProfile(): Promise<(file: string) => Promise<void>> {
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) => new Promise<any>((resolve, reject) => session.post(method, params, (err, result) => (err ? reject(err) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.start');
  return async (file) => {
    const { profile } = await post('Profiler.stop');
    fs.writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  };
}

async function heapAfterGc(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 3 && gc; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed / 2 ** 20;
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

interface BurstResult {
  db: string;
  cache: number;
  timers: number;
  ms: number;
  cpuMsPerTimer: number;
  /** Of it, V8's garbage collection pauses on the main thread (wall ms, per timer). */
  gcMsPerTimer: number;
  startCpuMsPerCase: number;
  /** The V8 heap in use after the starts, after a full collection: the kept engines are most of its growth with the cache. */
  heapMiB: number;
}

async function burstOnce(db: 'sqlite' | 'pg', url: string, n: number, cache: number): Promise<BurstResult> {
  const store: Store = await createStore(url);
  // Monday 2026-11-02 09:00 in Almaty (UTC+5): two working days later is Wednesday 09:00.
  const clock = new ManualClock(new Date('2026-11-02T04:00:00Z'));
  let jobs: JobExecutor | undefined;
  const { definitions, runtime } = createEngine({
    store,
    clock,
    services: createServiceRegistry({}),
    jobs: { lockFor: () => jobs!.lockFor(), accept: (due) => jobs!.accept(due), wake: () => jobs!.wake() },
    liveEngines: cache,
  });
  let fired = 0;
  const counted = { ...runtime, fireTimer: async (job: Parameters<typeof runtime.fireTimer>[0]) => (await runtime.fireTimer(job), void fired++) };
  jobs = createJobExecutor({ store, runtime: counted, clock, nodeId: 'burst', pollMs: 50, lockMs: 60_000, logger: console, ...(process.env.BENCH_BURST_CONCURRENCY && { concurrency: Number(process.env.BENCH_BURST_CONCURRENCY) }), ...(process.env.BENCH_BURST_BATCH && { batchSize: Number(process.env.BENCH_BURST_BATCH) }) });
  await definitions.deploy({ name: 'burst.bpmn', xml: burstXml(), deployedBy: 'bench' });
  jobs.start();
  let cpu0 = cpuMs();
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await runtime.start({ key: 'burst', variables: { i }, actor: 'bench' })).instance.id);
  const startCpuMsPerCase = (cpuMs() - cpu0) / n;
  await jobs.idle();
  const heapMiB = await heapAfterGc();

  const profiling = process.env.BENCH_BURST_PROFILE ? await startProfile() : undefined;
  let gcMs = 0;
  const gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMs += entry.duration;
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  cpu0 = cpuMs();
  const t0 = performance.now();
  clock.set(new Date('2026-11-05T04:00:00Z'));
  await jobs.runDue();
  await jobs.idle();
  const ms = performance.now() - t0;
  const cpu = cpuMs() - cpu0;
  await new Promise((resolve) => setImmediate(resolve));
  gcObserver.disconnect();
  if (profiling) await profiling(`${process.env.BENCH_BURST_PROFILE}-${db}-${cache}.cpuprofile`);
  let reminders = 0;
  for (const id of ids) if ((await store.tasks.openByInstance(id)).some((t) => t.elementId === 'remindReview')) reminders++;
  if (fired !== n || reminders !== n) throw new Error(`after the burst: ${fired} timers fired, ${reminders} of ${n} reminder tasks open`);
  await jobs.stop();
  await store.close();
  return { db, cache, timers: n, ms, cpuMsPerTimer: cpu / n, gcMsPerTimer: gcMs / n, startCpuMsPerCase, heapMiB };
}

/** (h) the timer burst, on each database and cache size asked for; prints one line per run. */
export async function timerBurst(): Promise<BurstResult[]> {
  const n = Number(process.env.BENCH_BURST ?? 500);
  const dbs = (process.env.BENCH_BURST_DB ?? 'sqlite,pg').split(',') as ('sqlite' | 'pg')[];
  const caches = (process.env.BENCH_BURST_CACHE ?? `32,0,${n}`).split(',').map(Number);
  const repeat = Number(process.env.BENCH_BURST_REPEAT ?? 1);
  console.log(`(h) timer burst: ${n} cases waiting on a reminder, one clock move; load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  const results: BurstResult[] = [];
  for (const db of dbs) {
    for (const cache of caches) {
      for (let r = 0; r < repeat; r++) {
        let url: string;
        let stop: () => Promise<void>;
        if (db === 'pg') {
          const pg = await startPostgres();
          url = pg.url;
          stop = () => pg.stop();
        } else {
          const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-burst-'));
          url = `sqlite:${path.join(dir, 'burst.sqlite')}`;
          stop = async () => fs.rmSync(dir, { recursive: true, force: true });
        }
        try {
          const result = await burstOnce(db, url, n, cache);
          results.push(result);
          console.log(
            `    ${db.padEnd(6)} live engines ${String(cache).padStart(4)}: ${n} timers fired in ${result.ms.toFixed(0)} ms (${((n * 1000) / result.ms).toFixed(0)}/s), CPU ${result.cpuMsPerTimer.toFixed(1)} ms per timer (GC pauses ${result.gcMsPerTimer.toFixed(1)} ms; start ${result.startCpuMsPerCase.toFixed(1)} ms per case); heap after the starts ${result.heapMiB.toFixed(0)} MiB`
          );
        } finally {
          await stop();
        }
      }
    }
  }
  return results;
}
