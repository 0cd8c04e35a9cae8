import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import knexFactory, { type Knex } from 'knex';
import { migrationSource } from '../../src/store/migrations.js';

const name = '20261129000500_running_business_keys';
const before: Knex.MigrationSource<unknown> = {
  ...migrationSource,
  async getMigrations(loadExtensions) {
    return (await migrationSource.getMigrations(loadExtensions)).filter((m) => (m as { name: string }).name < name);
  },
} as Knex.MigrationSource<unknown>;

describe('migration: business keys unique among running cases', () => {
  let dir: string;
  let knex: Knex;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-migrations-'));
    knex = knexFactory({ client: 'sqlite3', connection: { filename: path.join(dir, 'db.sqlite') }, useNullAsDefault: true });
    await knex.migrate.latest({ migrationSource: before });
    await knex('definitions').insert({ id: 'd1', key: 'approval', version: 1, deployment_name: 'a.bpmn', xml: '<x/>', content_hash: 'h', deployed_at: '2026-03-02T04:00:00.000Z', deployed_by: 'qyzmet serve' });
  });
  afterEach(async () => {
    await knex.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const instance = (id: string, businessKey: string, status: string, parent: string | null = null) => ({ id, definition_id: 'd1', definition_key: 'approval', definition_version: 1, business_key: businessKey, status, state: '{}', revision: 0, started_at: '2026-03-02T04:00:00.000Z', started_by: 'x', parent_instance_id: parent });

  it('stops, naming the running duplicates, when an older release let two running cases share a number', async () => {
    await knex('instances').insert([instance('i1', 'ALM-1', 'running'), instance('i2', 'ALM-1', 'running'), instance('i3', 'ALM-2', 'running'), instance('i4', 'ALM-2', 'completed')]);
    let error: Error | undefined;
    await knex.migrate.latest({ migrationSource }).catch((e: Error) => (error = e));
    expect(error?.message).to.include('cannot make business keys unique among running cases: approval "ALM-1" (2 running)').and.not.include('ALM-2');

    await knex('instances').where({ id: 'i2' }).update({ status: 'canceled' });
    await knex.migrate.latest({ migrationSource });
    // Called instances share their caller's number and stay allowed; a second top-level one does not.
    await knex('instances').insert([instance('c1', 'ALM-1', 'running', 'i1'), instance('c2', 'ALM-1', 'running', 'i1')]);
    let duplicate: Error | undefined;
    await knex('instances').insert(instance('i5', 'ALM-1', 'running')).catch((e: Error) => (duplicate = e));
    expect(duplicate?.message).to.include('UNIQUE constraint failed: instances.definition_key, instances.business_key');
  });
});
