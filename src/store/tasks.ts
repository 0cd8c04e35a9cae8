import type { Knex } from 'knex';
import { runWrites, type Write } from './batch.js';
import { fromColumns, toColumns } from './rows.js';
import type { TaskRow, TaskStatus } from './types.js';
import { counted, countLimit } from './counted.js';

const table = 'tasks';
const candidates = 'task_candidates';
const json = ['candidateGroups', 'candidateUsers'] as const;
const from = (row: Record<string, unknown>): TaskRow => {
  const { due_sort: _dueSort, ...rest } = row;
  return fromColumns<TaskRow>(rest, json);
};

/** The tasks one person may see: of one provider and, if `groups` is given, only those of these candidate groups, offered to `user` by name, or claimed by `user`. */
export interface TaskVisibility {
  provider: string;
  groups?: string[];
  user?: string;
}

export interface TaskFilter {
  instanceId?: string;
  visibleTo?: TaskVisibility;
  candidateGroup?: string;
  assignee?: string;
  status?: TaskStatus;
  /** Open tasks whose due date passed before this instant. */
  overdueAt?: string;
  dueBefore?: string;
  /** Tasks of cases of this definition key. */
  definitionKey?: string;
  /** Tasks of this element (the step of the diagram). */
  elementId?: string;
  /** true: only tasks nobody holds; false: only held ones. */
  unassigned?: boolean;
  /** Open tasks not past their due date at this instant (no due date counts as not overdue). */
  notOverdueAt?: string;
}

/** How a page of tasks is ordered: by due date (nulls last), earliest or latest first, or by creation. */
export type TaskSort = 'dueAt' | '-dueAt' | 'createdAt';

/** A task with what the inbox shows of its case. */
export interface TaskWithCase extends TaskRow {
  businessKey: string | null;
  definitionKey: string;
  definitionId: string;
  /** The case's revision: what is read of its variables holds until it changes. */
  instanceRevision: number;
}

/** Where a page of the inbox ends (sorted by due date): the next page starts after this task. */
export interface TaskCursor {
  /** The due date, or noDueDate for none. */
  dueSort: string;
  createdAt: string;
  id: string;
}

/** Stands for "no due date" in `due_sort` (migration 20261206000100): such tasks sort last. */
export const noDueDate = '9999-12-31T23:59:59.999Z';
const dueSortOf = (dueAt: string | null) => dueAt ?? noDueDate;

/** A task's candidate groups and users as rows of `task_candidates`, one per name. */
function candidateRows(task: TaskRow): Record<string, unknown>[] {
  const row = (kind: 'group' | 'user', name: string) => ({ task_id: task.id, kind, name, provider: task.provider, status: task.status, due_sort: dueSortOf(task.dueAt), created_at: task.createdAt });
  return [...[...new Set(task.candidateGroups)].map((g) => row('group', g)), ...[...new Set(task.candidateUsers)].map((u) => row('user', u))];
}

/** Rows an insert holds at most: a task's multi-instance may create thousands, and PostgreSQL binds at most 65,535 values. */
const insertChunk = 1000;
const chunks = <T>(rows: T[]) => Array.from({ length: Math.ceil(rows.length / insertChunk) }, (_, i) => rows.slice(i * insertChunk, (i + 1) * insertChunk));

export function taskWrites() {
  return {
    /** Inserts rows the caller knows to be new (not among the instance's open rows), with their candidates. */
    insertMany: (rows: TaskRow[]): Write[] => [
      ...chunks(rows).map((part) => ({ statement: { table, insert: part.map((r) => ({ ...toColumns({ ...r }, json), due_sort: dueSortOf(r.dueAt) })) } })),
      ...chunks(rows.flatMap(candidateRows)).map((part) => ({ statement: { table: candidates, insert: part } })),
    ],
    /** Closes the still-open tasks of these executions (waits that went away), or all of the instance's (null), and their candidates. */
    closeOpen(instanceId: string, executionIds: readonly string[] | null, patch: Pick<TaskRow, 'status' | 'endedAt'>): Write[] {
      const where = { instance_id: instanceId, status: 'open' };
      const executions = executionIds ? { column: 'execution_id', values: executionIds } : undefined;
      return [
        // First, while the tasks are still open: their candidates are found through them.
        { statement: { table: candidates, where: { status: 'open' }, whereIn: { column: 'task_id', select: { table, column: 'id', where, whereIn: executions } }, update: { status: patch.status } } },
        { statement: { table, where, ...(executions && { whereIn: executions }), update: toColumns(patch) } },
      ];
    },
    /** Updates a task only while it has `expected` status and assignee (its candidates follow its status and due date). */
    update(id: string, expected: Partial<Pick<TaskRow, 'status' | 'assignee'>>, patch: Partial<TaskRow>): Write[] {
      const sortKeys = { ...(patch.status !== undefined && { status: patch.status }), ...(patch.dueAt !== undefined && { due_sort: dueSortOf(patch.dueAt) }) };
      return [
        { statement: { table, where: { id, ...toColumns(expected) }, update: { ...toColumns(patch, json), ...('due_sort' in sortKeys && { due_sort: sortKeys.due_sort }) } }, guard: `task ${id} with ${JSON.stringify(expected)}` },
        ...(Object.keys(sortKeys).length ? [{ statement: { table: candidates, where: { task_id: id }, update: sortKeys } }] : []),
      ];
    },
  };
}

