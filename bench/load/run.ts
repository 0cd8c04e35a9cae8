import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createWorkingCalendar } from '../../src/calendar/index.js';
import { startSimulator, type SimulatorProcess } from '../../test/support/simulator.js';
import { ApiUser } from './api.js';
import { startDatabase, startNode, type BenchDatabase, type NodeMemory, type QyzmetNode } from './cluster.js';
import { commissionMembers, filings, groupClerks, privatizer, responsible, taskScripts, type Filing, type Moment } from './regulations.js';
import { seedInbox } from './seed.js';
import { latency, sleep } from './stats.js';

export interface LoadConfig {
  db: 'sqlite' | 'pg';
  nodes: number;
  /** Applications filed per second. */
  rate: number;
  /** Applications filed in all. */
  cases: number;
  /** Wall milliseconds between two moves of the clock by one working day while cases are filed and worked. */
  dayMs: number;
  /** Request loops per demo account of a group. */
  clerksPerGroup: number;
  /** Task rows seeded in bulk before the run (seedInbox). */
  inboxRows: number;
  /** Give up after this many wall seconds of load and report what finished. */
  timeoutS: number;
  /** Cores each node may use (BENCH_NODE_CPU; cpuCap.ts); undefined: as many as the machine gives. */
  nodeCpu?: number;
}

const password = 'qyzmet-demo';
const personPassword = 'load-person-2026';
/** Almaty keeps UTC+5 all year. */
const almatyOffsetMs = 5 * 3_600_000;
const almatyDate = (instant: Date) => new Date(instant.getTime() + almatyOffsetMs).toISOString().slice(0, 10);

/** 09:00 in Almaty of the first working day (Kazakh calendar, holidays and transfers) after `instant`'s day. */
export function nextWorkingMorning(instant: Date, calendar = createWorkingCalendar()): Date {
  let day = new Date(`${almatyDate(instant)}T04:00:00Z`);
  do day = new Date(day.getTime() + 86_400_000);
  while (!calendar.day(almatyDate(day)).working);
  return day;
}

/** One run's measurements (see bench/load.ts for their definitions). */
export interface LoadResult {
  config: LoadConfig;
  label: string;
  filed: number;
  started: number;
  finished: number;
  unfinished: number;
  startedPerS: number;
  finishedPerS: number;
  wallS: number;
  clockMoves: number;
  moves: { to: string; due: number; answeredMs: number; lastDoneMs: number }[];
  clockFrom: string;
  clockTo: string;
  complete: ReturnType<typeof latency>;
  claim: ReturnType<typeof latency>;
  inbox: ReturnType<typeof latency>;
  start: ReturnType<typeof latency>;
  jobLag: ReturnType<typeof latency> & { failed: number; pending: number };
  /** Per node: before the load, when half the cases had finished, at the end, and the largest sample. */
  rssMiB: { node: string; first: number; half: number; last: number; max: number }[];
  /** CPU seconds each node used from the first filing to the end, and all nodes' milliseconds per finished case. */
  cpu: { byNode: { node: string; s: number }[]; msPerFinished: number };
  /**
   * Where each node's memory is (MiB, from its own process.memoryUsage()): before the load, when
   * half the cases had finished, and at the end; `samples` every 10 s of the run (s from the first filing).
   */
  /** Each node's steps over the run by how they began: on a kept engine, recovered, or a new instance; liveShare = live / (live + recovered). */
  engineSteps: { node: string; live: number; recovered: number; started: number; liveShare: number }[];
  memoryMiB: { node: string; first?: NodeMemory; half?: NodeMemory; last?: NodeMemory; samples: ({ s: number } & NodeMemory)[] }[];
  dbBytes: { before: number; after: number; per10kFinished: number; largestTables: Record<string, number> };
  inboxRowsSeeded: number;
  byDefinition: Record<string, Record<string, number>>;
  /** The end events the run's cases entered, as `definitionKey/elementId` → count. */
  ends: Record<string, number>;
  openIncidents: number;
  /** Jobs that ran more than once or recorded an error, and a few of them. */
  jobsRetried: { count: number; sample: unknown[] };
  errors: Record<string, { count: number; first: string }>;
  /** Completions answered 409: the task closed before the clerk's request reached it. */
  conflicts: number;
  unscripted: Record<string, number>;
}

