import { createHash } from 'node:crypto';

/**
 * The hash chain of an instance's history (the audit trail). Each history row holds its position
 * in its instance's chain (`seq`, from 1), the hash of the row before it (`prev_hash`; the first
 * row holds the instance's genesis) and its own `hash`, SHA-256 of its canonical form. The
 * instance row holds the head: the `seq` and `hash` of its last row, so that a row deleted at the
 * end is noticed as surely as one deleted in the middle, and so that a step can extend the chain
 * from the row it read anyway, without reading history back.
 */

/** Tags the canonical form; a different serialization would be version 2, and version 1 rows keep verifying as such. */
const version = 'qyzmet-history/1';

/** Where an instance's chain stands; on the instance row as `history_seq`, `history_head`. */
export interface ChainHead {
  historySeq: number;
  historyHead: string;
}

/** The history columns the hash covers, as stored (`data` is the stored JSON text). */
export interface ChainedColumns {
  instance_id: string;
  seq: number;
  prev_hash: string;
  definition_id: string;
  definition_version: number;
  type: string;
  element_id?: string | null;
  element_type?: string | null;
  execution_id?: string | null;
  actor: string;
  at: string;
  data?: string | null;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The chain's start: fixed per instance, so a chain cannot be passed off as another instance's. */
export function genesisOf(instanceId: string): string {
  return sha256(`${version} genesis ${instanceId}`);
}

export const emptyChain = (instanceId: string): ChainHead => ({ historySeq: 0, historyHead: genesisOf(instanceId) });

/**
 * A text as the database gives it back: a lone UTF-16 surrogate cannot be stored as UTF-8, and both
 * databases store U+FFFD for it.
 */
const stored = (value: string | null | undefined): string | null => (value == null ? null : (value as string & { toWellFormed(): string }).toWellFormed());

/**
 * The canonical form of a row: a JSON array of its columns in a fixed order, `data` as the JSON text
 * stored (not re-serialized: what is hashed is exactly what the table holds, and key order inside it
 * is whatever was written). The database's own id is left out: it is not known before the insert.
 */
export function canonicalOf(row: ChainedColumns): string {
  return JSON.stringify([
    version,
    stored(row.instance_id),
    Number(row.seq),
    row.prev_hash,
    stored(row.definition_id),
    Number(row.definition_version),
    stored(row.type),
    stored(row.element_id),
    stored(row.element_type),
    stored(row.execution_id),
    stored(row.actor),
    stored(row.at),
    stored(row.data),
  ]);
}

export function hashOf(row: ChainedColumns): string {
  return sha256(canonicalOf(row));
}

/** Gives `columns` (a new history row) its place after `head` and its hash; returns the new head. */
export function link(head: ChainHead, columns: object): ChainHead {
  const row = columns as ChainedColumns & { hash?: string };
  row.seq = head.historySeq + 1;
  row.prev_hash = head.historyHead;
  row.hash = hashOf(row);
  return { historySeq: row.seq, historyHead: row.hash };
}

/**
 * The chains a write batch extends. A chain starts from the head of the instance row the batch
 * writes with its revision guard (or inserts), never from anything else: two writers that read the
 * same head cannot both commit, so a chain never forks. Appending history for an instance the
 * batch does not write is refused, as a programming error.
 */
export class BatchChains {
  private readonly heads = new Map<string, ChainHead>();

  /** The instance's head as read (or genesis, inserted); the first write of an instance in the batch decides it. */
  start(instanceId: string, head: ChainHead): void {
    if (!this.heads.has(instanceId)) this.heads.set(instanceId, { ...head });
  }

  /** Links `columns` (a history row about to be inserted) after its instance's head. */
  extend(columns: { instance_id: string }): void {
    const head = this.heads.get(columns.instance_id);
    if (!head) throw new Error(`history of instance ${columns.instance_id} appended in a batch that does not write the instance under its revision`);
    this.heads.set(columns.instance_id, link(head, columns));
  }

  /** The head after everything recorded so far. */
  head(instanceId: string): ChainHead {
    const head = this.heads.get(instanceId);
    if (!head) throw new Error(`instance ${instanceId} is not written in this batch`);
    return { ...head };
  }
}
