import { StorageError, StorageFullError } from '../errors/index.js';

/** What the drivers put on their errors: node-sqlite3's `code` (SQLITE_FULL), pg's SQLSTATE `code`, Node's `code` (ECONNREFUSED). */
interface DriverError {
  code?: unknown;
  errno?: unknown;
  name?: unknown;
  message?: unknown;
}

const unreachableCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// SQLSTATE classes 08 (connection exception) and 57P01-57P03 (admin shutdown, crash shutdown, cannot connect now).
const unreachableStates = /^(08|57P0[123])/;

/**
 * The driver error `err` as a typed storage fault, or undefined when it is something else (a
 * constraint, a bug). Covers SQLite (full, read-only, I/O error, cannot open) and PostgreSQL (disk
 * full, read-only transaction, the server shut down or restarting, the connection lost or refused,
 * no pooled connection within knex's acquire timeout).
 * Sources: https://www.sqlite.org/rescode.html, https://www.postgresql.org/docs/15/errcodes-appendix.html.
 */
export function storageFault(err: unknown): StorageError | undefined {
  if (err instanceof StorageError) return err;
  if (!err || typeof err !== 'object') return undefined;
  const { code, name, message } = err as DriverError;
  const text = typeof message === 'string' ? message : '';
  const again = 'nothing of this request was written; send it again';
  if (code === 'SQLITE_FULL' || code === '53100') return new StorageFullError(`the database is full: the disk that holds it has no space left; ${again} once space is freed`, 'disk-full');
  if (code === 'SQLITE_READONLY' || code === '25006') return new StorageError(`the database is read-only: the server may read it but not write to it (a read-only file or file system); ${again} once it is writable`, 'read-only');
  if (code === 'SQLITE_IOERR' || code === 'SQLITE_CANTOPEN' || code === '58030') return new StorageError(`the database could not read or write its disk (I/O error); ${again} once the disk is repaired`, 'io-error');
  if ((typeof code === 'string' && (unreachableCodes.has(code) || unreachableStates.test(code))) || name === 'KnexTimeoutError' || /Connection terminated|terminating connection|not queryable|the database system is (starting up|shutting down)/i.test(text)) {
    // A connection lost during COMMIT leaves it unknown whether the commit landed; a repeated step then answers 409.
    return new StorageError('the database does not answer (the connection was refused or lost); send the request again shortly — a step that did commit answers 409 then', 'unreachable');
  }
  return undefined;
}

/**
 * Whether `err` is a unique constraint's refusal (SQLite SQLITE_CONSTRAINT "UNIQUE constraint
 * failed", PostgreSQL SQLSTATE 23505): a write that lost a race to another writer of the same key.
 */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  if (e?.code === '23505') return true;
  return e?.code === 'SQLITE_CONSTRAINT' && typeof e.message === 'string' && e.message.includes('UNIQUE constraint failed');
}

/**
 * Runs `work` (a whole transaction that reads the newest version of a key and writes the next) again
 * when another writer stored that version first, up to `attempts` times: each attempt reads what the
 * winner wrote, so a deployment racing another becomes the version after it (or finds it identical).
 */
export async function retryOnUniqueViolation<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (attempt >= attempts || !isUniqueViolation(err)) throw err;
    }
  }
}
