import type { Knex } from 'knex';
import { fromColumns, toColumns } from './rows.js';
import type { DecisionRow } from './types.js';

const table = 'decision_definitions';
const from = (row: Record<string, unknown>) => fromColumns<DecisionRow>(row);

/** Decision versions, as `definitionsRepository` keeps diagram versions. */
export function decisionsRepository(db: Knex) {
  return {
    async insert(row: DecisionRow): Promise<void> {
      await db(table).insert(toColumns({ ...row }));
    },
    async get(id: string): Promise<DecisionRow | undefined> {
      const row = await db(table).where({ id }).first();
      return row && from(row);
    },
    async latest(key: string): Promise<DecisionRow | undefined> {
      const row = await db(table).where({ key }).orderBy('version', 'desc').first();
      return row && from(row);
    },
    /** The newest version of `key` deployed from the file named `file`. */
    async latestFromFile(key: string, file: string): Promise<DecisionRow | undefined> {
      const row = await db(table).where({ key, source: 'file', source_file: file }).orderBy('version', 'desc').first();
      return row && from(row);
    },
    /** The versions of `key`, newest first, with when each takes effect (without their XML). */
    async effectivity(key: string): Promise<Pick<DecisionRow, 'id' | 'version' | 'effectiveFrom'>[]> {
      return (await db(table).select('id', 'version', 'effective_from').where({ key }).orderBy('version', 'desc')).map(from);
    },
    async version(key: string, version: number): Promise<DecisionRow | undefined> {
      const row = await db(table).where({ key, version }).first();
      return row && from(row);
    },
    /** Every version of `key`, oldest first, without the XML. */
    async versions(key: string): Promise<Omit<DecisionRow, 'xml'>[]> {
      return (await db(table).select(summaryColumns).where({ key }).orderBy('version', 'asc')).map(from);
    },
    /** Every version of every key, by key then version, without the XML. */
    async list(): Promise<Omit<DecisionRow, 'xml'>[]> {
      return (await db(table).select(summaryColumns).orderBy([{ column: 'key' }, { column: 'version' }])).map(from);
    },
  };
}

const summaryColumns = ['id', 'key', 'version', 'name', 'deployment_name', 'content_hash', 'deployed_at', 'deployed_by', 'effective_from', 'source', 'source_file', 'dmn_version'];
