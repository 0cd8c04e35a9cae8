import { createHash } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Knex } from 'knex';
import { verifyChain, type AuditReport } from './audit.js';
import { StaleWriteError } from './batch.js';
import { countLimit, counted, type Counted } from './counted.js';
import type { Dialect } from './database.js';
import { documentFromColumns } from './documents.js';
import { historyFromColumns } from './history.js';
import { incidentFromColumns } from './incidents.js';
import { instanceFromColumns, whereCaseColumns, type InstanceCursor } from './instances.js';
import { jobFromColumns } from './jobs.js';
import { taskFromColumns } from './tasks.js';
import type { DocumentRow, HistoryEvent, IncidentRow, InstanceRow, InstanceStatus, JobRow, TaskRow } from './types.js';

/**
 * Retention: finished cases moved out of the hot tables into `archived_instances` (migration
 * 20261207000100), one row per case, and read back from there.
 *
 * A case's record is `{ format, instanceId, tables }`, gzip-compressed JSON: `tables` holds, per hot
 * table, the case's rows exactly as the database returned them (column names and values; binary
 * values as `{ "$base64": "…" }`), in the order the hot reads list them, except the documents'
 * files: those go to `archived_documents.content` as they were (a PDF does not compress, and base64
 * in JSON would make it a third larger). Read back through the
 * same row mappings as the hot tables, an archived case answers as it did before, and its history
 * chain, head and documents verify as they did: a record edited afterwards fails verification like
 * an edited history row.
 *
 * Archiving moves, never deletes: each batch deletes the cases' hot rows and inserts their records
 * in one transaction, so a failure or a killed process leaves every case of the batch either hot
 * or archived, never both or neither.
 */

const format = 'qyzmet-archive/1';

/** The statuses of a case that will not move again (an open incident or a waiting job still holds one back). */
export const finishedStatuses: readonly InstanceStatus[] = ['completed', 'canceled', 'failed'];

/** The hot tables holding a case's rows, in the order they are deleted (rows referring to others first), with the order the hot reads list them in. */
const caseTables = [
  { table: 'task_candidates', order: ['task_id', 'kind', 'name'] },
  { table: 'incidents', order: [{ column: 'created_at', order: 'desc' }, 'id'] },
  { table: 'tasks', order: ['created_at', 'id'] },
  { table: 'jobs', order: ['created_at', 'id'] },
  { table: 'subscriptions', order: ['created_at', 'id'] },
  { table: 'documents', order: ['created_at', 'id'] },
  { table: 'history', order: ['seq', 'id'] },
  { table: 'instances', order: ['id'] },
] as const;

type CaseTable = (typeof caseTables)[number]['table'];
type Raw = Record<string, unknown>;

/** A case's rows as the hot tables held them, by table. */
type Tables = Record<CaseTable, Raw[]>;

/** An archived case, its rows mapped as the hot repositories map theirs. */
export interface ArchivedCase {
  instance: InstanceRow;
  history: HistoryEvent[];
  /** In creation order, as `tasks.list({ instanceId })` lists them. */
  tasks: TaskRow[];
  /** Newest first, as `incidents.list({ instanceId })` lists them. */
  incidents: IncidentRow[];
  jobs: JobRow[];
  /** With their contents. */
  documents: DocumentRow[];
  /** When the case was archived (ISO instant). */
  archivedAt: string;
}

/** Which archived cases `list` and `count` select: as the hot list's filter, for finished cases. */
export interface ArchiveFilter {
  definitionKey?: string;
  definitionVersion?: number;
  provider?: string;
  status?: InstanceStatus;
  businessKey?: string;
  businessKeyStartsWith?: string;
  dueBefore?: string;
  finishedLate?: boolean;
}

export interface ArchiveRunOptions {
  /** Cases that ended before this instant (ISO) are archived. */
  endedBefore: string;
  /** Stamped on each archived row (ISO). */
  now: string;
  /** Cases per transaction (top-level cases; the cases their call activities started go with them). Default 25. */
  batchSize?: number;
  /** Stop after this many cases in all (default: none). */
  limit?: number;
}

