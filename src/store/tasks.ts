import type { Knex } from 'knex';
import { runWrites, type Write } from './batch.js';
import { fromColumns, toColumns } from './rows.js';
import type { TaskRow, TaskStatus } from './types.js';

const table = 'tasks';
const json = ['candidateGroups', 'candidateUsers'] as const;
const from = (row: Record<string, unknown>) => fromColumns<TaskRow>(row, json);

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

export function taskWrites() {
  return {
    /** Inserts rows the caller knows to be new (not among the instance's open rows). */
    insertMany: (rows: TaskRow[]): Write[] => (rows.length ? [{ statement: { table, insert: rows.map((r) => toColumns({ ...r }, json)) } }] : []),
    /** Closes the still-open tasks of these executions (waits that went away), or all of the instance's (null). */
    closeOpen(instanceId: string, executionIds: readonly string[] | null, patch: Pick<TaskRow, 'status' | 'endedAt'>): Write[] {
      const where = { instance_id: instanceId, status: 'open' };
      return [{ statement: { table, where, ...(executionIds && { whereIn: { column: 'execution_id', values: executionIds } }), update: toColumns(patch) } }];
    },
    /** Updates a task only while it has `expected` status and assignee. */
    update: (id: string, expected: Partial<Pick<TaskRow, 'status' | 'assignee'>>, patch: Partial<TaskRow>): Write[] => [
      { statement: { table, where: { id, ...toColumns(expected) }, update: toColumns(patch, json) }, guard: `task ${id} with ${JSON.stringify(expected)}` },
    ],
  };
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
      if (filter.candidateGroup) q.where('candidate_groups', 'like', `%${JSON.stringify(filter.candidateGroup)}%`);
      if (filter.overdueAt) q.where('status', 'open').andWhere('due_at', '<', filter.overdueAt);
      if (filter.dueBefore) q.where('due_at', '<', filter.dueBefore);
      const scope = filter.visibleTo;
      if (scope) {
        q.where('provider', scope.provider);
        if (scope.groups) {
          q.where((w) => {
            for (const group of scope.groups!) w.orWhere('candidate_groups', 'like', `%${JSON.stringify(group)}%`);
            if (scope.user) w.orWhere('assignee', scope.user).orWhere('candidate_users', 'like', `%${JSON.stringify(scope.user)}%`);
          });
        }
      }
      return (await q).map(from);
    },
    /**
     * One page of the tasks the filter selects, with their cases' business and definition keys,
     * and how many the filter selects in all. Due dates sort nulls last, then by creation and id,
     * so that pages never overlap.
     */
    async page(filter: TaskFilter, page: { sort: TaskSort; limit: number; offset: number }): Promise<{ rows: TaskWithCase[]; total: number }> {
      const base = db(table).join('instances', 'instances.id', `${table}.instance_id`);
      const c = (column: string) => `${table}.${column}`;
      if (filter.instanceId) base.where(c('instance_id'), filter.instanceId);
      if (filter.assignee) base.where(c('assignee'), filter.assignee);
      if (filter.unassigned === true) base.whereNull(c('assignee'));
      if (filter.unassigned === false) base.whereNotNull(c('assignee'));
      if (filter.status) base.where(c('status'), filter.status);
      if (filter.definitionKey) base.where('instances.definition_key', filter.definitionKey);
      if (filter.elementId) base.where(c('element_id'), filter.elementId);
      if (filter.candidateGroup) base.where(c('candidate_groups'), 'like', `%${JSON.stringify(filter.candidateGroup)}%`);
      if (filter.overdueAt) base.where(c('status'), 'open').andWhere(c('due_at'), '<', filter.overdueAt);
      if (filter.notOverdueAt) base.where((w) => w.whereNull(c('due_at')).orWhere(c('due_at'), '>=', filter.notOverdueAt!));
      if (filter.dueBefore) base.where(c('due_at'), '<', filter.dueBefore);
      const scope = filter.visibleTo;
      if (scope) {
        base.where(c('provider'), scope.provider);
        if (scope.groups) {
          base.where((w) => {
            for (const group of scope.groups!) w.orWhere(c('candidate_groups'), 'like', `%${JSON.stringify(group)}%`);
            if (scope.user) w.orWhere(c('assignee'), scope.user).orWhere(c('candidate_users'), 'like', `%${JSON.stringify(scope.user)}%`);
          });
        }
      }
      const counted = (await base.clone().count({ n: '*' }).first()) as { n: number | string } | undefined;
      const q = base.clone().select(`${table}.*`, 'instances.business_key', 'instances.definition_key', 'instances.definition_id', 'instances.revision as instance_revision');
      if (page.sort === 'createdAt') q.orderBy(c('created_at'), 'asc');
      else q.orderByRaw(`${c('due_at')} is null, ${c('due_at')} ${page.sort === '-dueAt' ? 'desc' : 'asc'}`).orderBy(c('created_at'), 'asc');
      q.orderBy(c('id'), 'asc').limit(page.limit).offset(page.offset);
      return { rows: (await q).map((row: Record<string, unknown>) => fromColumns<TaskWithCase>(row, json)), total: Number(counted?.n ?? 0) };
    },
    async openByInstance(instanceId: string): Promise<TaskRow[]> {
      return (await db(table).where({ instance_id: instanceId, status: 'open' })).map(from);
    },
    /** Updates a task only while it has `expected` status and assignee; returns whether it did. */
    update: (...args: Parameters<typeof writes.update>): Promise<boolean> => runWrites(db, writes.update(...args)),
  };
}
