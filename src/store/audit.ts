import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { genesisOf, hashOf, type ChainedColumns } from './chain.js';

export type BreakReason = 'hash mismatch' | 'previous-hash mismatch' | 'missing row' | 'document mismatch';

/** Where a chain first breaks. */
export interface ChainBreak {
  /** The row where the break shows: the row changed, the row after a gap, or the last row left when rows after it are gone (null: none is left). */
  historyId: number | null;
  type: string | null;
  at: string | null;
  /** The row's place in the chain it should hold (1 = first). */
  seq: number;
  reason: BreakReason;
  /** What did not match, in words. */
  detail: string;
}

export interface AuditReport {
  instanceId: string;
  intact: boolean;
  /** History rows of the instance checked. */
  rows: number;
  brokenAt?: ChainBreak;
}

interface StoredRow extends ChainedColumns {
  id: number | string;
  hash: string | null;
}

/** SHA-256 of each document of the instance's content, and the hash its row claims. */
type Documents = Map<string, { sha256: string; contentSha256: string }>;

/**
 * Checks one instance's chain: every row in place (seq), linked to the one before (prev_hash),
 * hashing to what it holds (hash), the last one being the head on the instance row; and every
 * document the chain records still the file it recorded (its stored content hashes to the SHA-256
 * in the chain). A document whose step has not committed yet is not in the chain and not checked.
 */
export function verifyChain(instanceId: string, head: { historySeq: number; historyHead: string | null }, rows: StoredRow[], documents: Documents): AuditReport {
  let expectedPrev = genesisOf(instanceId);
  let expectedSeq = 1;
  const broken = (row: StoredRow | undefined, seq: number, reason: BreakReason, detail: string): AuditReport => ({
    instanceId,
    intact: false,
    rows: rows.length,
    brokenAt: { historyId: row ? Number(row.id) : null, type: row?.type ?? null, at: row?.at ?? null, seq, reason, detail },
  });
  for (const row of rows) {
    const seq = row.seq == null ? null : Number(row.seq);
    if (seq === null || seq > expectedSeq) return broken(row, expectedSeq, 'missing row', `row ${expectedSeq} of the chain is missing before row ${row.id} (which says ${seq ?? 'nothing'})`);
    if (row.prev_hash !== expectedPrev) return broken(row, expectedSeq, 'previous-hash mismatch', `row ${row.id} names ${row.prev_hash} as the hash before it; the chain holds ${expectedPrev}`);
    const hash = hashOf(row);
    if (seq !== expectedSeq || row.hash !== hash) return broken(row, expectedSeq, 'hash mismatch', `row ${row.id} hashes to ${hash}, not to the ${row.hash} it holds`);
    if (row.type === 'document.created') {
      const problem = documentProblem(row, documents);
      if (problem) return broken(row, expectedSeq, 'document mismatch', problem);
    }
    expectedPrev = hash;
    expectedSeq++;
  }
  const last = rows[rows.length - 1];
  if (head.historySeq > rows.length) return broken(last, expectedSeq, 'missing row', `the instance's chain has ${head.historySeq} rows; ${rows.length} are left`);
  if (head.historyHead !== expectedPrev) return broken(last, rows.length, 'hash mismatch', `the chain ends in ${expectedPrev}; the instance row holds ${head.historyHead}`);
  return { instanceId, intact: true, rows: rows.length };
}

function documentProblem(row: StoredRow, documents: Documents): string | undefined {
  let data: { documentId?: string; sha256?: string };
  try {
    data = JSON.parse(row.data ?? 'null') ?? {};
  } catch {
    return `row ${row.id} holds no readable data`;
  }
  const document = data.documentId ? documents.get(data.documentId) : undefined;
  if (!document) return `document ${data.documentId} recorded in row ${row.id} is not stored`;
  if (document.contentSha256 !== data.sha256) return `document ${data.documentId}'s stored file hashes to ${document.contentSha256}, not to the ${data.sha256} the chain recorded`;
  if (document.sha256 !== data.sha256) return `document ${data.documentId}'s row says ${document.sha256}, not the ${data.sha256} the chain recorded`;
  return undefined;
}

const chainColumns = ['id', 'instance_id', 'seq', 'prev_hash', 'hash', 'definition_id', 'definition_version', 'type', 'element_id', 'element_type', 'execution_id', 'actor', 'at', 'data'];

/** Reads what verification needs: the instance's head, its history rows in chain order, its documents. */
export function auditRepository(db: Knex) {
  async function verify(instanceId: string): Promise<AuditReport | undefined> {
    const instance = await db('instances').select('id', 'history_seq', 'history_head').where({ id: instanceId }).first();
    if (!instance) return undefined;
    // In chain order; a row whose seq was cleared sorts by id among the others.
    const rows: StoredRow[] = await db('history').select(chainColumns).where({ instance_id: instanceId }).orderBy([{ column: 'seq' }, { column: 'id' }]);
    const documents: Documents = new Map();
    for (const d of await db('documents').select('id', 'sha256', 'content').where({ instance_id: instanceId })) {
      documents.set(d.id, { sha256: d.sha256, contentSha256: createHash('sha256').update(d.content as Buffer).digest('hex') });
    }
    return verifyChain(instanceId, { historySeq: Number(instance.history_seq), historyHead: instance.history_head }, rows, documents);
  }
  return {
    verify,
    /** Every instance's chain, oldest instance first; `each` sees each report as it is made. */
    async verifyAll(each: (report: AuditReport) => void = () => undefined): Promise<AuditReport[]> {
      const reports: AuditReport[] = [];
      for (const { id } of await db('instances').select('id').orderBy([{ column: 'started_at' }, { column: 'id' }])) {
        const report = (await verify(id))!;
        each(report);
        reports.push(report);
      }
      return reports;
    },
  };
}