export interface ArchiveRunResult {
  /** Cases moved into the archive, those started by call activities included. */
  archived: number;
  /** Transactions committed. */
  batches: number;
}

const encode = (tables: Tables, instanceId: string): Buffer =>
  gzipSync(JSON.stringify({ format, instanceId, tables }, (_key, value: unknown) => (isBufferJson(value) ? { $base64: Buffer.from(value.data).toString('base64') } : value)));

function isBufferJson(value: unknown): value is { type: 'Buffer'; data: number[] } {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'Buffer' && Array.isArray((value as { data?: unknown }).data);
}

function decode(record: Buffer | Uint8Array, instanceId: string): Tables {
  const parsed = JSON.parse(gunzipSync(record).toString('utf8'), (_key, value: unknown) => {
    const b64 = (value as { $base64?: unknown } | null)?.$base64;
    return typeof b64 === 'string' ? Buffer.from(b64, 'base64') : value;
  }) as { format?: string; instanceId?: string; tables?: Tables };
  if (parsed.format !== format || parsed.instanceId !== instanceId || !parsed.tables) throw new Error(`the archive record of instance ${instanceId} is not a ${format} record of that instance`);
  return parsed.tables;
}

/** The instance row without its engine state, as the case list shows it. */
function summaryOf(instance: Raw): string {
  const { state: _state, ...summary } = instance;
  return JSON.stringify(summary);
}

/**
 * Runs `batch` again, up to 5 times, when it lost a race: a case changed or was archived by another
 * pass meanwhile (StaleWriteError), or PostgreSQL aborted it for a lock cycle or a conflict it cannot
 * serialise with another writer (40P01, 40001), or another connection to the SQLite file wrote
 * first (SQLITE_BUSY: a read transaction cannot become a write one then). Read again, the batch
 * then passes those cases over.
 */
async function retriedOnRace<T>(batch: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await batch();
    } catch (err) {
      const code = (err as { code?: unknown } | null)?.code;
      if (attempt >= 5 || !(err instanceof StaleWriteError || code === '40P01' || code === '40001' || code === 'SQLITE_BUSY')) throw err;
    }
  }
}

/** Where a pass stands in the cases' end order: the next batch reads the cases that ended after this one. */
interface EndCursor {
  endedAt: string;
  id: string;
}

/** Twelve digits standing alone: an IIN, or something the subject-access check then rules out. */
const iinLike = /(?<!\d)\d{12}(?!\d)/g;