/** A page of the inbox: its rows, how many the filter selects in all, and where the next page starts (when this one is full). */
export interface TaskPage {
  rows: TaskWithCase[];
  /** How many the filter selects, counted up to countLimit (src/store/counted.ts). */
  total: number;
  /** More than countLimit match: `total` is countLimit. */
  capped: boolean;
  next: TaskCursor | null;
}

/** How a page is asked for: `after` (sort dueAt only) starts after that task, `offset` skips rows. */
export interface TaskPaging {
  sort: TaskSort;
  limit: number;
  offset: number;
  after?: TaskCursor;
}

export function tasksRepository(db: Knex) {
  const writes = taskWrites();
  return {
    async get(id: string): Promise<TaskRow | undefined> {
      const row = await db(table).where({ id }).first();
      return row && from(row);
    },
    async list(filter: TaskFilter, limit = 500): Promise<TaskRow[]> {
      const q = db(table).orderBy('created_at', 'asc').limit(limit);
      if (filter.instanceId) q.where('instance_id', filter.instanceId);
      if (filter.assignee) q.where('assignee', filter.assignee);
      if (filter.status) q.where('status', filter.status);
      if (filter.candidateGroup) q.whereIn('id', candidatesNamed(db, 'group', [filter.candidateGroup]));
      if (filter.overdueAt) q.where('status', 'open').andWhere('due_at', '<', filter.overdueAt);
      if (filter.dueBefore) q.where('due_at', '<', filter.dueBefore);
      const scope = filter.visibleTo;
      if (scope) {
        q.where('provider', scope.provider);
        if (scope.groups) {
          const groups = scope.groups;
          q.where((w) => {
            w.whereIn('id', candidatesNamed(db, 'group', groups));
            if (scope.user) w.orWhere('assignee', scope.user).orWhereIn('id', candidatesNamed(db, 'user', [scope.user]));
          });
        }
      }
      return (await q).map(from);
    },
    /**
     * One page of the tasks the filter selects, with their cases' business and definition keys,
     * how many the filter selects in all, and the cursor of the next page. Due dates sort nulls
     * last, then by creation and id, so that pages never overlap. See taskPageQueries for how
     * the indexes answer it.
     */
    async page(filter: TaskFilter, paging: TaskPaging): Promise<TaskPage> {
      const queries = taskPageQueries(db, filter, paging);
      const [rows, n] = await Promise.all([queries.rows, queries.count]);
      const page = (rows as Record<string, unknown>[]).map((row) => {
        const { due_sort: _dueSort, ...rest } = row;
        return fromColumns<TaskWithCase>(rest, json);
      });
      const last = (rows as Record<string, unknown>[])[rows.length - 1];
      const next = last && rows.length === paging.limit ? { dueSort: String(last.due_sort), createdAt: String(last.created_at), id: String(last.id) } : null;
      return { rows: page, ...counted(Number((n as Array<{ n: number | string }>)[0]?.n ?? 0)), next };
    },
    async openByInstance(instanceId: string): Promise<TaskRow[]> {
      return (await db(table).where({ instance_id: instanceId, status: 'open' })).map(from);
    },
    /** Updates a task only while it has `expected` status and assignee, with its candidates; returns whether it did. */
    update: (...args: Parameters<typeof writes.update>): Promise<boolean> => db.transaction((trx) => runWrites(trx, writes.update(...args))),
  };
}

/** The ids of tasks offered to one of these names (of `kind`), for a filter on `tasks.id`. */
function candidatesNamed(db: Knex, kind: 'group' | 'user', names: readonly string[]): Knex.QueryBuilder {
  return db(candidates).select('task_id').where('kind', kind).whereIn('name', names as string[]);
}


