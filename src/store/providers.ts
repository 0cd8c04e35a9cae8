import type { Knex } from 'knex';
import { fromColumns, toColumns } from './rows.js';
import type { ProviderRow } from './types.js';

const json = ['names', 'services'] as const;

/** The providers directory: one row per provider id, replaced whole by an admin. */
export function providersRepository(db: Knex) {
  return {
    async list(): Promise<ProviderRow[]> {
      return (await db('providers').orderBy('id')).map((row: Record<string, unknown>) => fromColumns<ProviderRow>(row, json));
    },
    async get(id: string): Promise<ProviderRow | undefined> {
      const row = await db('providers').where({ id }).first();
      return row ? fromColumns<ProviderRow>(row, json) : undefined;
    },
    async put(row: ProviderRow): Promise<void> {
      await db('providers').insert(toColumns({ ...row }, json)).onConflict('id').merge();
    },
    /** Adds the row unless the provider has one; true when added (a demo installation's seed never overwrites an admin's edits). */
    async add(row: ProviderRow): Promise<boolean> {
      if (await db('providers').where({ id: row.id }).first()) return false;
      await db('providers').insert(toColumns({ ...row }, json)).onConflict('id').ignore();
      return true;
    },
  };
}
