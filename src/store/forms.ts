import type { Knex } from 'knex';
import { fromColumns, toColumns } from './rows.js';
import type { FormVersionRow } from './types.js';

const table = 'form_definitions';
const json = ['schema', 'ui'] as const;
const from = (row: Record<string, unknown>) => fromColumns<FormVersionRow>(row, json);

/** Task form versions, as `definitionsRepository` keeps diagram versions. */
export function formsRepository(db: Knex) {
  return {
    async insert(row: FormVersionRow): Promise<void> {
      await db(table).insert(toColumns({ ...row }, json));
    },
    async get(id: string): Promise<FormVersionRow | undefined> {
      const row = await db(table).where({ id }).first();
      return row && from(row);
    },
    async latest(key: string): Promise<FormVersionRow | undefined> {
      const row = await db(table).where({ key }).orderBy('version', 'desc').first();
      return row && from(row);
    },
    /** The newest version of `key` deployed from the file named `file`. */
    async latestFromFile(key: string, file: string): Promise<FormVersionRow | undefined> {
      const row = await db(table).where({ key, source: 'file', source_file: file }).orderBy('version', 'desc').first();
      return row && from(row);
    },
    async version(key: string, version: number): Promise<FormVersionRow | undefined> {
      const row = await db(table).where({ key, version }).first();
      return row && from(row);
    },
    /** Every version of `key`, oldest first. */
    async versions(key: string): Promise<FormVersionRow[]> {
      return (await db(table).where({ key }).orderBy('version', 'asc')).map(from);
    },
    /** The newest version of each key, by key. */
    async latestOfEach(): Promise<FormVersionRow[]> {
      const newest = db(table).select('key').max({ version: 'version' }).groupBy('key').as('newest');
      const rows = await db(table)
        .join(newest, function () {
          this.on(`${table}.key`, '=', 'newest.key').andOn(`${table}.version`, '=', 'newest.version');
        })
        .select(`${table}.*`)
        .orderBy(`${table}.key`);
      return rows.map(from);
    },
  };
}
