import type { Knex } from 'knex';
import { fromColumns, toColumns } from './rows.js';
import type { CommissionChangeRow, CommissionRow } from './types.js';

const json = ['members'] as const;

/** Housing commissions, one per provider, and the record of every composition set (newest first). */
export function commissionsRepository(db: Knex) {
  return {
    async get(provider: string): Promise<CommissionRow | undefined> {
      const row = await db('commissions').where({ provider }).first();
      return row ? fromColumns<CommissionRow>(row, json) : undefined;
    },
    /** Sets the provider's composition and records the change, together. */
    async put(row: CommissionRow): Promise<void> {
      await db.transaction(async (trx) => {
        await trx('commissions').insert(toColumns({ ...row }, json)).onConflict('provider').merge();
        await trx('commission_changes').insert(toColumns({ provider: row.provider, members: row.members, chair: row.chair, changedAt: row.updatedAt, changedBy: row.updatedBy }, json));
      });
    },
    async changes(provider: string): Promise<CommissionChangeRow[]> {
      return (await db('commission_changes').where({ provider }).orderBy('id', 'desc')).map((row: Record<string, unknown>) => fromColumns<CommissionChangeRow>(row, json));
    },
  };
}
