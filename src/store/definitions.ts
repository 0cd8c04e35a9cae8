import type { Knex } from 'knex';
import { fromColumns, toColumns } from './rows.js';
import type { DefinitionRow } from './types.js';

const table = 'definitions';
const json = ['formVersions'] as const;
const from = (row: Record<string, unknown>) => fromColumns<DefinitionRow>(row, json);

export function definitionsRepository(db: Knex) {
  return {
    async insert(row: DefinitionRow): Promise<void> {
      await db(table).insert(toColumns({ ...row }, json));
    },
    async get(id: string): Promise<DefinitionRow | undefined> {
      const row = await db(table).where({ id }).first();
      return row && from(row);
    },
    async latest(key: string): Promise<DefinitionRow | undefined> {
      const row = await db(table).where({ key }).orderBy('version', 'desc').first();
      return row && from(row);
    },
    /** The newest version of `key` deployed from the file named `file`. */
    async latestFromFile(key: string, file: string): Promise<DefinitionRow | undefined> {
      const row = await db(table).where({ key, source: 'file', source_file: file }).orderBy('version', 'desc').first();
      return row && from(row);
    },
    /** The versions of `key`, newest first, with when each takes effect (their XML is not read: versions are cached by id). */
    async effectivity(key: string): Promise<Pick<DefinitionRow, 'id' | 'version' | 'effectiveFrom'>[]> {
      return (await db(table).select('id', 'version', 'effective_from').where({ key }).orderBy('version', 'desc')).map(from);
    },
    async versions(key: string): Promise<DefinitionRow[]> {
      return (await db(table).where({ key }).orderBy('version', 'asc')).map(from);
    },
    async keys(): Promise<string[]> {
      return (await db(table).distinct('key')).map((r: { key: string }) => r.key);
    },
    async list(): Promise<DefinitionRow[]> {
      return (await db(table).orderBy([{ column: 'key' }, { column: 'version' }])).map(from);
    },
  };
}
