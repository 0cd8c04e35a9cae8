import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deployFolder } from '../../src/server.js';
import { dmn, rule, type TableSpec } from '../decisions/dmn.js';
import { fixture, testQyzmet, type TestQyzmet } from '../support/app.js';
import { databaseTargets } from '../support/databases.js';

// The housing queue's category, as an analyst keeps it: one rule per ground, each citing its source.
const category: TableSpec = {
  id: 'queueCategory',
  name: 'Queue category',
  inputs: [{ label: 'Years resident', expression: 'yearsResident' }, { label: 'Owns housing', expression: 'ownsHousing' }],
  outputs: [{ name: 'category', label: 'Category' }],
  rules: [
    rule('owns-housing', ['-', 'true'], ['"denied"'], 'Housing Law art. 67 para 1'),
    rule('domicile-short', ['< 3', 'false'], ['"denied"'], 'Rules para 15 sub-para 3'),
    rule('domicile-met', ['>= 3', 'false'], ['"eligible"']),
  ],
};
// Version 2 lowers the domicile rule to 2 years.
const categoryV2: TableSpec = { ...category, rules: [category.rules[0]!, rule('domicile-short', ['< 2', 'false'], ['"denied"']), rule('domicile-met', ['>= 2', 'false'], ['"eligible"'])] };

