import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import knexFactory, { type Knex } from 'knex';
import { migrationSource } from '../../src/store/migrations.js';

/** The migrations up to (not including) `name`, for a database as an older release left it. */
const before = (name: string): Knex.MigrationSource<unknown> => ({
  ...migrationSource,
  async getMigrations(loadExtensions) {
    return (await migrationSource.getMigrations(loadExtensions)).filter((m) => (m as { name: string }).name < name);
  },
}) as Knex.MigrationSource<unknown>;

describe('migrations of a database an older release wrote', () => {
  let dir: string;
  let knex: Knex;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-migrations-'));
    knex = knexFactory({ client: 'sqlite3', connection: { filename: path.join(dir, 'db.sqlite') }, useNullAsDefault: true });
  });
  afterEach(async () => {
    await knex.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("gives each definition version its source from who deployed it: `qyzmet serve` and `qyzmet deploy` read files, anyone else used the API", async () => {
    await knex.migrate.latest({ migrationSource: before('20261125000100_definition_sources') });
    const row = (version: number, deployedBy: string) => ({ id: `d${version}`, key: 'approval', version, deployment_name: `name-${version}.bpmn`, xml: '<x/>', content_hash: `h${version}`, deployed_at: '2026-03-02T04:00:00.000Z', deployed_by: deployedBy });
    await knex('definitions').insert([row(1, 'qyzmet serve'), row(2, 'cli:aigerim'), row(3, 'analyst'), row(4, 'anonymous')]);

    await knex.migrate.latest({ migrationSource });
    const rows = await knex('definitions').select('version', 'source', 'source_file', 'deployed_by').orderBy('version');
    expect(rows).to.deep.equal([
      { version: 1, source: 'file', source_file: 'name-1.bpmn', deployed_by: 'qyzmet serve' },
      { version: 2, source: 'file', source_file: 'name-2.bpmn', deployed_by: 'cli:aigerim' },
      { version: 3, source: 'api', source_file: null, deployed_by: 'analyst' },
      { version: 4, source: 'api', source_file: null, deployed_by: 'anonymous' },
    ]);
  });
});
