/**
 * A city's load across every deployed regulation, on real `qyzmet serve` processes.
 *
 *   npm run bench:load                                   ("bench:load": "node --import tsx bench/load.ts")
 *   BENCH_LOAD=sqlite-1,pg-1,pg-3 BENCH_CASES=400 BENCH_RATE=4 npm run bench:load
 *
 * Each run (BENCH_LOAD, comma-separated `<sqlite|pg>-<nodes>`; default `sqlite-1`; SQLite runs one
 * node) starts the gateway simulator, a throw-away database (a SQLite file, or a PostgreSQL cluster
 * like the tests') and that many nodes on it, all with QYZMET_CLOCK=manual. A synthetic population
 * files BENCH_CASES applications (default 200) at BENCH_RATE per second (default 4), rotating over
 * every regulation's happy path (bench/load/regulations.ts); clerks — the demo accounts of each
 * group (BENCH_CLERKS request loops each, default 2) and the people tasks are assigned to by name —
 * read their inbox, claim and complete over HTTP, every request to the next node in turn. Every
 * BENCH_DAY_MS wall milliseconds (default 2000) the clock of every node moves to the next working
 * morning (09:00 in Almaty, Kazakh calendar); once everything filed is worked, it moves on at once
 * after each move's timers fired, until every case has ended (or BENCH_TIMEOUT_S, default 900).
 * BENCH_INBOX_ROWS (default 0) seeds that many task rows first, of another district's provider
 * (bench/load/seed.ts seedInbox), between a first node start that deploys and the run's own, then
 * analyses them and checkpoints the WAL, as a database grown in service would be.
 *
 * Measured, per run (printed as a table, and written to bench/results/load-<db>-<nodes>n-<time>.json):
 * - startedPerS: cases the API started (201) per wall second of the rotation's filing (the updates of
 *   a family's data wait for the first family on the list, and are filed after); finishedPerS: cases ended
 *   per wall second from the first filing to the last case's end (timers included; the clock's
 *   pace bounds it while cases are filed, so compare runs of the same settings);
 * - completeP50/95/99Ms: POST /api/tasks/:id/complete as the clerk's HTTP client times it (claims apart);
 * - inboxP99Ms: GET /api/tasks?candidateGroup=…|assignee=…&sort=dueAt&limit=50, every read the clerks made;
 * - jobLagP99Ms: with a manual clock a job is due the moment the clock is moved past it, so the lag
 *   is the wall time from sending that move (to every node at once) to the first poll of the jobs
 *   table (every 50 ms, so up to 50 ms late) that sees the job done; jobs due by the move's instant
 *   that were waiting before it. Jobs a node starts meanwhile (service tasks) are not counted;
 * - RSS of each node (/proc, sampled about once a second): the first sample, after the deployment
 *   and before the load, the last and the largest;
 * - memoryMiB of each node: where that memory is, from the node's own process.memoryUsage() (a
 *   preloaded probe, bench/load/memoryProbe.ts): rss, the main thread's V8 heap (heapTotal,
 *   heapUsed), external and arrayBuffers, before the load, at half, at the end and every 10 s.
 *   BENCH_HEAP_DIR=<folder> also writes a V8 heap snapshot of each node at those three moments
 *   (the node stops while it writes; the run is slower); BENCH_NODE_OPTIONS passes flags to the
 *   nodes alone (e.g. --max-old-space-size=384);
 * - database bytes per 10,000 finished cases: the growth over the run over the cases finished;
 * - cpu: each node's CPU seconds (user and system, /proc) from the first filing to the end, and all
 *   nodes' CPU milliseconds per finished case (the simulator's, PostgreSQL's and the bench's apart);
 * - engineSteps: each node's steps by how they began — on the engine the previous step kept (live),
 *   recovered from the stored state, or a new instance — and liveShare = live / (live + recovered),
 *   the live-engine cache's hit rate (QYZMET_LIVE_ENGINES, passed through to the nodes);
 * BENCH_NODE_CPU=<cores> (e.g. 0.4) caps each node at that much CPU through a control group of its
 * own (bench/load/cpuCap.ts; needs root or a delegated cgroup): on a machine with fewer cores than
 * nodes, capped nodes get what each would get on a machine of its own, so pg-1 against pg-3 then
 * shows whether the nodes scale rather than how they share the cores;
 * - speedup3Nodes (a three-node run): its finishedPerS over a one-node run on the same database in
 *   the same invocation (BENCH_LOAD=pg-1,pg-3).
 * Prints numbers only; it asserts nothing, and lists every refused request and unscripted task.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runLoad, type LoadConfig, type LoadResult } from './load/run.js';

const int = (name: string, fallback: number) => (process.env[name] ? Number.parseInt(process.env[name]!, 10) : fallback);
const runs = (process.env.BENCH_LOAD ?? 'sqlite-1').split(',').map((s) => s.trim()).filter(Boolean).map((spec) => {
  const m = /^(sqlite|pg)-(\d+)$/.exec(spec);
  if (!m) throw new Error(`BENCH_LOAD: "${spec}" is not <sqlite|pg>-<nodes>`);
  const nodes = Number(m[2]);
  if (m[1] === 'sqlite' && nodes !== 1) throw new Error(`BENCH_LOAD: "${spec}": SQLite runs one node (one writer per file)`);
  return { db: m[1] as 'sqlite' | 'pg', nodes };
});
const settings = {
  rate: Number(process.env.BENCH_RATE ?? 4),
  cases: int('BENCH_CASES', 200),
  dayMs: int('BENCH_DAY_MS', 2000),
  clerksPerGroup: int('BENCH_CLERKS', 2),
  inboxRows: int('BENCH_INBOX_ROWS', 0),
  timeoutS: int('BENCH_TIMEOUT_S', 900),
  ...(process.env.BENCH_NODE_CPU && { nodeCpu: Number(process.env.BENCH_NODE_CPU) }),
};
const resultsDir = path.join(import.meta.dirname, 'results');

const f = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : '–');

function row(r: LoadResult, speedup: number | undefined): string[] {
  const rss = r.rssMiB.map((n) => `${f(n.first, 0)}→${f(n.half, 0)}→${f(n.last, 0)}`).join(' ');
  const heap = r.memoryMiB.map((n) => [n.first, n.half, n.last].map((m) => f(m?.heapTotal ?? Number.NaN, 0)).join('→')).join(' ');
  return [
    r.label,
    `${r.finished}/${r.started}`,
    f(r.startedPerS, 2),
    f(r.finishedPerS, 2),
    `${f(r.complete.p50)} / ${f(r.complete.p95)} / ${f(r.complete.p99)}`,
    f(r.jobLag.p99),
    f(r.inbox.p99),
    rss,
    heap,
    f(r.dbBytes.per10kFinished / 2 ** 20, 0),
    f(r.cpu.msPerFinished, 0),
    r.engineSteps.map((s) => `${f(s.liveShare * 100, 0)}%`).join(' '),
    speedup === undefined ? '' : f(speedup, 2),
  ];
}

function table(rows: string[][]): string {
  const head = ['run', 'finished/started', 'started/s', 'finished/s', 'complete p50/p95/p99 ms', 'job lag p99 ms', 'inbox p99 ms', 'RSS MiB before→half→end', 'V8 heap MiB before→half→end', 'MiB per 10k cases', 'node CPU ms per case', 'steps on a kept engine', 'speedup'];
  const all = [head, ...rows];
  const widths = head.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  return all.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')).join('\n');
}

const results: LoadResult[] = [];
const rows: string[][] = [];
fs.mkdirSync(resultsDir, { recursive: true });
console.log(`load: ${runs.map((r) => `${r.db}-${r.nodes}`).join(', ')}; ${JSON.stringify(settings)}; ${os.cpus().length} CPUs, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
for (const spec of runs) {
  const config: LoadConfig = { ...spec, ...settings };
  const loadBefore = os.loadavg();
  const r = await runLoad(config, resultsDir);
  results.push(r);
  const single = results.find((x) => x.config.db === r.config.db && x.config.nodes === 1);
  const speedup = r.config.nodes === 3 && single ? r.finishedPerS / single.finishedPerS : undefined;
  rows.push(row(r, speedup));
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = path.join(resultsDir, `load-${r.config.db}-${r.config.nodes}n-${stamp}.json`);
  const json = {
    ...r,
    inboxP99Ms: r.inbox.p99,
    jobLagP99Ms: r.jobLag.p99,
    completeP99Ms: r.complete.p99,
    ...(speedup !== undefined && { speedup3Nodes: Math.round(speedup * 100) / 100 }),
    machine: { cpus: os.cpus().length, loadAverageBefore: loadBefore, loadAverageAfter: os.loadavg(), node: process.version },
  };
  fs.writeFileSync(file, JSON.stringify(json, null, 2) + '\n');
  console.log(`[${r.label}] ${JSON.stringify({ wallS: Math.round(r.wallS), clockMoves: r.clockMoves, clockFrom: r.clockFrom, clockTo: r.clockTo, claim: r.claim, start: r.start, jobLag: r.jobLag, rssMiB: r.rssMiB, memoryMiB: r.memoryMiB.map(({ samples: _, ...m }) => m), dbBytes: r.dbBytes, openIncidents: r.openIncidents, jobsRetried: r.jobsRetried, conflicts: r.conflicts })}`);
  console.log(`[${r.label}] cases by definition and status: ${JSON.stringify(r.byDefinition)}`);
  console.log(`[${r.label}] end events reached: ${JSON.stringify(r.ends)}`);
  if (Object.keys(r.errors).length) console.log(`[${r.label}] refused or failed requests: ${JSON.stringify(r.errors, null, 1)}`);
  if (Object.keys(r.unscripted).length) console.log(`[${r.label}] tasks completed without a script (no variables): ${JSON.stringify(r.unscripted)}`);
  console.log(`[${r.label}] wrote ${path.relative(process.cwd(), file)}`);
}
console.log('\n' + table(rows));
console.log(`load average after: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