/**
 * The queries of one page of tasks and of its count, as `page` runs them (the plan test explains
 * the very same).
 *
 * Who sees a task is answered first, as the union of index ranges ("arms"): for a clerk, one range
 * of `task_candidates_inbox` per group of theirs and one for their name, and one of
 * `tasks_assignee_inbox` for what they hold; for a head, `tasks_provider_inbox`; for an admin,
 * `tasks_inbox`. Each range lists its tasks already in the inbox's order (status and due dates
 * are columns of the index), so when the page is sorted by due date and asks nothing an index
 * range cannot say, each arm stops after the rows the page can show (offset + limit, after the
 * cursor), and the page joins tasks and cases for at most that many rows per arm. Otherwise the
 * arms give the tasks in scope unsorted and the other filters and the sort apply to those.
 */
export function taskPageQueries(db: Knex, asked: TaskFilter, paging: TaskPaging): { rows: Knex.QueryBuilder; count: Knex.QueryBuilder } {
  const filter = groupAsScope(asked);
  const c = (column: string) => `${table}.${column}`;
  const keyset = paging.sort === 'dueAt';
  if (paging.after && !keyset) throw new TypeError('a cursor pages tasks sorted by due date only');
  const held = heldWhole(filter);
  const narrowed = filter.instanceId || (filter.assignee && !held) || filter.unassigned !== undefined || filter.definitionKey || filter.elementId || filter.candidateGroup;
  const limited = keyset && !narrowed;

  const scopeOf = (forCount: boolean) => {
    const arms = (held ? [heldArm(filter.visibleTo!.provider, filter.assignee!)] : scopeArms(filter)).map(({ from, id, conditions }) => {
      const where = [...conditions];
      const status = filter.overdueAt ? 'open' : filter.status;
      if (status) where.push(['status = ?', [status]]);
      if (filter.overdueAt) where.push(['due_sort < ?', [filter.overdueAt]]);
      if (filter.dueBefore) where.push(['due_sort < ?', [filter.dueBefore]]);
      if (filter.notOverdueAt) where.push(['due_sort >= ?', [filter.notOverdueAt]]);
      if (!forCount && paging.after) where.push([`(due_sort, created_at, ${id}) > (?, ?, ?)`, [paging.after.dueSort, paging.after.createdAt, paging.after.id]]);
      const sql = `select ${id} as task_id from ${from}${where.length ? ` where ${where.map(([w]) => w).join(' and ')}` : ''}`;
      const bindings = where.flatMap(([, b]) => b);
      // An arm that holds more than countLimit tasks makes the union hold more: enough to say so.
      if (forCount) return limited ? { sql: `select task_id from (${sql} limit ?) as arm`, bindings: [...bindings, countLimit + 1] } : { sql, bindings };
      if (!limited) return { sql, bindings };
      return { sql: `select task_id from (${sql} order by due_sort, created_at, ${id} limit ?) as arm`, bindings: [...bindings, paging.offset + paging.limit] };
    });
    return db.raw(`(${arms.map((a) => a.sql).join(' union ')}) as inbox`, arms.flatMap((a) => a.bindings) as Knex.RawBinding[]);
  };

  const narrowedBy = (q: Knex.QueryBuilder) => {
    if (filter.instanceId) q.where(c('instance_id'), filter.instanceId);
    if (filter.assignee) q.where(c('assignee'), filter.assignee);
    if (filter.unassigned === true) q.whereNull(c('assignee'));
    if (filter.unassigned === false) q.whereNotNull(c('assignee'));
    if (filter.status) q.where(c('status'), filter.status);
    if (filter.definitionKey) q.where('instances.definition_key', filter.definitionKey);
    if (filter.elementId) q.where(c('element_id'), filter.elementId);
    if (filter.candidateGroup) q.whereIn(c('id'), candidatesNamed(db, 'group', [filter.candidateGroup]));
    if (filter.overdueAt) q.where(c('status'), 'open').andWhere(c('due_at'), '<', filter.overdueAt);
    if (filter.notOverdueAt) q.where((w) => w.whereNull(c('due_at')).orWhere(c('due_at'), '>=', filter.notOverdueAt!));
    if (filter.dueBefore) q.where(c('due_at'), '<', filter.dueBefore);
    return q;
  };

  // A limited inbox holds at most offset + limit tasks an arm: it must drive the join. SQLite may
  // instead walk every open task in due order (the tasks_inbox index gives the ORDER BY) and probe
  // the inbox for each, fast while the scope's tasks come first, 400 ms on a million rows where
  // they are another district's; its CROSS JOIN keeps the inbox outermost
  // (https://www.sqlite.org/optoverview.html#manual_control_of_query_plans_using_cross_join).
  const inboxFirst = limited && (db.client as { dialect?: string }).dialect === 'sqlite3';
  const scoped = db.from(scopeOf(false));
  const joined = inboxFirst ? scoped.crossJoin(table, c('id'), 'inbox.task_id') : scoped.join(table, c('id'), 'inbox.task_id');
  const rows = narrowedBy(joined.join('instances', 'instances.id', c('instance_id')));
  rows.select(`${table}.*`, 'instances.business_key', 'instances.definition_key', 'instances.definition_id', 'instances.revision as instance_revision');
  if (paging.after) rows.whereRaw(`(${c('due_sort')}, ${c('created_at')}, ${c('id')}) > (?, ?, ?)`, [paging.after.dueSort, paging.after.createdAt, paging.after.id]);
  if (paging.sort === 'createdAt') rows.orderBy(c('created_at'), 'asc');
  else if (paging.sort === '-dueAt') rows.orderByRaw(`${c('due_at')} is null, ${c('due_at')} desc`).orderBy(c('created_at'), 'asc');
  else rows.orderBy(c('due_sort'), 'asc').orderBy(c('created_at'), 'asc');
  rows.orderBy(c('id'), 'asc').limit(paging.limit).offset(paging.offset);

  // The arms alone decide the count unless a filter they cannot say narrows it; either way it stops past countLimit.
  const matches: Knex.QueryBuilder = narrowed
    ? narrowedBy(db.from(scopeOf(true)).join(table, c('id'), 'inbox.task_id').join('instances', 'instances.id', c('instance_id'))).select(c('id'))
    : db.from(scopeOf(true)).select('inbox.task_id');
  const count = db.from(matches.limit(countLimit + 1).as('matches')).count({ n: '*' });
  return { rows, count };
}

