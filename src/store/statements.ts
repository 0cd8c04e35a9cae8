import type sqlite3 from 'sqlite3';

/**
 * Keeps the prepared statements of a node-sqlite3 connection for reuse. knex runs every query
 * through `Database#run` or `Database#all`, which prepare, execute and finalize a fresh statement
 * each time: three trips to SQLite's worker thread instead of one. The runtime issues the same
 * few statements over and over, so reusing them roughly halves the time a step waits for SQLite.
 *
 * Until a SQL text has a prepared statement, its uses go the ordinary way (so errors are reported
 * as before) while one is prepared for next time; a text that does not prepare is not kept. The least
 * recently used statement is finalized when the cache is full (multi-row inserts vary their text).
 */
export function cachePreparedStatements(db: sqlite3.Database, capacity = 200): void {
  const cache = new Map<string, sqlite3.Statement>();

  const preparing = new Set<string>();
  let closed = false;

  // A statement joins the cache only once it has prepared: node-sqlite3 silently drops the calls
  // queued on a statement whose preparation fails, so none may be queued before that is known.
  function prepareForNextTime(sql: string) {
    if (preparing.has(sql)) return;
    preparing.add(sql);
    const statement = db.prepare(sql, (err: Error | null) => {
      preparing.delete(sql);
      if (err) return;
      if (closed) return void statement.finalize();
      cache.set(sql, statement);
      if (cache.size > capacity) {
        const [oldest, evicted] = cache.entries().next().value!;
        cache.delete(oldest);
        evicted.finalize();
      }
    });
  }

  for (const method of ['run', 'all'] as const) {
    const original = db[method] as (this: sqlite3.Database, ...args: unknown[]) => sqlite3.Database;
    db[method] = function (this: sqlite3.Database, sql: string, ...rest: unknown[]) {
      const statement = cache.get(sql);
      // Only the form knex uses, (sql, bindings, callback), is served from the cache.
      if (rest.length !== 2 || typeof rest[1] !== 'function' || !statement) {
        if (rest.length === 2 && typeof rest[1] === 'function') prepareForNextTime(sql);
        return original.call(this, sql, ...rest);
      }
      cache.delete(sql);
      cache.set(sql, statement);
      (statement[method] as (...args: unknown[]) => unknown)(rest[0] ?? [], rest[1]);
      return this;
    } as never;
  }

  const close = db.close.bind(db);
  db.close = ((callback?: (err: Error | null) => void) => {
    closed = true;
    for (const statement of cache.values()) statement.finalize();
    cache.clear();
    return close(callback);
  }) as never;
}
