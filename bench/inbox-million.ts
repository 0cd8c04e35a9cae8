/**
 * The inbox and the monitor's list at a million rows (issue 19): 1,000,000 cases with one task
 * each (100,000 open), seeded in bulk (test/support/inboxSeed.ts says their shape), on SQLite and
 * on a throw-away PostgreSQL cluster (test/support/postgres.ts), then p50/p99 of the store's own
 * queries as GET /api/tasks and GET /api/instances run them: a page and its count side by side.
 *
 *   npm run bench:inbox                 (BENCH_INBOX_ROWS=1000000, BENCH_INBOX_ROUNDS=200,
 *                                        BENCH_INBOX_DATABASES=sqlite,postgres)
 * Prints a table; the goal is p99 < 50 ms.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createStore, type InstanceFilter, type Store, type TaskCursor, type TaskFilter } from '../src/store/index.js';
import { openDatabase } from '../src/store/database.js';
import { seedInbox } from '../test/support/inboxSeed.js';
import { startPostgres } from '../test/support/postgres.js';

const rows = Number.parseInt(process.env.BENCH_INBOX_ROWS ?? '1000000', 10);
const rounds = Number.parseInt(process.env.BENCH_INBOX_ROUNDS ?? '200', 10);
const databases = (process.env.BENCH_INBOX_DATABASES ?? 'sqlite,postgres').split(',');

const clerk: TaskFilter = { visibleTo: { provider: 'almaty', groups: ['executors', 'specialists'], user: 'executor' }, status: 'open' };
const head: TaskFilter = { visibleTo: { provider: 'almaty' }, status: 'open' };
const page = 20;

interface Line {
  database: string;
  query: string;
  p50: number;
  p99: number;
  rows: number;
  total: number;
  capped: boolean;
}

async function measure(database: string, query: string, run: () => Promise<{ rows: number; total: number; capped: boolean }>): Promise<Line> {
  for (let i = 0; i < 20; i++) await run();
  const ms: number[] = [];
  let last = { rows: 0, total: 0, capped: false };
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    last = await run();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const at = (p: number) => ms[Math.min(ms.length - 1, Math.ceil((p / 100) * ms.length) - 1)]!;
  const line = { database, query, p50: at(50), p99: at(99), ...last };
  console.log(`${database} | ${query} | ${line.p50.toFixed(2)} | ${line.p99.toFixed(2)} | ${line.rows} of ${line.total}${line.capped ? '+' : ''}`);
  return line;
}

/** The cursor of the page that starts after `position` rows, found by walking pages of 500. */
async function cursorAt(store: Store, filter: TaskFilter, position: number): Promise<TaskCursor> {
  let after: TaskCursor | undefined;
  for (let seen = 0; seen < position; seen += 500) after = (await store.tasks.page(filter, { sort: 'dueAt', limit: 500, offset: 0, after })).next!;
  return after!;
}

async function run(database: string, url: string): Promise<Line[]> {
  const started = performance.now();
  const { knex, dialect } = await openDatabase(url);
  await seedInbox(knex, dialect, rows, (line) => process.stdout.write(`\r${database}: ${line}`));
  await knex.destroy();
  console.log(`\n${database}: ${rows} cases and tasks seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  const store = await createStore(url);
  try {
    const lines: Line[] = [];
    const tasks = async (filter: TaskFilter, after?: TaskCursor) => {
      const result = await store.tasks.page(filter, { sort: 'dueAt', limit: page, offset: 0, after });
      return { rows: result.rows.length, total: result.total, capped: result.capped };
    };
    const instances = async (filter: InstanceFilter, after?: { startedAt: string; id: string }) => {
      const [list, count] = await Promise.all([store.instances.list(filter, page, 0, after), store.instances.count(filter)]);
      return { rows: list.length, ...count };
    };
    const clerkDeep = await cursorAt(store, clerk, 20_000);
    const headDeep = await cursorAt(store, head, 40_000);
    const deepInstance = (await store.instances.list({}, 1, 500_000))[0]!;
    lines.push(await measure(database, "clerk's inbox (almaty; executors, specialists, executor), first page", () => tasks(clerk)));
    lines.push(await measure(database, "clerk's inbox, page after 20,000 rows (cursor)", () => tasks(clerk, clerkDeep)));
    lines.push(await measure(database, "head's inbox (all of almaty), first page", () => tasks(head)));
    lines.push(await measure(database, "head's inbox, page after 40,000 rows (cursor)", () => tasks(head, headDeep)));
    lines.push(await measure(database, 'instance list, everyone (admin), first page', () => instances({})));
    lines.push(await measure(database, 'instance list, everyone, page after 500,000 rows (cursor)', () => instances({}, deepInstance)));
    lines.push(await measure(database, 'instance list, provider almaty, first page', () => instances({ provider: 'almaty' })));
    lines.push(await measure(database, 'instance list, almaty running, first page', () => instances({ provider: 'almaty', status: 'running' })));
    return lines;
  } finally {
    await store.close();
  }
}

const all: Line[] = [];
console.log(`${rows} cases, ${rounds} rounds a query (after 20 warm-up), page ${page}; load: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
if (databases.includes('sqlite')) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-inbox-bench-'));
  try {
    all.push(...(await run('SQLite', `sqlite:${path.join(dir, 'db.sqlite')}`)));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
if (databases.includes('postgres')) {
  const cluster = await startPostgres();
  try {
    all.push(...(await run('PostgreSQL', cluster.url)));
  } finally {
    await cluster.stop();
  }
}
console.log(`\n| database | query (page of ${page}, with its count) | p50 ms | p99 ms | rows of X-Total-Count (+: capped, more match) |\n|---|---|---|---|---|`);
for (const l of all) console.log(`| ${l.database} | ${l.query} | ${l.p50.toFixed(1)} | ${l.p99.toFixed(1)} | ${l.rows} of ${l.total.toLocaleString('en')}${l.capped ? '+' : ''} |`);
console.log(`\nload after: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; goal p99 < 50 ms: ${all.every((l) => l.p99 < 50) ? 'met' : `missed by ${all.filter((l) => l.p99 >= 50).length} of ${all.length}`}`);
