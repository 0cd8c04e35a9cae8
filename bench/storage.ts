/**
 * What a finished case costs on disk (issue 19): BENCH_STORAGE_CASES cases (default 20) of each
 * regulation's happy path (bench/load/regulations.ts, the scenario tests' submissions) driven one
 * after another through the REST API in process, on SQLite and on PostgreSQL, and the bytes each
 * table and each index grew by, divided by the cases: SQLite's `dbstat` (pages of each b-tree), and
 * PostgreSQL's pg_table_size (heap with its TOAST, free-space and visibility maps) and
 * pg_relation_size of each index, both as written and after VACUUM FULL (PostgreSQL keeps every
 * updated row's old version until a vacuum frees it: an instance row and its state each step).
 * Monitoring stages are on, as `serve` has them by default.
 *
 *   BENCH_ONLY=storage npm run bench        (or: node --import tsx bench/storage.ts)
 *   BENCH_STORAGE_CASES=5 BENCH_STORAGE_DB=sqlite BENCH_ONLY=storage npm run bench
 * (BENCH_STORAGE_KEEP=1 keeps the SQLite file for a look inside.)
 *
 * Prints, per database, table/index → bytes per finished case of each regulation and of them all,
 * and the PDFs' sizes; writes bench/results/storage-<time>.json. Asserts only that every case ended.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import knexFactory, { type Knex } from 'knex';
import { testQyzmet, type TestQyzmet } from '../test/support/app.js';
import { deployProcesses } from '../test/support/cases.js';
import { startPostgres } from '../test/support/postgres.js';
import { startSimulator, type SimulatorProcess } from '../test/support/simulator.js';
import { commissionMembers, filings, privatizer, responsible, taskScripts, type Filing } from './load/regulations.js';
import { nextWorkingMorning } from './load/run.js';

const cases = Number.parseInt(process.env.BENCH_STORAGE_CASES ?? '20', 10);
const databases = (process.env.BENCH_STORAGE_DB ?? 'sqlite,pg').split(',').map((s) => s.trim());

/** Decision tables first, then callees before their callers. */
const files = ['housing-center-denial.dmn', 'housing-queue-grounds.dmn', 'complaint.bpmn', 'family-consent.bpmn', 'hearing.bpmn', 'commission-vote.bpmn', 'housing-assistance.bpmn', 'housing-assistance-almaty.bpmn', 'housing-queue-registration.bpmn', 'housing-center-registration.bpmn', 'privatization.bpmn', 'waiting-list-update.bpmn'];
const roleOfGroup: Record<string, string> = { stateCorporation: 'operator', executors: 'executor', specialists: 'executor', heads: 'head', commission: 'commission' };
const memberPassword = 'commission-member-2026';
const isMember = (username: string) => (commissionMembers as readonly string[]).includes(username);

/** Bytes of each b-tree: a table (`t:name`) or an index (`i:name`), with its table. */
type Sizes = Map<string, { table: string; bytes: number }>;

async function sqliteSizes(db: Knex): Promise<Sizes> {
  const master: { name: string; tbl_name: string; type: string }[] = await db.raw("select name, tbl_name, type from sqlite_master where type in ('table', 'index')");
  const stat: { name: string; bytes: number }[] = await db.raw('select name, sum(pgsize) as bytes from dbstat group by name');
  const kind = new Map(master.map((m) => [m.name, m]));
  const sizes: Sizes = new Map();
  for (const s of stat) {
    const m = kind.get(s.name);
    if (!m) continue; // sqlite_schema itself
    sizes.set(`${m.type === 'index' ? 'i' : 't'}:${s.name}`, { table: m.tbl_name, bytes: Number(s.bytes) });
  }
  return sizes;
}

async function postgresSizes(db: Knex): Promise<Sizes> {
  const { rows } = (await db.raw(`
    select c.relname as name, c.relkind as kind, coalesce(t.relname, c.relname) as tbl,
           case when c.relkind = 'r' then pg_table_size(c.oid) else pg_relation_size(c.oid) end::bigint as bytes
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      left join pg_index x on x.indexrelid = c.oid left join pg_class t on t.oid = x.indrelid
     where n.nspname = current_schema() and c.relkind in ('r', 'i')`)) as { rows: { name: string; kind: string; tbl: string; bytes: string }[] };
  return new Map(rows.map((r) => [`${r.kind === 'i' ? 'i' : 't'}:${r.name}`, { table: r.tbl, bytes: Number(r.bytes) }]));
}

