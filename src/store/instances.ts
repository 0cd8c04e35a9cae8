import type { Knex } from 'knex';
import type { Write } from './batch.js';
import { emptyChain, type BatchChains } from './chain.js';
import { fromColumns, toColumns } from './rows.js';
import type { InstanceRow, InstanceStatus } from './types.js';
import { counted, countLimit, type Counted } from './counted.js';
import { isUniqueViolation } from './faults.js';

const table = 'instances';
const json = ['activities', 'term'] as const;
const from = (row: Record<string, unknown>) => fromColumns<InstanceRow>(row, json);

export interface InstanceFilter {
  definitionKey?: string;
  /** Of this version of the definition only (with `definitionKey`). */
  definitionVersion?: number;
  /** Cases of this provider only. */
  provider?: string;
  status?: InstanceStatus;
  businessKey?: string;
  /** Cases whose business key begins with this text, as written (case-sensitive): a case number and `/` finds the complaints about it. */
  businessKeyStartsWith?: string;
  /** Running instances whose result is still owed and whose statutory term ended before this instant. */
  overdueAt?: string;
  /** true: instances whose result went out after their term ended; false: those not so. */
  finishedLate?: boolean;
  /** Instances whose term ends before this instant. */
  dueBefore?: string;
  /** Not overdue at this instant: ended, result out, no term, or a term not yet over (the complement of `overdueAt`). */
  notOverdueAt?: string;
  /** true: instances with an open incident; false: those without. */
  withIncident?: boolean;
}


/** Columns worth listing; the engine state is left out of lists because it is large. */
const summaryColumns = ['id', 'definition_id', 'definition_key', 'definition_version', 'business_key', 'status', 'revision', 'started_at', 'started_by', 'ended_at', 'parent_instance_id', 'parent_execution_id', 'parent_element_id', 'activities', 'term', 'registered_at', 'due_at', 'result_at', 'history_seq', 'history_head', 'provider', 'consent_at'];

type Patch = Partial<Pick<InstanceRow, 'state' | 'status' | 'endedAt' | 'activities' | 'resultAt' | 'dueAt'>>;

/** The instance row as read: what its next write is guarded by. */
export type ReadInstance = Pick<InstanceRow, 'id' | 'revision' | 'historySeq' | 'historyHead'>;

/**
 * Instance writes of one batch. Each starts the instance's history chain in `chains` from the row
 * as read (a new row: from genesis), and writes the chain's head as it stands when the batch is
 * applied, after every history row the batch recorded for it.
 */
export function instanceWrites(chains: BatchChains) {
  const inserted = new Set<string>();
  return {
    insert(row: InstanceRow): Write[] {
      chains.start(row.id, emptyChain(row.id));
      inserted.add(row.id);
      return [{ statement: () => ({ table, insert: [toColumns({ ...row, ...chains.head(row.id) }, json)] }) }];
    },
    /**
     * Writes a new state only if nobody wrote since `read` was read: the revision, and the history
     * chain's length (which only revision-guarded writes extend; checked as well, so that a row kept
     * with a stale head can never fork the chain, only lose a race).
     */
    update(read: ReadInstance, patch: Patch): Write[] {
      const { id, revision } = read;
      chains.start(id, { historySeq: read.historySeq, historyHead: read.historyHead });
      // A row this batch inserts holds the chain's final head already.
      const guard = inserted.has(id) ? { id, revision } : { id, revision, history_seq: read.historySeq };
      return [
        {
          statement: () => ({ table, where: guard, update: { ...toColumns({ ...patch, ...chains.head(id) }, json), revision: revision + 1 } }),
          guard: `instance ${id} at revision ${revision}`,
        },
      ];
    },
  };
}

/** Reads; instances are written through batches (see instanceWrites). */
export function instancesRepository(db: Knex) {
  return {
    async get(id: string): Promise<InstanceRow | undefined> {
      const row = await db(table).where({ id }).first();
      return row && from(row);
    },
    /** Instances newest first (by start, then id), `limit` of them after skipping `offset` or after the cursor `after`. */
    async list(filter: InstanceFilter, limit = 500, offset = 0, after?: InstanceCursor): Promise<Omit<InstanceRow, 'state'>[]> {
      return (await instanceListQuery(db, filter, limit, offset, after)).map(from);
    },
    /** How many instances match `filter` (for paging through `list`), counted up to countLimit: `capped` when more match. */
    async count(filter: InstanceFilter): Promise<Counted> {
      const row = await instanceCountQuery(db, filter).first();
      return counted(Number(row?.n ?? 0));
    },
    /**
     * How many instances of `definitionKey` each version has, by status (of `provider` only, when
     * given): `[{ version: 1, status: 'running', count: 3 }, …]`.
     */
    async countsByVersion(definitionKey: string, provider?: string): Promise<{ version: number; status: InstanceStatus; count: number }[]> {
      const q = db(table).select('definition_version', 'status').count({ n: '*' }).where('definition_key', definitionKey).groupBy('definition_version', 'status');
      if (provider) q.where('provider', provider);
      return ((await q) as { definition_version: number | string; status: InstanceStatus; n: number | string }[]).map((r) => ({ version: Number(r.definition_version), status: r.status, count: Number(r.n) }));
    },
    /** The running case of a definition key numbered `businessKey` that no call activity started, if any. */
    async runningWithBusinessKey(definitionKey: string, businessKey: string): Promise<Omit<InstanceRow, 'state'> | undefined> {
      const row = await db(table).select(summaryColumns).where({ definition_key: definitionKey, business_key: businessKey, status: 'running' }).whereNull('parent_instance_id').first();
      return row && from(row);
    },
    /**
     * Instances whose saved state (variables included) holds `text` anywhere, oldest first; the
     * caller checks each for the exact value. `text` is bound as a parameter, never spliced in.
     */
    async mentioning(text: string, limit = 1000): Promise<InstanceRow[]> {
      const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      return (await db(table).whereRaw(`state LIKE ? ESCAPE '\\'`, [pattern]).orderBy('started_at').limit(limit)).map(from);
    },
    /** Running instances started by the call activities of `parentId`. */
    async runningChildren(parentId: string): Promise<Omit<InstanceRow, 'state'>[]> {
      return (await db(table).select(summaryColumns).where({ parent_instance_id: parentId, status: 'running' })).map(from);
    },
    /** Every instance the call activities of `parentId` started, running or ended, oldest first (a called process's papers and answers belong to its caller's case too). */
    async calledBy(parentId: string): Promise<Omit<InstanceRow, 'state'>[]> {
      return (await db(table).select(summaryColumns).where({ parent_instance_id: parentId }).orderBy('started_at').orderBy('id')).map(from);
    },
    /** The instance a call activity's execution started. */
    async calledAt(parentId: string, parentExecutionId: string): Promise<InstanceRow | undefined> {
      const row = await db(table).where({ parent_instance_id: parentId, parent_execution_id: parentExecutionId }).orderBy('started_at', 'desc').first();
      return row && from(row);
    },
  };
}

