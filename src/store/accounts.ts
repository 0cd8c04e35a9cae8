import type { Knex } from 'knex';
import { fromColumns, toColumns } from './rows.js';
import type { AccountRow, SessionRow } from './types.js';

const json = ['roles'] as const;

/** Accounts (the `users` table), by username. */
export function usersRepository(db: Knex) {
  const read = (row: Record<string, unknown>): AccountRow => {
    const account = fromColumns<AccountRow>(row, json);
    return { ...account, disabled: Boolean(account.disabled) };
  };
  return {
    async insert(row: AccountRow): Promise<void> {
      await db('users').insert(toColumns({ ...row }, json));
    },
    async get(username: string): Promise<AccountRow | undefined> {
      const row = await db('users').where({ username }).first();
      return row ? read(row) : undefined;
    },
    async list(): Promise<AccountRow[]> {
      return (await db('users').orderBy('username')).map(read);
    },
    async setDisabled(username: string, disabled: boolean): Promise<boolean> {
      return (await db('users').where({ username }).update({ disabled })) === 1;
    },
  };
}

/** Sessions, by the SHA-256 of their token. */
export function sessionsRepository(db: Knex) {
  return {
    async insert(row: SessionRow): Promise<void> {
      await db('sessions').insert(toColumns({ ...row }));
    },
    async get(tokenHash: string): Promise<SessionRow | undefined> {
      const row = await db('sessions').where({ token_hash: tokenHash }).first();
      return row ? fromColumns<SessionRow>(row) : undefined;
    },
    async delete(tokenHash: string): Promise<void> {
      await db('sessions').where({ token_hash: tokenHash }).delete();
    },
    async deleteOf(username: string): Promise<void> {
      await db('sessions').where({ username }).delete();
    },
  };
}