interface Task {
  id: string;
  elementId: string;
  definitionKey: string;
  assignee: string | null;
  candidateGroups: string[];
}

/** Runs one case of `filing` to its end: every open task completed as its script says, the clock moved a working morning on when nothing is open. */
async function runCase(t: TestQyzmet, sim: SimulatorProcess, filing: Filing, serial: number, clock: { now: Date }): Promise<string> {
  const at = () => ({ date: new Date(clock.now.getTime() + 5 * 3_600_000).toISOString().slice(0, 10), serial });
  const started = await t.api.post(`/api/definitions/${filing.key}/instances`).send({ businessKey: `STORE-${String(serial).padStart(6, '0')}`, variables: filing.variables(at()) });
  if (started.status !== 201) throw new Error(`${filing.label}: ${started.status} ${JSON.stringify(started.body)}`);
  const id = started.body.id as string;
  for (let round = 0; round < 400; round++) {
    await t.qyzmet.jobs.runDue();
    const open: Task[] = (await t.api.get('/api/tasks').query({ limit: 500 })).body;
    if (open.length) {
      for (const task of open) {
        const worker = !task.assignee ? await t.as(task.candidateGroups.map((g) => roleOfGroup[g]).find(Boolean) ?? 'admin') : isMember(task.assignee) ? await t.as(task.assignee, memberPassword) : await t.person(task.assignee);
        const variables = taskScripts[task.definitionKey]?.[task.elementId]?.(at()) ?? {};
        const done = await worker.post(`/api/tasks/${task.id}/complete`).send({ variables });
        if (done.status === 409) continue; // closed meanwhile (the commission decided on a majority)
        if (done.status !== 200) throw new Error(`${task.definitionKey}/${task.elementId}: ${done.status} ${JSON.stringify(done.body)}`);
        if (task.definitionKey === 'privatization' && task.elementId === 'concludeAgreement') {
          await sim.admin('POST', '/admin/payments', { payerIin: privatizer.iin, agreement: variables.agreementNumber, amountTiyn: privatizer.residualValue * 100, date: at().date });
        }
      }
      continue;
    }
    const status = (await t.api.get(`/api/instances/${id}`)).body.status as string;
    if (status !== 'running') return status;
    clock.now = nextWorkingMorning(clock.now);
    await t.api.post('/api/clock').send({ now: clock.now.toISOString() }).expect(200);
  }
  throw new Error(`${filing.label}: case ${id} still running after 400 rounds`);
}

interface Growth {
  label: string;
  cases: number;
  /** b-tree → bytes per case, as written. */
  perCase: Record<string, number>;
  /** PostgreSQL: b-tree → bytes per case that VACUUM FULL leaves (the rows live, without the dead versions autovacuum has not yet made reusable). */
  live?: Record<string, number>;
}

