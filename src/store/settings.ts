import type { Knex } from 'knex';

const table = 'settings';

/** Named values the server keeps across restarts (the manual clock's instant). */
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
  };
}
