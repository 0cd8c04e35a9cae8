import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { openDatabase, type Database } from '../../src/store/database.js';
import { createStore } from '../../src/store/index.js';
import { databaseTargets } from '../support/databases.js';

interface IndexColumns {
  table: string;
  name: string;
  columns: string[];
}

/**
 * The schema's indexes that are not partial (a partial one covers other rows), with their columns
 * in order: the plain ones, or the unique ones (a rule, and a lookup by their leading columns too).
 */
async function indexesOf({ knex, dialect }: Database, unique: boolean): Promise<IndexColumns[]> {
  if (dialect === 'postgres') {
    const { rows } = (await knex.raw(
      `
      select t.relname as "table", i.relname as name,
             array(select a.attname::text from unnest(x.indkey::int2[]) with ordinality k(attnum, n)
                   join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.attnum order by k.n) as columns
        from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
        join pg_namespace s on s.oid = t.relnamespace
       where s.nspname = current_schema() and x.indisunique = ? and x.indpred is null`,
      [unique]
    )) as { rows: IndexColumns[] };
    return rows;
  }
  // SQLite keeps no SQL for the indexes a UNIQUE or PRIMARY KEY constraint makes: those are unique.
  const indexes: { name: string; tbl_name: string; sql: string | null }[] = await knex.raw("select name, tbl_name, sql from sqlite_master where type = 'index'");
  const picked = indexes.filter((i) => (i.sql === null ? unique : /^CREATE UNIQUE/i.test(i.sql) === unique && !/\bWHERE\b/i.test(i.sql)));
  return Promise.all(picked.map(async (i) => ({ table: i.tbl_name, name: i.name, columns: ((await knex.raw(`pragma index_info(\`${i.name}\`)`)) as { name: string }[]).map((c) => c.name) })));
}

for (const target of databaseTargets()) {
  describe(`indexes (${target.name})`, () => {
    let dir: string;
    let database: Database;
    let knex: Knex;

    before(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-indexes-'));
      const url = (await target.fresh()) ?? `sqlite:${path.join(dir, 'db.sqlite')}`;
      await (await createStore(url)).close();
      database = await openDatabase(url);
      knex = database.knex;
    });
    after(async () => {
      await knex?.destroy();
      await target.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('has no index whose columns lead another index of its table: each would be written with every row and kept for years, and find nothing the longer one does not', async () => {
      const indexes = await indexesOf(database, false);
      expect(indexes.map((i) => i.name)).to.include.members(['instances_status_list', 'tasks_provider_inbox', 'jobs_status_due_at_index']);
      const all = [...indexes, ...(await indexesOf(database, true))];
      const leading = indexes.flatMap((short) =>
        all.filter((long) => long.table === short.table && long.name !== short.name && long.columns.length > short.columns.length && short.columns.every((c, k) => long.columns[k] === c)).map((long) => `${short.name} (${short.columns.join(', ')}) leads ${long.name} (${long.columns.join(', ')})`)
      );
      expect(leading).to.deep.equal([]);
    });
  });
}