async function measure(kind: 'sqlite' | 'pg', sim: SimulatorProcess): Promise<{ growth: Growth[]; tables: Map<string, string>; pdfs: number[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-bench-storage-'));
  let cluster: Awaited<ReturnType<typeof startPostgres>> | undefined;
  let url: string;
  let raw: Knex;
  if (kind === 'sqlite') {
    const file = path.join(dir, 'storage.sqlite');
    url = `sqlite:${file}`;
    raw = knexFactory({ client: 'sqlite3', connection: { filename: file }, useNullAsDefault: true });
  } else {
    cluster = await startPostgres();
    url = cluster.url;
    raw = knexFactory({ client: 'pg', connection: url });
  }
  const t = await testQyzmet({ databaseUrl: url, gatewayUrl: sim.url, env: { QYZMET_MONITORING: 'true' } });
  const clock = { now: new Date('2026-03-02T04:00:00Z') };
  try {
    await deployProcesses(t, files);
    await t.person(responsible);
    for (const member of commissionMembers) await t.api.post('/api/users').send({ username: member, password: memberPassword, displayName: member, roles: ['commission'], provider: 'default' }).expect(201);
    await t.api.put('/api/providers/default/commission').send({ members: [...commissionMembers], chair: commissionMembers[0] }).expect(200);
    const sizes = () => (kind === 'sqlite' ? sqliteSizes(raw) : postgresSizes(raw));
    const growth: Growth[] = [];
    const tables = new Map<string, string>();
    let serial = 0;
    // PostgreSQL keeps each updated row's old version (the instance row and its TOASTed state, every
    // step) until a vacuum makes its space reusable: growth as written depends on autovacuum's timing.
    // Each group starts compacted, and is measured as written and compacted again.
    const compact = async () => {
      if (kind === 'pg') await raw.raw('VACUUM FULL');
    };
    for (const filing of filings) {
      await compact();
      const before = await sizes();
      for (let i = 0; i < cases; i++) {
        const status = await runCase(t, sim, filing, ++serial, clock);
        if (status !== 'completed') throw new Error(`${filing.label}: case ended ${status}`);
      }
      const after = await sizes();
      const per = (sized: Sizes) => {
        const perCase: Record<string, number> = {};
        for (const [name, { table, bytes }] of sized) {
          tables.set(name, table);
          perCase[name] = (bytes - (before.get(name)?.bytes ?? 0)) / cases;
        }
        return perCase;
      };
      const perCase = per(after);
      if (kind === 'pg') {
        await compact();
        growth.push({ label: filing.label, cases, perCase, live: per(await sizes()) });
      } else growth.push({ label: filing.label, cases, perCase });
      console.error(`${kind}: ${filing.label} done (${cases} cases)`);
    }
    const pdfs = ((await raw('documents').select('size')) as { size: number }[]).map((d) => Number(d.size));
    return { growth, tables, pdfs };
  } finally {
    await t.close();
    await raw.destroy();
    await cluster?.stop();
    if (process.env.BENCH_STORAGE_KEEP) console.error(`${kind}: the database is kept in ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

const kib = (bytes: number) => (bytes / 1024).toFixed(1);

function print(kind: string, { growth: measured, tables }: { growth: Growth[]; tables: Map<string, string> }, which: 'perCase' | 'live' = 'perCase') {
  const growth = measured.map((g) => ({ ...g, perCase: g[which]! }));
  const names = [...tables.keys()].filter((n) => growth.some((g) => Math.abs(g.perCase[n] ?? 0) >= 1));
  // Tables with their indexes under them, largest table first.
  const all = (n: string) => growth.reduce((s, g) => s + (g.perCase[n] ?? 0), 0) / growth.length;
  names.sort((a, b) => {
    const ta = tables.get(a)!;
    const tb = tables.get(b)!;
    if (ta !== tb) return all(`t:${tb}`) - all(`t:${ta}`) || ta.localeCompare(tb);
    return (a.startsWith('t:') ? -1 : 0) - (b.startsWith('t:') ? -1 : 0) || all(b) - all(a);
  });
  const header = ['KiB per finished case', ...growth.map((g) => g.label), 'all'];
  const rows = names.map((n) => [n.startsWith('t:') ? n.slice(2) : `  ${n.slice(2)}`, ...growth.map((g) => kib(g.perCase[n] ?? 0)), kib(all(n))]);
  rows.push(['total', ...growth.map((g) => kib(Object.values(g.perCase).reduce((s, b) => s + b, 0))), kib(names.reduce((s, n) => s + all(n), 0))]);
  console.log(`\n${kind} (${growth[0]?.cases ?? 0} cases of each)`);
  console.log(`| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
}

/** Runs the measurement and prints it (bench/run.ts calls it for BENCH_ONLY=storage). */
export async function storagePerCase() {
  const sim = await startSimulator();
  const results: Record<string, unknown> = {};
  try {
    for (const kind of databases) {
      if (kind !== 'sqlite' && kind !== 'pg') throw new Error(`BENCH_STORAGE_DB: ${kind} is neither sqlite nor pg`);
      const result = await measure(kind, sim);
      print(kind === 'pg' ? 'pg, as written' : kind, result);
    if (kind === 'pg') print('pg, live (after VACUUM FULL)', result, 'live');
      const sorted = [...result.pdfs].sort((a, b) => a - b);
      console.log(`PDFs: ${sorted.length}, ${kib(sorted[0] ?? 0)}–${kib(sorted.at(-1) ?? 0)} KiB, median ${kib(sorted[Math.floor(sorted.length / 2)] ?? 0)} KiB`);
      results[kind] = { growth: result.growth, tables: Object.fromEntries(result.tables), pdfs: result.pdfs };
    }
  } finally {
    await sim.stop();
  }
  const out = path.join(import.meta.dirname, 'results', `storage-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(out, JSON.stringify({ cases, results }, null, 2));
  console.log(`\nwritten to ${path.relative(process.cwd(), out)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await storagePerCase();
  process.exit(0);
}