/**
 * One load run: the simulator, a throw-away database, `nodes` servers on it with manual clocks;
 * the population files `cases` applications at `rate`/s over every regulation while the clerks
 * work their inboxes and the clock moves a working day every `dayMs`; once everything filed is
 * worked, the clock moves on quickly until the last statutory timer has fired.
 */
export async function runLoad(config: LoadConfig, logDir?: string): Promise<LoadResult> {
  const label = `${config.db}-${config.nodes}n`;
  const log = (line: string) => console.log(`[${label}] ${line}`);
  let sim: SimulatorProcess | undefined;
  let database: BenchDatabase | undefined;
  const nodes: QyzmetNode[] = [];
  try {
    sim = await startSimulator();
    database = await startDatabase(config.db);
    // The first node migrates and deploys processes/; the others find it done.
    const logOf = (node: string) => (logDir ? path.join(logDir, `${label}-${node}.log`) : undefined);
    // The backlog is seeded between a first start (that deploys) and the run's own: a node reads
    // the planner statistics the seeding left when it opens the file, as one restarted on a grown
    // database does (SQLite loads them per connection).
    let inboxRowsSeeded = 0;
    if (config.inboxRows > 0) {
      const deployer = await startNode('node-1', database.url, sim.url, logOf('deploy'));
      await deployer.stop();
      inboxRowsSeeded = await seedInbox(database.db, config.inboxRows);
      log(`seeded ${inboxRowsSeeded} task rows`);
    }
    nodes.push(await startNode('node-1', database.url, sim.url, logOf('node-1'), config.nodeCpu));
    nodes.push(...(await Promise.all(Array.from({ length: config.nodes - 1 }, (_, i) => startNode(`node-${i + 2}`, database!.url, sim!.url, logOf(`node-${i + 2}`), config.nodeCpu)))));
    const urls = nodes.map((n) => n.url);
    log(`nodes ${urls.join(', ')}; database ${config.db}`);
    return await drive(config, label, log, sim, database, nodes, urls, inboxRowsSeeded);
  } finally {
    await Promise.all(nodes.map((n) => n.stop()));
    await database?.stop();
    await sim?.stop();
  }
}

