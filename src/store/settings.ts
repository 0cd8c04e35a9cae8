import type { Knex } from 'knex';

const table = 'settings';

/** Named values the server keeps across restarts (the manual clock's instant, counters such as complaint numbers). */
export function settingsRepository(db: Knex) {
  return {
    async get(name: string): Promise<string | undefined> {
      const row = await db(table).where({ name }).first();
      return row?.value as string | undefined;
    },
    /**
     * Stores `value` unless the stored value sorts after it (ISO instants sort by time), so that a
     * value that only grows never goes back, whoever writes last; returns the value stored now.
     */
    async raise(name: string, value: string): Promise<string> {
      await db(table).insert({ name, value }).onConflict('name').merge().where(`${table}.value`, '<', value);
      return (await this.get(name))!;
    },
    /** Stores `value` under `name`, replacing what was there (a setting the admin changes). */
    async put(name: string, value: string): Promise<void> {
      await db(table).insert({ name, value }).onConflict('name').merge();
    },
    /** Removes the setting; removing one never stored is no error. */
    async remove(name: string): Promise<void> {
      await db(table).where({ name }).delete();
    },
    /** Stores `value` under a name not yet taken; false when it is taken (the value stays). */
    async putNew(name: string, value: string): Promise<boolean> {
      const inserted = await db(table).insert({ name, value }).onConflict('name').ignore().returning('name');
      return inserted.length > 0;
    },
    /**
     * The next number of a counter that starts at 1, in one upsert statement: the row lock it takes
     * (PostgreSQL) or the single writer (SQLite) hands two concurrent callers different numbers.
     */
    async next(name: string): Promise<number> {
      const [row] = await db(table)
        .insert({ name, value: '1' })
        .onConflict('name')
        .merge({ value: db.raw(`CAST(CAST(${table}.value AS INTEGER) + 1 AS TEXT)`) })
        .returning('value');
      return Number(typeof row === 'object' ? row.value : row);
    },
  };
}
