import type { Knex } from 'knex';
import { fromColumns, toColumns } from './rows.js';
import type { DefinitionRow } from './types.js';

const table = 'definitions';
const from = (row: Record<string, unknown>) => fromColumns<DefinitionRow>(row);

export function definitionsRepository(db: Knex) {
  return {
    async insert(row: DefinitionRow): Promise<void> {
      await db(table).insert(toColumns({ ...row }));
    },
    async get(id: string): Promise<DefinitionRow | undefined> {
      const row = await db(table).where({ id }).first();
      return row && from(row);
    },
    async latest(key: string): Promise<DefinitionRow | undefined> {
      const row = await db(table).where({ key }).orderBy('version', 'desc').first();
      return row && from(row);
    },
    /** The id of the newest version whose effective instant has come by `at` (its XML is not read: versions are cached by id). */
    async effectiveId(key: string, at: string): Promise<string | undefined> {
      const row: { id: string } | undefined = await db(table)
        .select('id')
        .where({ key })
        .andWhere((q) => q.whereNull('effective_from').orWhere('effective_from', '<=', at))
        .orderBy('version', 'desc')
        .first();
      return row?.id;
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