async function drive(config: LoadConfig, label: string, log: (line: string) => void, sim: SimulatorProcess, database: BenchDatabase, nodes: QyzmetNode[], urls: string[], inboxRowsSeeded: number): Promise<LoadResult> {
  const db = database.db;
  const admin = await ApiUser.login(urls, 'admin', password);
  const expectOk = async (what: string, answer: Promise<{ status: number; body: unknown }>, ok: number[] = [200, 201]) => {
    const a = await answer;
    if (!ok.includes(a.status)) throw new Error(`${what}: ${a.status} ${JSON.stringify(a.body)}`);
  };
  await expectOk(`account ${responsible}`, admin.post('/api/users', { username: responsible, password: personPassword, displayName: 'Нурлан Сейтжанов', roles: ['executor'], provider: 'default' }));
  for (const member of commissionMembers) await expectOk(`account ${member}`, admin.post('/api/users', { username: member, password: personPassword, displayName: member, roles: ['commission'], provider: 'default' }));
  await expectOk('the commission', admin.put('/api/providers/default/commission', { members: [...commissionMembers], chair: commissionMembers[0] }));

  // Every node's clock to the same working morning, later than any of them shows.
  const calendar = createWorkingCalendar();
  const shown = await Promise.all(urls.map(async (u) => Date.parse((await admin.get('/api/clock', u)).body.now)));
  let now = nextWorkingMorning(new Date(Math.max(...shown)), calendar);
  const clockFrom = now.toISOString();
  await Promise.all(urls.map((u) => expectOk('the first clock move', admin.post('/api/clock', { now: now.toISOString() }, u))));


  // ---------------------------------------------------------------- measurements
  const samples = { complete: [] as number[], claim: [] as number[], inbox: [] as number[], start: [] as number[], jobLag: [] as number[] };
  const errors: Record<string, { count: number; first: string }> = {};
  const error = (kind: string, detail: string) => {
    errors[kind] ??= { count: 0, first: detail.slice(0, 400) };
    errors[kind].count++;
  };
  const unscripted: Record<string, number> = {};
  let conflicts = 0;
  let jobsFailed = 0;
  let jobsPending = 0;
  const rss = nodes.map((n) => ({ node: n.name, first: n.rssMiB(), half: Number.NaN, last: Number.NaN, max: 0 }));
  const memory: LoadResult['memoryMiB'] = nodes.map((n) => ({ node: n.name, first: n.memoryMiB(), samples: [] }));
  // With BENCH_HEAP_DIR: a heap snapshot of each node before the load, at half and at the end.
  await Promise.all(nodes.map((n) => n.heapSnapshot()));
  let lastMemorySample = -Infinity;
  const sampleRss = () => {
    const at = performance.now();
    const series = at - lastMemorySample >= 10_000;
    if (series) lastMemorySample = at;
    nodes.forEach((n, i) => {
      const v = n.rssMiB();
      if (Number.isFinite(v)) {
        const halfNow = Number.isNaN(rss[i]!.half) && filingDone && finished * 2 >= started;
        rss[i]!.last = v;
        if (halfNow) rss[i]!.half = v;
        rss[i]!.max = Math.max(rss[i]!.max, v);
        const m = n.memoryMiB();
        if (m) {
          memory[i]!.last = m;
          if (halfNow) {
            memory[i]!.half = m;
            void n.heapSnapshot();
          }
          if (series) memory[i]!.samples.push({ s: Math.round((at - t0) / 1000), ...m });
        }
      }
    });
  };
  const dbBefore = await database.sizeBytes();
  const cpuBefore = nodes.map((n) => n.cpuSeconds());
  const stepsBefore = nodes.map((n) => n.steps());

  let stopping = false;
  let serial = 0;
  const moment = (): Moment => ({ date: almatyDate(now), serial: ++serial });

  // ---------------------------------------------------------------- the population
  let filed = 0;
  let started = 0;
  let filingDone = false;
  let queueEntries = 0;
  const deferred: Filing[] = [];
  const t0 = performance.now();
  let lastFiledAt = t0;
  /** When the rotation's filings (all but the deferred updates) had been answered, and how many started. */
  let rotationEnd = { at: t0, started: 0 };
  const filer = (async () => {
    const inFlight = new Set<Promise<void>>();
    const population = await ApiUser.login(urls, 'operator', password);
    const file = (filing: Filing) => {
      const at = moment();
      const p = (async () => {
        const a = await population.post(`/api/definitions/${filing.key}/instances`, { businessKey: `LOAD-${String(at.serial).padStart(7, '0')}`, variables: filing.variables(at) });
        samples.start.push(a.ms);
        if (a.status === 201) started++;
        else error(`start ${filing.label} ${a.status}`, JSON.stringify(a.body));
      })().catch((e) => error(`start ${filing.label}`, String(e)));
      filed++;
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    };
    for (let i = 0; i < config.cases && !stopping; i++) {
      const due = t0 + (i * 1000) / config.rate;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const filing = filings[i % filings.length]!;
      // An update of a family's data needs a family on the list: it waits until the first is registered.
      if (filing.needsQueueEntry && queueEntries === 0) deferred.push(filing);
      else file(filing);
      // A server that falls behind is not sent an unbounded pile: at most 64 filings wait at once.
      while (inFlight.size >= 64) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    rotationEnd = { at: performance.now(), started };
    while (deferred.length && !stopping) {
      if (queueEntries > 0) file(deferred.shift()!);
      else await sleep(250);
    }
    await Promise.all(inFlight);
    lastFiledAt = performance.now();
    filingDone = true;
    log(`filed ${filed}, started ${started} in ${((lastFiledAt - t0) / 1000).toFixed(1)} s`);
  })();

  // ---------------------------------------------------------------- the clerks
  const taken = new Set<string>();
  type Task = { id: string; elementId: string; definitionKey: string; businessKey: string | null; assignee: string | null; candidateGroups: string[] };
  async function clerk(user: ApiUser, inbox: () => string, mine: (t: Task) => boolean) {
    while (!stopping) {
      const list = await user.get(inbox());
      samples.inbox.push(list.ms);
      if (list.status !== 200) {
        error(`inbox ${list.status}`, JSON.stringify(list.body));
        await sleep(500);
        continue;
      }
      const task = (list.body as Task[]).find((t) => !taken.has(t.id) && !t.businessKey?.startsWith('SEED-') && mine(t));
      if (!task) {
        await sleep(200);
        continue;
      }
      taken.add(task.id);
      if (task.assignee !== user.username) {
        const claim = await user.post(`/api/tasks/${task.id}/claim`, {});
        samples.claim.push(claim.ms);
        if (claim.status !== 200) {
          if (claim.status !== 409) error(`claim ${task.definitionKey}/${task.elementId} ${claim.status}`, JSON.stringify(claim.body));
          continue;
        }
      }
      const script = taskScripts[task.definitionKey]?.[task.elementId];
      if (!script) unscripted[`${task.definitionKey}/${task.elementId}`] = (unscripted[`${task.definitionKey}/${task.elementId}`] ?? 0) + 1;
      const at = moment();
      const variables = script ? script(at) : {};
      const done = await user.post(`/api/tasks/${task.id}/complete`, { variables });
      samples.complete.push(done.ms);
      if (done.status === 409) {
        // Another step closed it meanwhile (the commission decided on a majority): a race a clerk loses, not an error.
        conflicts++;
        continue;
      }
      if (done.status !== 200) {
        error(`complete ${task.definitionKey}/${task.elementId} ${done.status}`, JSON.stringify(done.body));
        continue;
      }
      // The citizen pays the whole price at a bank the day the agreement is signed (seed 002 para 8).
      if (task.definitionKey === 'privatization' && task.elementId === 'concludeAgreement') {
        await sim.admin('POST', '/admin/payments', { payerIin: privatizer.iin, agreement: variables.agreementNumber, amountTiyn: privatizer.residualValue * 100, date: at.date });
      }
    }
  }
  const clerks: Promise<void>[] = [];
  for (const { username, groups } of groupClerks) {
    const user = await ApiUser.login(urls, username, password);
    for (let k = 0; k < config.clerksPerGroup; k++) {
      let g = k;
      clerks.push(clerk(user, () => `/api/tasks?candidateGroup=${groups[g++ % groups.length]}&sort=dueAt&limit=50`, (t) => t.assignee === null || t.assignee === username));
    }
  }
  for (const person of [responsible, ...commissionMembers]) {
    const user = await ApiUser.login(urls, person, personPassword);
    clerks.push(clerk(user, () => `/api/tasks?assignee=${person}&sort=dueAt&limit=50`, (t) => t.assignee === person));
  }
  const guarded = clerks.map((c) => c.catch((e) => error('clerk crashed', String(e?.stack ?? e))));

  // ---------------------------------------------------------------- the watch: cases, open tasks, memory
  let finished = 0;
  let openTasks = 0;
  let lastFinishedAt = t0;
  const watch = async () => {
    const [cases] = await db('instances').whereNull('parent_instance_id').where('business_key', 'like', 'LOAD-%').select(db.raw("sum(case when status = 'running' then 0 else 1 end) as finished"), db.raw('count(*) as total'));
    const f = Number(cases?.finished ?? 0);
    if (f > finished) lastFinishedAt = performance.now();
    finished = f;
    const [open] = await db('tasks').where({ status: 'open' }).whereNot('execution_id', 'like', 'seed_%').count({ n: '*' });
    openTasks = Number(open?.n ?? 0);
    const [entries] = await db('queue_entries').count({ n: '*' });
    queueEntries = Number(entries?.n ?? 0);
    sampleRss();
  };

  // ---------------------------------------------------------------- the clock
  let clockMoves = 0;
  /** The moves that made jobs due: how many, when every node had answered the move, when the last was seen done. */
  const moves: { to: string; due: number; answeredMs: number; lastDoneMs: number }[] = [];
  async function moveClock() {
    const to = nextWorkingMorning(now, calendar);
    const iso = to.toISOString();
    // The jobs this move makes due: not those due already (a service call a clerk's completion
    // queued a moment ago, in flight on a busy node), whose wait says nothing of the move.
    const due = (await db('jobs').where('status', 'waiting').andWhere('due_at', '>', now.toISOString()).andWhere('due_at', '<=', iso).select('id')).map((r: { id: string }) => r.id as string);
    const movedAt = performance.now();
    // A node answers a move once no job is due there at all, which under load is long after the
    // jobs this move made due ran: their lag is watched from the moment the move is sent.
    const answered = Promise.all(urls.map(async (u) => {
      const a = await admin.post('/api/clock', { now: iso }, u);
      if (a.status !== 200) error(`clock ${a.status}`, JSON.stringify(a.body));
    })).then(() => {
      now = to;
      return performance.now();
    });
    // Job lag: from the move that made a job due to the poll (every 50 ms) that first sees it done.
    const pending = new Set(due);
    const deadline = movedAt + 60_000;
    while (pending.size && performance.now() < deadline) {
      const rows: { id: string; status: string }[] = [];
      const ids = [...pending];
      for (let i = 0; i < ids.length; i += 500) rows.push(...(await db('jobs').whereIn('id', ids.slice(i, i + 500)).select('id', 'status')));
      const seenAt = performance.now();
      for (const row of rows) {
        if (row.status === 'waiting') continue;
        pending.delete(row.id);
        if (row.status === 'done') samples.jobLag.push(seenAt - movedAt);
        else if (row.status === 'failed') jobsFailed++;
      }
      if (pending.size) await sleep(50);
    }
    jobsPending += pending.size;
    const doneAt = performance.now();
    const answeredAt = await answered;
    clockMoves++;
    if (due.length) moves.push({ to: iso, due: due.length, lastDoneMs: Math.round(doneAt - movedAt), answeredMs: Math.round(answeredAt - movedAt) });
  }

  const deadline = t0 + config.timeoutS * 1000;
  let lastMove = performance.now();
  while (performance.now() < deadline) {
    await watch();
    const worked = filingDone && openTasks === 0 && finished < started;
    if (filingDone && finished >= started) break;
    // Once everything filed is worked, only timers remain: move on as fast as they fire.
    if (worked || performance.now() - lastMove >= config.dayMs) {
      await moveClock();
      lastMove = performance.now();
    } else await sleep(Math.min(250, config.dayMs));
  }
  stopping = true;
  await filer;
  await Promise.all(guarded);
  await watch();
  const wallS = (performance.now() - t0) / 1000;
  const cpuByNode = nodes.map((n, i) => ({ node: n.name, s: Math.round((n.cpuSeconds() - cpuBefore[i]!) * 100) / 100 }));
  const cpuTotal = cpuByNode.reduce((sum, n) => sum + n.s, 0);
  await Promise.all(nodes.map((n) => n.heapSnapshot()));
  if (performance.now() >= deadline) log(`timed out after ${config.timeoutS} s: ${started - finished} cases unfinished`);

  const byDefinition: Record<string, Record<string, number>> = {};
  for (const row of await db('instances').where('business_key', 'like', 'LOAD-%').orWhereNotNull('parent_instance_id').groupBy('definition_key', 'status').select('definition_key', 'status').count({ n: '*' }) as { definition_key: string; status: string; n: number | string }[]) {
    (byDefinition[row.definition_key] ??= {})[row.status] = Number(row.n);
  }
  // Which end each case reached: its end events entered, by definition (a case on its happy path ends at one).
  const ends: Record<string, number> = {};
  for (const row of (await db('history as h').join('instances as i', 'i.id', 'h.instance_id').where('i.business_key', 'like', 'LOAD-%').whereNull('i.parent_instance_id').andWhere('h.type', 'activity.entered').andWhere('h.element_type', 'like', '%EndEvent').groupBy('i.definition_key', 'h.element_id').select('i.definition_key as key', 'h.element_id as end').count({ n: '*' })) as { key: string; end: string; n: number | string }[]) {
    ends[`${row.key}/${row.end}`] = Number(row.n);
  }
  const retried = await db('jobs').where('attempts', '>', 1).orWhereNotNull('last_error').select('kind', 'element_id', 'status', 'attempts', 'last_error');
  const [incidents] = await db('incidents').where({ status: 'open' }).count({ n: '*' });
  const dbAfter = await database.sizeBytes();
  const lag = latency(samples.jobLag);
  return {
    config,
    label,
    filed,
    started,
    finished,
    unfinished: started - finished,
    startedPerS: rotationEnd.started / ((rotationEnd.at - t0) / 1000),
    finishedPerS: finished / ((lastFinishedAt - t0) / 1000),
    wallS,
    clockMoves,
    moves,
    clockFrom,
    clockTo: now.toISOString(),
    complete: latency(samples.complete),
    claim: latency(samples.claim),
    inbox: latency(samples.inbox),
    start: latency(samples.start),
    jobLag: { ...lag, failed: jobsFailed, pending: jobsPending },
    rssMiB: rss.map((r) => ({ ...r, first: round1(r.first), half: round1(r.half), last: round1(r.last), max: round1(r.max) })),
    cpu: { byNode: cpuByNode, msPerFinished: finished ? Math.round((cpuTotal / finished) * 10_000) / 10 : Number.NaN },
    engineSteps: nodes.map((n, i) => engineSteps(n.name, stepsBefore[i], n.steps())),
    memoryMiB: memory.map((m) => ({ node: m.node, first: rounded(m.first), half: rounded(m.half), last: rounded(m.last), samples: m.samples.map((x) => ({ s: x.s, ...rounded(x)! })) })),
    dbBytes: { before: dbBefore, after: dbAfter, per10kFinished: finished ? Math.round(((dbAfter - dbBefore) / finished) * 10_000) : Number.NaN, largestTables: await database.tableBytes() },
    inboxRowsSeeded,
    byDefinition,
    ends,
    openIncidents: Number(incidents?.n ?? 0),
    jobsRetried: { count: retried.length, sample: retried.slice(0, 5) },
    errors,
    conflicts,
    unscripted,
  };
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const rounded = (m: NodeMemory | undefined): NodeMemory | undefined => m && (Object.fromEntries(Object.entries(m).map(([k, v]) => [k, round1(v)])) as unknown as NodeMemory);

type StepCounts = { live: number; recovered: number; started: number };
function engineSteps(node: string, before: StepCounts | undefined, after: StepCounts | undefined) {
  const d = (k: keyof StepCounts) => (after?.[k] ?? Number.NaN) - (before?.[k] ?? 0);
  const live = d('live');
  const recovered = d('recovered');
  return { node, live, recovered, started: d('started'), liveShare: Math.round((live / (live + recovered)) * 1000) / 1000 };
}