describe('decisions over HTTP', () => {
  let t: TestQyzmet;
  beforeEach(async () => {
    t = await testQyzmet();
  });
  afterEach(() => t.close());

  it('an analyst deploys a DMN file, finds it, reads its rules and tries it', async () => {
    const analyst = await t.as('analyst');
    const first = await analyst.post('/api/deployments').send({ name: 'queue-category.dmn', xml: dmn(category) }).expect(201);
    expect(first.body.definitions).to.deep.equal([]);
    expect(first.body.decisions).to.have.length(1);
    expect(first.body.decisions[0]).to.include({ key: 'queueCategory', version: 1, name: 'Queue category', dmnVersion: '1.3', created: true, source: 'api', deployedBy: 'analyst' });
    const again = await analyst.post('/api/deployments').send({ name: 'queue-category.dmn', xml: dmn(category) }).expect(200);
    expect(again.body.decisions[0]).to.include({ version: 1, created: false });

    const list = (await analyst.get('/api/decisions').expect(200)).body;
    expect(list.map((d: { key: string; version: number; versions: number }) => [d.key, d.version, d.versions])).to.deep.equal([['queueCategory', 1, 1]]);
    const detail = (await analyst.get('/api/decisions/queueCategory').expect(200)).body;
    expect(detail.versions[0].logic.hitPolicy).to.equal('UNIQUE');
    expect(detail.versions[0].logic.rules.map((r: { id: string; annotation?: string }) => [r.id, r.annotation ?? null])).to.deep.equal([
      ['owns-housing', 'Housing Law art. 67 para 1'],
      ['domicile-short', 'Rules para 15 sub-para 3'],
      ['domicile-met', null],
    ]);

    const outcome = (await analyst.post('/api/decisions/queueCategory/evaluate').send({ variables: { yearsResident: 2, ownsHousing: false } }).expect(200)).body;
    expect(outcome).to.deep.equal({ decisionId: 'queueCategory', decisionName: 'Queue category', version: 1, matchedRules: ['domicile-short'], result: 'denied', resultList: [{ category: 'denied' }], requiredDecisions: [] });
  });

  it('versions a changed table, effective from its date; an older version can still be tried', async () => {
    await t.deploy(dmn(category));
    // The clock stands at 2026-03-02 09:00 in Almaty; version 2 takes effect on 5 March, Almaty midnight.
    const v2 = (await t.api.post('/api/deployments').send({ name: 'queue-category.dmn', xml: dmn(categoryV2), effectiveFrom: '2026-03-05' }).expect(201)).body.decisions[0];
    expect(v2).to.include({ version: 2, effectiveFrom: '2026-03-04T19:00:00.000Z' });
    const twoYears = { variables: { yearsResident: 2, ownsHousing: false } };
    expect((await t.api.post('/api/decisions/queueCategory/evaluate').send(twoYears).expect(200)).body).to.include({ version: 1, result: 'denied' });
    expect((await t.api.post('/api/decisions/queueCategory/evaluate').send({ ...twoYears, version: 2 }).expect(200)).body).to.include({ version: 2, result: 'eligible' });
    t.clock.set(new Date('2026-03-04T18:59:59Z'));
    expect((await t.api.post('/api/decisions/queueCategory/evaluate').send(twoYears).expect(200)).body.version).to.equal(1);
    t.clock.set(new Date('2026-03-04T19:00:00Z'));
    expect((await t.api.post('/api/decisions/queueCategory/evaluate').send(twoYears).expect(200)).body).to.include({ version: 2, result: 'eligible' });
    expect((await t.api.get('/api/decisions').expect(200)).body[0]).to.include({ version: 2, versions: 2 });
    expect((await t.api.get('/api/decisions/queueCategory').expect(200)).body.versions.map((v: { version: number }) => v.version)).to.deep.equal([1, 2]);
  });

  it('refuses a file with a FEEL syntax error, naming decision, rule and column, and stores nothing', async () => {
    const before = await t.qyzmet.store.counts();
    const broken = { ...category, rules: [...category.rules, rule('veteran', ['>= ', 'false'], ['"priority"'])] };
    const res = await t.api.post('/api/deployments').send({ name: 'queue-category.dmn', xml: dmn(broken) }).expect(400);
    expect(res.body.details.problems).to.have.length(1);
    expect(res.body.details.problems[0]).to.include({ decisionId: 'queueCategory', ruleId: 'veteran', column: 'input "Years resident"' });
    expect(res.body.error).to.contain('veteran');
    expect(await t.qyzmet.store.counts()).to.deep.equal(before);
    // The modeler's check before deploying says the same.
    expect((await t.api.post('/api/deployments/validate').send({ xml: dmn(broken) }).expect(400)).body.details.problems[0].ruleId).to.equal('veteran');
    expect((await t.api.post('/api/deployments/validate').send({ xml: dmn(category) }).expect(200)).body).to.deep.equal({ processes: [], decisions: [{ id: 'queueCategory', name: 'Queue category' }], warnings: [] });
  });

  it('migrates a DMN 1.1 file on deploy', async () => {
    const v11 = dmn(category).replace('https://www.omg.org/spec/DMN/20191111/MODEL/', 'http://www.omg.org/spec/DMN/20151101/dmn.xsd');
    const deployed = (await t.api.post('/api/deployments').send({ name: 'old.dmn', xml: v11 }).expect(201)).body.decisions[0];
    expect(deployed).to.include({ key: 'queueCategory', dmnVersion: '1.1' });
    expect((await t.api.post('/api/decisions/queueCategory/evaluate').send({ variables: { yearsResident: 9, ownsHousing: true } }).expect(200)).body.matchedRules).to.deep.equal(['owns-housing']);
  });

  it('answers 422 naming both rules when a UNIQUE table matches two', async () => {
    const overlapping = { ...category, rules: [...category.rules, rule('veteran', ['>= 10', '-'], ['"priority"'])] };
    await t.deploy(dmn(overlapping));
    const res = await t.api.post('/api/decisions/queueCategory/evaluate').send({ variables: { yearsResident: 12, ownsHousing: false } }).expect(422);
    expect(res.body.error).to.contain('domicile-met').and.to.contain('veteran');
    expect(res.body.details).to.deep.equal({ decisionId: 'queueCategory', hitPolicy: 'UNIQUE', ruleIds: ['domicile-met', 'veteran'] });
  });

  it('answers 400 naming the field, 404 for an unknown decision or version, 403 to a role that may not evaluate', async () => {
    await t.deploy(dmn(category));
    const analyst = await t.as('analyst');
    const fields = async (body: object) => (await analyst.post('/api/decisions/queueCategory/evaluate').send(body).expect(400)).body.details.fields.map((f: { field: string }) => f.field);
    expect(await fields({})).to.deep.equal(['variables']);
    expect(await fields({ variables: [1] })).to.deep.equal(['variables']);
    expect(await fields({ variables: {}, version: 0 })).to.deep.equal(['version']);
    expect(await fields({ variables: {}, extra: 1 })).to.deep.equal(['body']);
    await analyst.post('/api/decisions/nope/evaluate').send({ variables: {} }).expect(404);
    await analyst.post('/api/decisions/queueCategory/evaluate').send({ variables: {}, version: 7 }).expect(404);
    await analyst.get('/api/decisions/nope').expect(404);
    await (await t.as('operator')).post('/api/decisions/queueCategory/evaluate').send({ variables: {} }).expect(403);
    expect((await (await t.as('operator')).get('/api/decisions').expect(200)).body).to.have.length(1);
  });

  it('deploys the *.dmn files of the processes folder with the diagrams, once per change', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-dmn-'));
    try {
      fs.writeFileSync(path.join(folder, 'queue-category.dmn'), dmn(category));
      fs.writeFileSync(path.join(folder, 'approval.bpmn'), fixture('approval.bpmn'));
      const first = await deployFolder(t.qyzmet.engine, folder, 'qyzmet serve');
      expect(first.map((d) => [d.key, d.version, d.created])).to.deep.equal([['queueCategory', 1, true], ['approval', 1, true]]);
      const decision = (await t.api.get('/api/decisions').expect(200)).body[0];
      expect(decision).to.include({ source: 'file', sourceFile: 'queue-category.dmn' });
      // An analyst's newer version through the API stays the latest when the unchanged file is read again.
      await t.api.post('/api/deployments').send({ name: 'queue-category.dmn', xml: dmn(categoryV2) }).expect(201);
      const second = await deployFolder(t.qyzmet.engine, folder, 'qyzmet serve');
      expect(second.map((d) => [d.key, d.version, d.created])).to.deep.equal([['queueCategory', 1, false], ['approval', 1, false]]);
      expect((await t.api.get('/api/decisions').expect(200)).body[0].version).to.equal(2);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

// The same versions on PostgreSQL (the tests above run on SQLite).
for (const database of databaseTargets().filter((d) => d.name === 'PostgreSQL')) {
  describe(`decision versions on ${database.name}`, function () {
    this.timeout(120_000);
    let t: TestQyzmet;
    before(async () => {
      t = await testQyzmet({ databaseUrl: await database.fresh() });
    });
    after(async () => {
      await t?.close();
      await database.stop();
    });

    it('stores, versions, effective-dates and lists decisions', async () => {
      await t.deploy(dmn(category));
      await t.api.post('/api/deployments').send({ name: 'queue-category.dmn', xml: dmn(categoryV2), effectiveFrom: '2026-03-05' }).expect(201);
      await t.api.post('/api/deployments').send({ name: 'queue-category.dmn', xml: dmn(categoryV2), effectiveFrom: '2026-03-05' }).expect(200);
      const twoYears = { variables: { yearsResident: 2, ownsHousing: false } };
      expect((await t.api.post('/api/decisions/queueCategory/evaluate').send(twoYears).expect(200)).body).to.include({ version: 1, result: 'denied' });
      t.clock.set(new Date('2026-03-05T00:00:00Z'));
      expect((await t.api.post('/api/decisions/queueCategory/evaluate').send(twoYears).expect(200)).body).to.include({ version: 2, result: 'eligible' });
      expect((await t.api.get('/api/decisions').expect(200)).body.map((d: { key: string; version: number; versions: number }) => [d.key, d.version, d.versions])).to.deep.equal([['queueCategory', 2, 2]]);
      expect((await t.api.get('/api/decisions/queueCategory').expect(200)).body.versions.map((v: { version: number; dmnVersion: string }) => [v.version, v.dmnVersion])).to.deep.equal([[1, '1.3'], [2, '1.3']]);
    });
  });
}