/** Where a page of the instance list ends: the next page starts with the case started before this one. */
export interface InstanceCursor {
  startedAt: string;
  id: string;
}

/**
 * The query of one page of the monitor's list, as `list` runs it (the plan test explains the very
 * same). Newest first by start and then id, both descending, so that one backward scan of an index
 * of migration 20261206000100 (`instances_list`, and per provider, status, definition key) gives
 * the order and the page stops after `limit` rows.
 */
export function instanceListQuery(db: Knex, filter: InstanceFilter, limit: number, offset: number, after?: InstanceCursor): Knex.QueryBuilder {
  const q = filtered(db, filter).select(summaryColumns).orderBy('started_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset);
  if (after) q.whereRaw('(started_at, id) < (?, ?)', [after.startedAt, after.id]);
  return q;
}

/**
 * How many instances match `filter`, as `count` asks it: up to countLimit + 1, read in the list's
 * own order so that the list's index answers it too. An exact count reads every match, on every page
 * (README, Measured: the inbox and the case list at a million rows).
 */
export function instanceCountQuery(db: Knex, filter: InstanceFilter): Knex.QueryBuilder {
  const matches = filtered(db, filter).select('id').orderBy('started_at', 'desc').orderBy('id', 'desc').limit(countLimit + 1);
  return db.from(matches.as('matches')).count({ n: '*' });
}

/**
 * The filters over a case's own columns, which the archive (`archived_instances`) keeps under the
 * same names: definition, version, provider, status, business key, term and lateness.
 */
export function whereCaseColumns(q: Knex.QueryBuilder, filter: Pick<InstanceFilter, 'definitionKey' | 'definitionVersion' | 'provider' | 'status' | 'businessKey' | 'businessKeyStartsWith' | 'dueBefore' | 'finishedLate'>): Knex.QueryBuilder {
  if (filter.definitionKey) q.where('definition_key', filter.definitionKey);
  if (filter.definitionVersion !== undefined) q.where('definition_version', filter.definitionVersion);
  if (filter.provider) q.where('provider', filter.provider);
  if (filter.status) q.where('status', filter.status);
  if (filter.businessKey) q.where('business_key', filter.businessKey);
  // substr rather than LIKE: SQLite's LIKE ignores case and both read % and _ as wildcards. Both count characters.
  if (filter.businessKeyStartsWith) q.whereRaw('substr(business_key, 1, ?) = ?', [[...filter.businessKeyStartsWith].length, filter.businessKeyStartsWith]);
  if (filter.dueBefore) q.where('due_at', '<', filter.dueBefore);
  // ISO instants in UTC sort as text, on SQLite and PostgreSQL alike.
  if (filter.finishedLate === true) q.whereNotNull('result_at').whereNotNull('due_at').whereRaw('result_at > due_at');
  if (filter.finishedLate === false) q.where((w) => w.whereNull('result_at').orWhereNull('due_at').orWhereRaw('result_at <= due_at'));
  return q;
}

function filtered(db: Knex, filter: InstanceFilter): Knex.QueryBuilder {
  const q = whereCaseColumns(db(table), filter);
  if (filter.overdueAt) q.where('status', 'running').whereNull('result_at').andWhere('due_at', '<', filter.overdueAt);
  if (filter.notOverdueAt) {
    const at = filter.notOverdueAt;
    q.where((w) => w.whereNot('status', 'running').orWhereNotNull('result_at').orWhereNull('due_at').orWhere('due_at', '>=', at));
  }
  if (filter.withIncident !== undefined) {
    const open = db('incidents').select('instance_id').where('status', 'open');
    if (filter.withIncident) q.whereIn('id', open);
    else q.whereNotIn('id', open);
  }
  return q;
}

/** The partial unique index of migration 20261129000500 (running top-level cases' business keys). */
const runningBusinessKeyIndex = 'instances_running_business_key';

/**
 * Whether a write failed on that index: a unique violation (isUniqueViolation, both databases)
 * that PostgreSQL reports by the index's name and SQLite by its columns (no other unique
 * constraint of `instances` covers them).
 */
export function isDuplicateRunningBusinessKey(err: unknown): boolean {
  if (!isUniqueViolation(err)) return false;
  const { constraint, message } = err as { constraint?: unknown; message?: unknown };
  return constraint === runningBusinessKeyIndex || (typeof message === 'string' && message.includes('instances.definition_key, instances.business_key'));
}

/** The row mapping, for an instance read back from the archive (src/store/archive.ts). */
export { from as instanceFromColumns };