const chunk = <T>(items: readonly T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

export function archiveRepository(db: Knex, dialect: Dialect) {
  const archived = 'archived_instances';

  async function rowOf(instanceId: string): Promise<{ record: Buffer; archived_at: string } | undefined> {
    return db(archived).select('record', 'archived_at').where({ id: instanceId }).first();
  }

  /** The case's rows, its documents' files put back in their rows. */
  async function tablesOf(instanceId: string): Promise<{ tables: Tables; archivedAt: string } | undefined> {
    const row = await rowOf(instanceId);
    if (!row) return undefined;
    const tables = decode(row.record, instanceId);
    if (tables.documents.length) {
      const files = new Map<string, Buffer>();
      for (const f of (await db('archived_documents').select('id', 'content').where({ instance_id: instanceId })) as Array<{ id: string; content: Buffer }>) files.set(f.id, Buffer.from(f.content));
      // A file gone from the archive stays absent: verification then names the document as not stored.
      tables.documents = tables.documents.map((d) => ({ ...d, content: files.get(d.id as string) }));
    }
    return { tables, archivedAt: row.archived_at };
  }

  /**
   * The top-level cases that ended before `endedBefore`, after `after` in end order, whose every
   * case (the cases their call activities started, and theirs) is finished, with no open incident
   * and no waiting job: up to `size` trees, as lists of ids with the revision each was read at.
   */
  async function nextTrees(trx: Knex, endedBefore: string, size: number, after: EndCursor | undefined): Promise<{ trees: Array<Array<{ id: string; revision: number }>>; last?: EndCursor }> {
    const rootsQuery = trx('instances').select('id', 'revision', 'ended_at').whereNull('parent_instance_id').whereIn('status', finishedStatuses).where('ended_at', '<', endedBefore).orderBy([{ column: 'ended_at' }, { column: 'id' }]).limit(size);
    if (after) rootsQuery.whereRaw('(ended_at, id) > (?, ?)', [after.endedAt, after.id]);
    // Passes on several nodes at once take different cases instead of queueing on the same rows.
    if (dialect === 'postgres') rootsQuery.forUpdate().skipLocked();
    const roots: Array<{ id: string; revision: number; ended_at: string }> = await rootsQuery;
    if (!roots.length) return { trees: [] };
    const last = roots[roots.length - 1]!;
    const rootOf = new Map<string, string>(roots.map((r) => [r.id, r.id]));
    const trees = new Map<string, Array<{ id: string; revision: number }>>(roots.map((r) => [r.id, [{ id: r.id, revision: Number(r.revision) }]]));
    const held = new Set<string>();
    let parents = roots.map((r) => r.id);
    while (parents.length) {
      const children: Array<{ id: string; revision: number; status: InstanceStatus; parent_instance_id: string }> = [];
      for (const ids of chunk(parents, 500)) children.push(...(await trx('instances').select('id', 'revision', 'status', 'parent_instance_id').whereIn('parent_instance_id', ids)));
      for (const child of children) {
        const root = rootOf.get(child.parent_instance_id)!;
        rootOf.set(child.id, root);
        trees.get(root)!.push({ id: child.id, revision: Number(child.revision) });
        if (!finishedStatuses.includes(child.status)) held.add(root);
      }
      parents = children.map((c) => c.id);
    }
    const all = [...rootOf.keys()];
    for (const ids of chunk(all, 500)) {
      const open = await trx('incidents').select('instance_id').whereIn('instance_id', ids).where('status', 'open');
      const waiting = await trx('jobs').select('instance_id').whereIn('instance_id', ids).where('status', 'waiting');
      for (const { instance_id } of [...open, ...waiting]) held.add(rootOf.get(instance_id)!);
    }
    return { trees: roots.filter((r) => !held.has(r.id)).map((r) => trees.get(r.id)!), last: { endedAt: last.ended_at, id: last.id } };
  }

  /** Every case's rows, by case and table, in the hot reads' order. */
  async function rowsOf(trx: Knex, ids: string[]): Promise<Map<string, Tables>> {
    const byCase = new Map<string, Tables>(ids.map((id) => [id, Object.fromEntries(caseTables.map(({ table }) => [table, []])) as unknown as Tables]));
    const taskCase = new Map<string, string>();
    for (const { table, order } of [...caseTables].reverse()) {
      for (const part of chunk(ids, 500)) {
        const q = trx(table).select('*').orderBy(order.map((o) => (typeof o === 'string' ? { column: o } : o)));
        if (table === 'instances') q.whereIn('id', part);
        else if (table === 'task_candidates') q.whereIn('task_id', trx('tasks').select('id').whereIn('instance_id', part));
        else q.whereIn('instance_id', part);
        for (const row of (await q) as Raw[]) {
          const caseId = table === 'instances' ? (row.id as string) : table === 'task_candidates' ? taskCase.get(row.task_id as string)! : (row.instance_id as string);
          if (table === 'tasks') taskCase.set(row.id as string, caseId);
          byCase.get(caseId)![table].push(row);
        }
      }
    }
    return byCase;
  }

  /** Moves the cases (ids with the revision they were read at) in the transaction; throws StaleWriteError if any changed meanwhile. */
  async function move(trx: Knex, cases: Array<{ id: string; revision: number }>, now: string): Promise<void> {
    const ids = cases.map((c) => c.id);
    const rows = await rowsOf(trx, ids);
    for (const { table } of caseTables) {
      for (const part of chunk(ids, 500)) {
        if (table === 'task_candidates') await trx(table).whereIn('task_id', trx('tasks').select('id').whereIn('instance_id', part)).delete();
        else if (table !== 'instances') await trx(table).whereIn('instance_id', part).delete();
      }
    }
    // An instance written since it was read (a late step, another node archiving it) holds the whole batch back.
    for (const part of chunk(cases, 200)) {
      const deleted = await trx('instances').whereIn(['id', 'revision'], part.map((c) => [c.id, c.revision])).delete();
      if (deleted !== part.length) throw new StaleWriteError(`${part.length - deleted} of the cases to archive changed meanwhile`);
    }
    const documents: Array<{ id: string; instance_id: string; content: unknown }> = [];
    const subjects: Array<{ iin: string; instance_id: string }> = [];
    const records = ids.map((id) => {
      const tables = rows.get(id)!;
      const instance = tables.instances[0]!;
      for (const iin of new Set(String(instance.state).match(iinLike) ?? [])) subjects.push({ iin, instance_id: id });
      tables.documents = tables.documents.map(({ content, ...row }) => {
        documents.push({ id: row.id as string, instance_id: id, content });
        return row;
      });
      return {
        id,
        definition_id: instance.definition_id,
        definition_key: instance.definition_key,
        definition_version: instance.definition_version,
        business_key: instance.business_key,
        provider: instance.provider,
        status: instance.status,
        started_at: instance.started_at,
        ended_at: instance.ended_at,
        due_at: instance.due_at,
        result_at: instance.result_at,
        parent_instance_id: instance.parent_instance_id,
        archived_at: now,
        summary: summaryOf(instance),
        record: encode(tables, id),
      };
    });
    for (const part of chunk(records, 20)) await trx(archived).insert(part);
    for (const part of chunk(documents, 20)) await trx('archived_documents').insert(part);
    for (const part of chunk(subjects, 500)) await trx('archived_subjects').insert(part);
  }

  function filtered(filter: ArchiveFilter): Knex.QueryBuilder {
    return whereCaseColumns(db(archived), filter);
  }

  return {
    /**
     * Archives the cases that ended before `endedBefore`, `batchSize` top-level cases per
     * transaction (with the cases their call activities started), oldest end first; a case held
     * back (a called case still running, an open incident, a waiting job) is passed over. Between
     * transactions other writers get their turn.
     */
    async run(options: ArchiveRunOptions): Promise<ArchiveRunResult> {
      const size = Math.max(1, options.batchSize ?? 25);
      const result: ArchiveRunResult = { archived: 0, batches: 0 };
      let after: EndCursor | undefined;
      for (;;) {
        const room = options.limit === undefined ? size : Math.min(size, options.limit - result.archived);
        if (room <= 0) break;
        const batch = () =>
          db.transaction(async (trx) => {
            // SQLite: take the write lock first (a statement that writes nothing still takes it,
            // waiting out busy_timeout), so another connection's pass cannot write between this
            // batch's reads and its writes, which SQLite answers with SQLITE_BUSY at once.
            if (dialect === 'sqlite') await trx.raw('UPDATE archived_instances SET id = id WHERE 0 = 1');
            const { trees, last } = await nextTrees(trx, options.endedBefore, room, after);
            const cases = trees.flat();
            if (cases.length) await move(trx, cases, options.now);
            return { moved: cases.length, last };
          });
        const step = await retriedOnRace(batch);
        if (!step.last) break;
        after = step.last;
        if (step.moved) {
          result.archived += step.moved;
          result.batches++;
        }
        await nextTurn();
      }
      return result;
    },
    /**
     * Claims a scheduled pass: moves the settings row `name` (when the next pass is due) to `next`
     * if it is due at `now` (or absent); true for the one caller whose write changed it. A
     * conditional UPDATE: on PostgreSQL the second node waits on the row lock, reads the new
     * value and changes nothing; SQLite has one writer.
     */
    async claimPass(name: string, now: string, next: string): Promise<boolean> {
      const inserted = await db('settings').insert({ name, value: next }).onConflict('name').ignore().returning('name');
      if (inserted.length) return true;
      return (await db('settings').where({ name }).andWhere('value', '<=', now).update({ value: next })) === 1;
    },
    /** Whether the case is archived. */
    async has(instanceId: string): Promise<boolean> {
      return !!(await db(archived).select('id').where({ id: instanceId }).first());
    },
    /** The archived case, mapped as the hot tables' rows are; undefined if it is not archived. */
    async get(instanceId: string): Promise<ArchivedCase | undefined> {
      const found = await tablesOf(instanceId);
      if (!found) return undefined;
      const { tables, archivedAt } = found;
      return {
        instance: instanceFromColumns(tables.instances[0]!),
        history: tables.history.map(historyFromColumns),
        tasks: tables.tasks.map(taskFromColumns),
        incidents: tables.incidents.map(incidentFromColumns),
        jobs: tables.jobs.map(jobFromColumns),
        documents: tables.documents.map((row) => ({ ...documentFromColumns(row), content: Buffer.from((row.content as Buffer | undefined) ?? []) })),
        archivedAt,
      };
    },
    /** The archived cases whose state holds `iin` (twelve digits), oldest first; the caller checks each for the exact value. */
    async mentioning(iin: string): Promise<string[]> {
      return (await db('archived_subjects').join(archived, `${archived}.id`, 'archived_subjects.instance_id').select(`${archived}.id`).where('archived_subjects.iin', iin).orderBy(`${archived}.started_at`)).map((r: { id: string }) => r.id);
    },
    /** The archived case a document belongs to. */
    async caseOfDocument(documentId: string): Promise<string | undefined> {
      const row = await db('archived_documents').select('instance_id').where({ id: documentId }).first();
      return row?.instance_id as string | undefined;
    },
    /** Verifies the archived case's history chain, head and documents as `audit.verify` does a hot one's. */
    async verify(instanceId: string): Promise<AuditReport | undefined> {
      const found = await tablesOf(instanceId);
      if (!found) return undefined;
      const { tables } = found;
      const instance = tables.instances[0]!;
      const documents = new Map<string, { sha256: string; contentSha256: string }>();
      for (const d of tables.documents) if (d.content) documents.set(d.id as string, { sha256: d.sha256 as string, contentSha256: createHash('sha256').update(d.content as Buffer).digest('hex') });
      return verifyChain(instanceId, { historySeq: Number(instance.history_seq), historyHead: instance.history_head as string | null }, tables.history as never, documents);
    },
    /** The ids of every archived case, oldest start first. */
    async ids(): Promise<string[]> {
      return (await db(archived).select('id').orderBy([{ column: 'started_at' }, { column: 'id' }])).map((r: { id: string }) => r.id);
    },
    /** Archived cases newest first (by start, then id), as the hot list gives its rows (without engine state). */
    async list(filter: ArchiveFilter, limit = 500, offset = 0, after?: InstanceCursor): Promise<Omit<InstanceRow, 'state'>[]> {
      const q = filtered(filter).select('summary').orderBy('started_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset);
      if (after) q.whereRaw('(started_at, id) < (?, ?)', [after.startedAt, after.id]);
      return ((await q) as Array<{ summary: string }>).map((r) => instanceFromColumns(JSON.parse(r.summary)));
    },
    /** How many archived cases match, up to countLimit (`capped` when more do). */
    async count(filter: ArchiveFilter): Promise<Counted> {
      const matches = filtered(filter).select('id').orderBy('started_at', 'desc').orderBy('id', 'desc').limit(countLimit + 1);
      const row = await db.from(matches.as('matches')).count({ n: '*' }).first();
      return counted(Number(row?.n ?? 0));
    },
  };
}
