import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import knexFactory, { type Knex } from 'knex';
import type sqlite3 from 'sqlite3';
import { cachePreparedStatements } from '../../src/store/statements.js';

describe('reused prepared statements on SQLite', () => {
  let dir: string;
  let knex: Knex;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-statements-'));
    knex = knexFactory({
      client: 'sqlite3',
      connection: { filename: path.join(dir, 'db.sqlite') },
      useNullAsDefault: true,
      pool: { min: 1, max: 1, afterCreate: (conn: sqlite3.Database, done: (err: null, conn: unknown) => void) => (cachePreparedStatements(conn, 3), done(null, conn)) },
    });
    await knex.schema.createTable('cases', (t) => {
      t.string('id').primary();
      t.integer('revision').notNullable();
    });
  });
  afterEach(async () => {
    await knex.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('returns what was written since the last run of the same query, and how many rows an update changed', async () => {
    const select = () => knex('cases').where({ id: 'c1' }).first();
    expect(await select()).to.equal(undefined);
    await knex('cases').insert({ id: 'c1', revision: 0 });
    expect(await select()).to.deep.equal({ id: 'c1', revision: 0 });
    for (let revision = 0; revision < 3; revision++) {
      expect(await knex('cases').where({ id: 'c1', revision }).update({ revision: revision + 1 })).to.equal(1);
    }
    expect(await knex('cases').where({ id: 'c1', revision: 0 }).update({ revision: 9 })).to.equal(0);
    expect(await select()).to.deep.equal({ id: 'c1', revision: 3 });
  });

  it('reports a constraint violation every time the statement breaks it, and rolls its transaction back', async () => {
    await knex('cases').insert({ id: 'c1', revision: 0 });
    for (let i = 0; i < 3; i++) {
      const err = await knex
        .transaction(async (trx) => {
          await trx('cases').insert({ id: `new-${i}`, revision: 0 });
          await trx('cases').insert({ id: 'c1', revision: 1 });
        })
        .catch((e: Error) => e);
      expect(String(err)).to.match(/UNIQUE constraint failed: cases\.id/);
    }
    expect(await knex('cases').count({ n: '*' }).first()).to.deep.equal({ n: 1 });
  });

  it('reports a query that cannot be prepared with its own message, also when tried again at once', async () => {
    for (let i = 0; i < 2; i++) {
      const err = await knex('no_such_table').select().catch((e: Error) => e);
      expect(String(err)).to.match(/no such table: no_such_table/);
    }
    // Straight on the connection, before any preparation can have finished.
    const conn = (await knex.client.acquireConnection()) as sqlite3.Database;
    try {
      const answers = await Promise.all(
        [1, 2, 3].map((n) => new Promise<string>((resolve) => conn.all(`select * from missing_${n % 2}`, [], (err: Error | null) => resolve(String(err)))))
      );
      expect(answers).to.deep.equal(['Error: SQLITE_ERROR: no such table: missing_1', 'Error: SQLITE_ERROR: no such table: missing_0', 'Error: SQLITE_ERROR: no such table: missing_1']);
    } finally {
      await knex.client.releaseConnection(conn);
    }
  });

  it('keeps answering correctly when more distinct queries run than it keeps', async () => {
    await knex('cases').insert([1, 2, 3, 4, 5, 6].map((n) => ({ id: `c${n}`, revision: n })));
    for (let round = 0; round < 2; round++) {
      for (let n = 1; n <= 6; n++) expect(await knex('cases').where('revision', '>=', n).count({ n: '*' }).first()).to.deep.equal({ n: 7 - n });
    }
  });
});