/**
 * A `candidateGroup` filter that the scope sees whole (one of its groups, or a scope of the provider
 * alone) is that group's own index range: the scope narrowed to the group, so the page stays on the
 * limited path (the clerk's inbox filtered by a group reads about a page of rows, not every open
 * task of the city). Any other filter is kept as asked.
 */
function groupAsScope(filter: TaskFilter): TaskFilter {
  const { candidateGroup: group, visibleTo: scope, ...rest } = filter;
  if (!group || !scope || (scope.groups && !scope.groups.includes(group))) return filter;
  return { ...rest, visibleTo: { provider: scope.provider, groups: [group] } };
}

/**
 * An `assignee` filter the scope sees whole — the clerk's own name, or anyone's for a scope of the
 * provider alone — is one range of `tasks_assignee_inbox`, so "assigned to me" stays on the limited
 * path: about a page of rows, not the union of every open task of the clerk's groups joined and
 * then filtered (230 ms a read over a city's backlog, bench:load with BENCH_INBOX_ROWS=1000000).
 */
function heldWhole(filter: TaskFilter): boolean {
  const scope = filter.visibleTo;
  return Boolean(filter.assignee && scope && (!scope.groups || scope.user === filter.assignee));
}

/** The tasks of `provider` that `assignee` holds: a range of `tasks_assignee_inbox`. */
function heldArm(provider: string, assignee: string) {
  return { from: table, id: 'id', conditions: [['provider = ?', [provider]], ['assignee = ?', [assignee]]] as Array<[string, unknown[]]> };
}

/** The index ranges whose union is the tasks a scope sees: their table, its task id column, and the conditions that pick the range. */
function scopeArms(filter: TaskFilter): Array<{ from: string; id: string; conditions: Array<[string, unknown[]]> }> {
  const scope = filter.visibleTo;
  if (!scope) return [{ from: table, id: 'id', conditions: [] }];
  const provider: [string, unknown[]] = ['provider = ?', [scope.provider]];
  if (!scope.groups) return [{ from: table, id: 'id', conditions: [provider] }];
  const arms = [...new Set(scope.groups)].map((group) => ({ from: candidates, id: 'task_id', conditions: [provider, ["kind = 'group'", []], ['name = ?', [group]]] as Array<[string, unknown[]]> }));
  if (scope.user) {
    arms.push({ from: candidates, id: 'task_id', conditions: [provider, ["kind = 'user'", []], ['name = ?', [scope.user]]] });
    arms.push(heldArm(scope.provider, scope.user));
  }
  // Someone with no group and no name sees nothing: an arm that selects no row keeps the query's shape.
  if (!arms.length) arms.push({ from: table, id: 'id', conditions: [['1 = 0', []]] });
  return arms;
}

/** The row mapping, for a task read back from the archive (src/store/archive.ts). */
export { from as taskFromColumns };
