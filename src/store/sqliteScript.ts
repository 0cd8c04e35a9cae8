import type sqlite3 from 'sqlite3';

const staleMessage = 'qyzmet: a guarded write changed no row';

/**
 * Connection-local objects that let a script check a guarded write: inserting `changes()` into
 * this view aborts the script unless the statement before it changed exactly one row.
 */
export const sqliteGuardSchema = `
CREATE TEMP VIEW IF NOT EXISTS write_guard AS SELECT 1 AS changed WHERE 0;
CREATE TEMP TRIGGER IF NOT EXISTS write_guard_one_row INSTEAD OF INSERT ON write_guard WHEN NEW.changed <> 1
BEGIN SELECT RAISE(ABORT, '${staleMessage}'); END;`;

export interface ScriptStatement {
  /** A complete statement with its values written in (see sqliteText). */
  sql: string;
  guarded: boolean;
}

/**
 * Runs statements as one transaction in one `exec`. Returns false, with nothing written, if a
 * guarded statement changed no row; any other failure rolls back and is thrown.
 */
export async function runSqliteScript(db: sqlite3.Database, statements: ScriptStatement[]): Promise<boolean> {
  const lines = ['BEGIN IMMEDIATE'];
  for (const { sql, guarded } of statements) {
    lines.push(sql);
    if (guarded) lines.push('INSERT INTO write_guard (changed) VALUES (changes())');
  }
  lines.push('COMMIT');
  try {
    await exec(db, `${lines.join(';\n')};`);
    return true;
  } catch (err) {
    // SQLite leaves the transaction open after most failures (and rolls it back itself after a few).
    await exec(db, 'ROLLBACK').catch(() => undefined);
    if ((err as Error).message.includes(staleMessage)) return false;
    throw err;
  }
}

function exec(db: sqlite3.Database, sql: string): Promise<void> {
  return new Promise((resolve, reject) => db.exec(sql, (err) => (err ? reject(err) : resolve())));
}
