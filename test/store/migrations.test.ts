import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import knexFactory, { type Knex } from 'knex';
import { auditRepository } from '../../src/store/audit.js';
import { genesisOf } from '../../src/store/chain.js';
import { migrationSource } from '../../src/store/migrations.js';
import { tasksRepository } from '../../src/store/tasks.js';

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
  it('gives cases that completed before result_at existed their end as the moment the result went out; running and canceled ones owe it still', async () => {
    await knex.migrate.latest({ migrationSource: before('20261129000100_result_issued') });
    await knex('definitions').insert({ id: 'd1', key: 'housing-assistance', version: 1, deployment_name: 'housing-assistance.bpmn', xml: '<x/>', content_hash: 'h', deployed_at: '2026-03-02T04:00:00.000Z', deployed_by: 'qyzmet serve' });
    const instance = (id: string, status: string, endedAt: string | null) => ({ id, definition_id: 'd1', definition_key: 'housing-assistance', definition_version: 1, status, state: '{}', revision: 1, started_at: '2026-03-02T04:00:00.000Z', started_by: 'portal', ended_at: endedAt, due_at: '2026-03-13T13:30:00.000Z' });
    await knex('instances').insert([instance('late', 'completed', '2026-03-16T04:00:00.000Z'), instance('open', 'running', null), instance('dropped', 'canceled', '2026-03-05T04:00:00.000Z')]);

    await knex.migrate.latest({ migrationSource });
    expect(await knex('instances').select('id', 'result_at').orderBy('id')).to.deep.equal([
      { id: 'dropped', result_at: null },
      { id: 'late', result_at: '2026-03-16T04:00:00.000Z' },
      { id: 'open', result_at: null },
    ]);
  });

  it('balances the quotes of the Housing Provision Center bank\'s name as the demo seed once wrote it, and leaves a name an admin typed', async () => {
    await knex.migrate.latest({ migrationSource: before('20261209000000_otbasy_bank_name') });
    const seeded = { 'housing-center-registration': { kk: '«Отбасы банк» тұрғын үй құрылыс жинақ банкі» АҚ', ru: 'АО «Жилищный строительный сберегательный банк «Отбасы банк»', en: 'Otbasy Bank Housing Construction Savings Bank JSC' } };
    const typed = { 'housing-center-registration': { kk: 'Медеу ауданындағы «Отбасы банк» филиалы', ru: 'Филиал АО «Отбасы банк» в Медеуском районе', en: 'Otbasy Bank, Medeu District Branch' } };
    const row = (id: string, services: object) => ({ id, names: JSON.stringify({ kk: id, ru: id, en: id }), bin: null, address: null, services: JSON.stringify(services), updated_at: '2026-03-02T04:00:00.000Z', updated_by: 'qyzmet serve' });
    await knex('providers').insert([row('default', seeded), row('almaty-medeu', typed)]);

    await knex.migrate.latest({ migrationSource });
    const services = async (id: string) => JSON.parse((await knex('providers').where({ id }).first()).services);
    expect(await services('default')).to.deep.equal({ 'housing-center-registration': { kk: '«"Отбасы банк" тұрғын үй құрылыс жинақ банкі» АҚ', ru: 'АО «Жилищный строительный сберегательный банк "Отбасы банк"»', en: 'Otbasy Bank Housing Construction Savings Bank JSC' } });
    expect(await services('almaty-medeu')).to.deep.equal(typed);
  });

  it('chains the history written before the audit trail existed, in the order it was written, so that later edits and deletions of it show', async () => {
    await knex.migrate.latest({ migrationSource: before('20261130000000_audit_trail') });
    await knex('definitions').insert({ id: 'd1', key: 'housing-assistance', version: 1, deployment_name: 'housing-assistance.bpmn', xml: '<x/>', content_hash: 'h', deployed_at: '2026-03-02T04:00:00.000Z', deployed_by: 'qyzmet serve' });
    const instance = (id: string) => ({ id, definition_id: 'd1', definition_key: 'housing-assistance', definition_version: 1, status: 'running', state: '{}', revision: 2, started_at: '2026-03-02T04:00:00.000Z', started_by: 'portal' });
    await knex('instances').insert([instance('old'), instance('quiet')]);
    const event = (type: string, at: string, data: unknown) => ({ instance_id: 'old', definition_id: 'd1', definition_version: 1, type, actor: 'portal', at, data: data === null ? null : JSON.stringify(data) });
    await knex('history').insert([event('instance.started', '2026-03-02T04:00:00.000Z', { businessKey: 'HA-1' }), event('task.created', '2026-03-02T04:00:00.000Z', { taskId: 't1' }), event('task.completed', '2026-03-03T05:00:00.000Z', { taskId: 't1', variables: { packageComplete: true } })]);

    await knex.migrate.latest({ migrationSource });
    const rows = await knex('history').select('id', 'type', 'seq', 'prev_hash', 'hash').orderBy('id');
    expect(rows.map((r) => [r.type, r.seq])).to.deep.equal([['instance.started', 1], ['task.created', 2], ['task.completed', 3]]);
    expect(rows[0].prev_hash).to.equal(genesisOf('old'));
    expect(rows[1].prev_hash).to.equal(rows[0].hash);
    expect(await knex('instances').select('id', 'history_seq', 'history_head').orderBy('id')).to.deep.equal([
      { id: 'old', history_seq: 3, history_head: rows[2].hash },
      { id: 'quiet', history_seq: 0, history_head: genesisOf('quiet') },
    ]);
    const audit = auditRepository(knex);
    expect(await audit.verify('old')).to.deep.equal({ instanceId: 'old', intact: true, rows: 3 });
    expect(await audit.verify('quiet')).to.deep.equal({ instanceId: 'quiet', intact: true, rows: 0 });

    await knex('history').where({ id: rows[1].id }).delete();
    expect((await audit.verify('old'))?.brokenAt).to.include({ historyId: rows[2].id, seq: 2, reason: 'missing row' });
  });
  it("gives the tasks stored before task_candidates their groups and users, so that a clerk's inbox still shows them, due first and those without a due date last", async () => {
    await knex.migrate.latest({ migrationSource: before('20261206000100_task_candidates') });
    await knex('definitions').insert({ id: 'd1', key: 'housing-assistance', version: 1, deployment_name: 'housing-assistance.bpmn', xml: '<x/>', content_hash: 'h', deployed_at: '2026-03-02T04:00:00.000Z', deployed_by: 'qyzmet serve' });
    await knex('instances').insert({ id: 'c1', definition_id: 'd1', definition_key: 'housing-assistance', definition_version: 1, status: 'running', state: '{}', revision: 1, started_at: '2026-03-02T04:00:00.000Z', started_by: 'portal', provider: 'almaty' });
    const task = (id: string, groups: string[], users: string[], status: string, dueAt: string | null) => ({
      id, instance_id: 'c1', execution_id: id, element_id: 'review', status, candidate_groups: JSON.stringify(groups), candidate_users: JSON.stringify(users), due_at: dueAt, created_at: '2026-03-02T04:00:00.000Z', provider: 'almaty',
    });
    await knex('tasks').insert([
      task('t1', ['executors'], [], 'open', null),
      task('t2', ['executors', 'heads'], ['aigerim'], 'open', '2026-03-05T04:00:00.000Z'),
      task('t3', [], ['aigerim'], 'open', '2026-03-04T04:00:00.000Z'),
      task('t4', ['executors'], [], 'completed', '2026-03-03T04:00:00.000Z'),
    ]);

    await knex.migrate.latest({ migrationSource });
    const inbox = async (groups: string[], user?: string, status: 'open' | 'completed' = 'open') =>
      (await tasksRepository(knex).page({ visibleTo: { provider: 'almaty', groups, user }, status }, { sort: 'dueAt', limit: 10, offset: 0 })).rows.map((t) => t.id);
    expect(await inbox(['executors'])).to.deep.equal(['t2', 't1']);
    expect(await inbox(['heads'])).to.deep.equal(['t2']);
    expect(await inbox([], 'aigerim')).to.deep.equal(['t3', 't2']);
    expect(await inbox(['executors'], undefined, 'completed')).to.deep.equal(['t4']);
  });
});
