import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { createStore, type Store, type TaskFilter, type TaskPaging } from '../../src/store/index.js';
import { openDatabase } from '../../src/store/database.js';
import { taskPageQueries } from '../../src/store/tasks.js';
import { instanceCountQuery, instanceListQuery, type InstanceFilter } from '../../src/store/instances.js';
import { databaseTargets } from '../support/databases.js';
import { seedInbox } from '../support/inboxSeed.js';

/** What EXPLAIN says of a query, as lines: SQLite's `EXPLAIN QUERY PLAN` details, or PostgreSQL's plan nodes as `Node Type on relation (index)`. */
async function planOf(knex: Knex, dialect: string, query: Knex.QueryBuilder): Promise<string[]> {
  const { sql, bindings } = query.toSQL();
  if (dialect === 'sqlite') return ((await knex.raw(`EXPLAIN QUERY PLAN ${sql}`, bindings)) as Array<{ detail: string }>).map((r) => r.detail);
  const result = (await knex.raw(`EXPLAIN (FORMAT JSON) ${sql}`, bindings)) as { rows: Array<{ 'QUERY PLAN': Array<{ Plan: PgNode }> }> };
  const lines: string[] = [];
  const walk = (node: PgNode) => {
    lines.push(`${node['Node Type']}${node['Relation Name'] ? ` on ${node['Relation Name']}` : ''}${node['Index Name'] ? ` (${node['Index Name']})` : ''}`);
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(result.rows[0]!['QUERY PLAN'][0]!.Plan);
  return lines;
}
interface PgNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PgNode[];
}

/** The plan reads tasks, task_candidates and instances through indexes only: no full scan of any of them. */
function expectIndexed(dialect: string, plan: string[]) {
  const tables = /\b(tasks|task_candidates|instances)\b/;
  if (dialect === 'sqlite') {
    const full = plan.filter((line) => /^SCAN /.test(line) && tables.test(line) && !/USING (COVERING )?INDEX/.test(line));
    expect(full, plan.join('\n')).to.deep.equal([]);
    expect(plan.some((line) => tables.test(line) && /USING (COVERING )?INDEX|USING PRIMARY KEY/.test(line)), plan.join('\n')).to.equal(true);
  } else {
    expect(plan.filter((line) => /^Seq Scan on (tasks|task_candidates|instances)$/.test(line)), plan.join('\n')).to.deep.equal([]);
    expect(plan.some((line) => /^(Index Scan|Index Only Scan|Bitmap Index Scan)/.test(line)), plan.join('\n')).to.equal(true);
  }
}

const clerk: TaskFilter = { visibleTo: { provider: 'almaty', groups: ['executors', 'specialists'], user: 'executor' }, status: 'open' };
const head: TaskFilter = { visibleTo: { provider: 'almaty' }, status: 'open' };
const admin: TaskFilter = { status: 'open' };
const firstPage: TaskPaging = { sort: 'dueAt', limit: 20, offset: 0 };

for (const target of databaseTargets()) {
  describe(`query plans of the inbox and the instance list at 20,000 cases (${target.name})`, function () {
    this.timeout(180_000);
    let dir: string;
    let store: Store;
    let knex: Knex;
    let dialect: string;

    before(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-plans-'));
      const url = (await target.fresh()) ?? `sqlite:${path.join(dir, 'db.sqlite')}`;
      store = await createStore(url);
      const database = await openDatabase(url);
      knex = database.knex;
      dialect = database.dialect;
      await seedInbox(knex, database.dialect, 20_000);
    });
    after(async () => {
      await knex?.destroy();
      await store?.close();
      await target.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    /** A head's open tasks (every one of the provider) in the inbox's order, found the slow way. */
    async function headTasksTheSlowWay(): Promise<string[]> {
      const rows: Array<{ id: string; due_sort: string; created_at: string }> = await knex('tasks').select('id', 'due_sort', 'created_at').where({ provider: 'almaty', status: 'open' });
      return rows.sort((a, b) => (a.due_sort < b.due_sort ? -1 : a.due_sort > b.due_sort ? 1 : a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : 1)).map((r) => r.id);
    }

    /** The clerk's open tasks in the inbox's order, found the slow way: every task of the provider, groups matched in JSON. */
    async function clerkTasksTheSlowWay(): Promise<string[]> {
      const rows: Array<{ id: string; candidate_groups: string; candidate_users: string; assignee: string | null; due_sort: string; created_at: string }> = await knex('tasks')
        .select('id', 'candidate_groups', 'candidate_users', 'assignee', 'due_sort', 'created_at')
        .where({ provider: 'almaty', status: 'open' });
      return rows
        .filter((r) => r.assignee === 'executor' || (JSON.parse(r.candidate_users) as string[]).includes('executor') || (JSON.parse(r.candidate_groups) as string[]).some((g) => ['executors', 'specialists'].includes(g)))
        .sort((a, b) => (a.due_sort < b.due_sort ? -1 : a.due_sort > b.due_sort ? 1 : a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : 1))
        .map((r) => r.id);
    }

    it("gives a clerk exactly the tasks of their groups, name and hands, due first, page after page by cursor, with the count", async () => {
      const expected = await clerkTasksTheSlowWay();
      expect(expected.length).to.be.greaterThan(500);
      const seen: string[] = [];
      let page = await store.tasks.page(clerk, { ...firstPage, limit: 100 });
      expect(page.total).to.equal(expected.length);
      for (;;) {
        seen.push(...page.rows.map((r) => r.id));
        if (!page.next) break;
        page = await store.tasks.page(clerk, { ...firstPage, limit: 100, after: page.next });
      }
      expect(seen).to.deep.equal(expected);
      // An offset page is the same rows as the cursor's.
      const offsetPage = await store.tasks.page(clerk, { ...firstPage, limit: 20, offset: 300 });
      expect(offsetPage.rows.map((r) => r.id)).to.deep.equal(expected.slice(300, 320));
    });

    it('gives a clerk or a head filtering by one group exactly that group\'s tasks in scope, page after page, through one index range', async () => {
      const offeredTo = async (group: string) => new Set(((await knex('task_candidates').where({ kind: 'group', name: group, provider: 'almaty', status: 'open' }).select('task_id')) as { task_id: string }[]).map((r) => r.task_id));
      const specialists = await offeredTo('specialists');
      const heads = await offeredTo('heads');
      for (const [filter, expected] of [
        [{ ...clerk, candidateGroup: 'specialists' }, (await clerkTasksTheSlowWay()).filter((id) => specialists.has(id))],
        [{ ...head, candidateGroup: 'heads' }, (await headTasksTheSlowWay()).filter((id) => heads.has(id))],
        // Not one of the clerk's groups: only what the clerk sees otherwise (offered by name or held) and is offered to heads.
        [{ ...clerk, candidateGroup: 'heads' }, (await clerkTasksTheSlowWay()).filter((id) => heads.has(id))],
      ] as Array<[TaskFilter, string[]]>) {
        expect(expected.length, JSON.stringify(filter)).to.be.greaterThan(0);
        const seen: string[] = [];
        let page = await store.tasks.page(filter, { ...firstPage, limit: 100 });
        expect(page.total).to.equal(Math.min(expected.length, 1000));
        for (;;) {
          seen.push(...page.rows.map((r) => r.id));
          if (!page.next) break;
          page = await store.tasks.page(filter, { ...firstPage, limit: 100, after: page.next });
        }
        expect(seen, JSON.stringify(filter)).to.deep.equal(expected);
      }
      const { rows, count } = taskPageQueries(knex, { ...clerk, candidateGroup: 'specialists' }, firstPage);
      expectIndexed(dialect, await planOf(knex, dialect, rows));
      expectIndexed(dialect, await planOf(knex, dialect, count));
      if (dialect === 'sqlite') expect((await planOf(knex, dialect, rows)).join('\n')).to.not.match(/tasks_inbox \(status=\?\)/);
    });

    it("gives a clerk's \"assigned to me\" and a head's \"assigned to X\" exactly the tasks held, page after page, from the tasks held alone", async () => {
      const heldByExecutor = new Set(((await knex('tasks').where({ provider: 'almaty', status: 'open', assignee: 'executor' }).select('id')) as { id: string }[]).map((r) => r.id));
      const expected = (await headTasksTheSlowWay()).filter((id) => heldByExecutor.has(id));
      expect(expected.length).to.be.greaterThan(10);
      for (const filter of [{ ...clerk, assignee: 'executor' }, { ...head, assignee: 'executor' }] as TaskFilter[]) {
        const seen: string[] = [];
        let page = await store.tasks.page(filter, { ...firstPage, limit: 10 });
        expect(page.total, JSON.stringify(filter)).to.equal(expected.length);
        for (;;) {
          seen.push(...page.rows.map((r) => r.id));
          if (!page.next) break;
          page = await store.tasks.page(filter, { ...firstPage, limit: 10, after: page.next });
        }
        expect(seen, JSON.stringify(filter)).to.deep.equal(expected);
        const { rows, count } = taskPageQueries(knex, filter, firstPage);
        for (const query of [rows, count]) {
          const plan = await planOf(knex, dialect, query);
          expectIndexed(dialect, plan);
          // Not the union of every open task of the clerk's groups, joined and then filtered by assignee.
          expect(plan.join('\n'), JSON.stringify(filter)).to.not.match(/task_candidates/);
        }
      }
    });

    it("answers a clerk's, a head's and an admin's inbox page, its next page by cursor and its count through indexes, scanning no table", async () => {
      const cursor = (await store.tasks.page(clerk, { ...firstPage, limit: 200 })).next!;
      expect(cursor).to.not.equal(null);
      for (const [filter, paging] of [
        [clerk, firstPage],
        [clerk, { ...firstPage, after: cursor }],
        [head, firstPage],
        [admin, firstPage],
      ] as Array<[TaskFilter, TaskPaging]>) {
        const { rows, count } = taskPageQueries(knex, filter, paging);
        expectIndexed(dialect, await planOf(knex, dialect, rows));
        expectIndexed(dialect, await planOf(knex, dialect, count));
      }
    });

    it('answers the monitor\'s instance list, newest first, its next page by cursor and its count through indexes, filtered by provider, status or process', async () => {
      const filters: InstanceFilter[] = [{ provider: 'almaty' }, { provider: 'almaty', status: 'running' }, { status: 'running' }, { definitionKey: 'housing' }];
      for (const filter of filters) {
        const first = await store.instances.list(filter, 20, 0);
        const last = first[first.length - 1]!;
        const next = await store.instances.list(filter, 20, 0, { startedAt: last.startedAt, id: last.id });
        expect(next[0]!.startedAt < last.startedAt, 'the next page starts before the last row').to.equal(true);
        expect(await store.instances.list(filter, 20, 20)).to.deep.equal(next);
        expectIndexed(dialect, await planOf(knex, dialect, instanceListQuery(knex, filter, 20, 0)));
        expectIndexed(dialect, await planOf(knex, dialect, instanceListQuery(knex, filter, 20, 0, { startedAt: last.startedAt, id: last.id })));
        expectIndexed(dialect, await planOf(knex, dialect, instanceCountQuery(knex, filter)));
      }
      expectIndexed(dialect, await planOf(knex, dialect, instanceListQuery(knex, {}, 20, 0)));
      expectIndexed(dialect, await planOf(knex, dialect, instanceCountQuery(knex, {})));
    });

    it('counts matches exactly up to 1,000 and says "more" beyond, reading no further', async () => {
      const exactly = async (where: Record<string, string | undefined>) => Number(((await knex('instances').where(where).count({ n: '*' })) as Array<{ n: number | string }>)[0]!.n);
      const few = { provider: 'district-0', status: 'running' } as const;
      expect(await exactly(few)).to.be.within(1, 999);
      expect(await store.instances.count(few)).to.deep.equal({ total: await exactly(few), capped: false });
      expect(await store.instances.count({ provider: 'almaty' })).to.deep.equal({ total: 1000, capped: true });
      expect(await store.instances.count({})).to.deep.equal({ total: 1000, capped: true });
      const clerkPage = await store.tasks.page(clerk, firstPage);
      expect([clerkPage.total, clerkPage.capped]).to.deep.equal([(await clerkTasksTheSlowWay()).length, false]);
      const everyOpenTask = await store.tasks.page(admin, firstPage);
      expect([everyOpenTask.total, everyOpenTask.capped]).to.deep.equal([1000, true]);
    });
  });
}

describe('SQLite keeps its planner statistics itself (a file grown and never analysed)', function () {
  this.timeout(180_000);
  let dir: string;
  let url: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-plans-stats-'));
    url = `sqlite:${path.join(dir, 'db.sqlite')}`;
    const database = await openDatabase(url);
    // Seeded and never analysed, as a file that grew under a server that never refreshed its statistics.
    await seedInbox(database.knex, 'sqlite', 20_000, undefined, { analyze: false });
    await database.knex('sqlite_stat1').delete().catch(() => undefined);
    await database.knex.destroy();
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const bare = () => openDatabaseUnanalysed(url);

  it("reads a case's completed tasks (the commission's ballots) through the case's own index once the store has opened the file", async () => {
    const caseTasks = (knex: Knex) => knex('tasks').where({ instance_id: 'case-10' }).andWhere('status', 'completed').orderBy('created_at').limit(500);
    const before = await bare();
    try {
      const plan = await planOf(before, 'sqlite', caseTasks(before));
      // Without statistics SQLite reads every completed task in the (status, due date) index instead.
      expect(plan.join('\n')).to.not.match(/\(instance_id=\?/);
    } finally {
      await before.destroy();
    }
    const store = await createStore(url);
    await store.close();
    const after = await bare();
    try {
      expect((await planOf(after, 'sqlite', caseTasks(after))).join('\n')).to.match(/USING INDEX tasks_instance_id_execution_id_unique \(instance_id=\?\)/);
    } finally {
      await after.destroy();
    }
  });

  it("starts a small district's inbox page from the district's own tasks, not from every open task of the city, with or without statistics", async () => {
    const knex = await bare();
    try {
      await knex('sqlite_stat1').delete().catch(() => undefined);
      await knex.raw('ANALYZE sqlite_schema');
      const village: TaskFilter = { visibleTo: { provider: 'village', groups: ['executors'], user: 'executor' }, status: 'open' };
      for (const filter of [village, { ...village, candidateGroup: 'executors' }, { visibleTo: { provider: 'village' }, status: 'open' } as TaskFilter]) {
        const plan = await planOf(knex, 'sqlite', taskPageQueries(knex, filter, firstPage).rows);
        expect(plan.join('\n')).to.not.match(/SEARCH tasks USING (COVERING )?INDEX tasks_inbox \(status=\?\)/);
        expect(plan.join('\n')).to.match(/SEARCH tasks USING (INDEX sqlite_autoindex_tasks_1|INTEGER PRIMARY KEY|PRIMARY KEY) \(id=\?\)/);
      }
    } finally {
      await knex.destroy();
    }
  });
});

/** A plain connection to the file: no migration, no PRAGMA optimize (what openDatabase adds). */
async function openDatabaseUnanalysed(url: string): Promise<Knex> {
  const { default: knexFactory } = await import('knex');
  return knexFactory({ client: 'sqlite3', connection: { filename: url.slice('sqlite:'.length) }, useNullAsDefault: true, pool: { min: 1, max: 1 } });
}
