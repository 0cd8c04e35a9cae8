import { expect } from 'chai';
import { demoPassword, seedDemoAccounts } from '../../src/server.js';
import { fixture, testQyzmet, type TestQyzmet } from '../support/app.js';
import { databaseTargets } from '../support/databases.js';

for (const database of databaseTargets()) describe(`business keys among running cases (${database.name})`, () => {
  let t: TestQyzmet;
  let auth: Record<string, string>;
  after(() => database.stop());
  beforeEach(async () => {
    t = await testQyzmet({ databaseUrl: await database.fresh() });
    await seedDemoAccounts(t.qyzmet.accounts, 'almaty-auezov');
    auth = { Authorization: `Bearer ${(await t.api.post('/api/auth/login').send({ username: 'admin', password: demoPassword })).body.token}` };
    for (const [name, xml] of [['approval.bpmn', fixture('approval.bpmn')], ['approval-two.bpmn', fixture('approval.bpmn').replaceAll('approval', 'approval-two')]]) {
      await t.api.post('/api/deployments').set(auth).send({ name, xml }).expect(201);
    }
  });
  afterEach(() => t.close());

  const start = (key: string, businessKey: string) => t.api.post(`/api/definitions/${key}/instances`).set(auth).send({ businessKey, variables: {} });

  it('answers a second running case numbered ALM-1 of the same definition with a 409 naming it, and stores nothing', async () => {
    const first = await start('approval', 'ALM-1');
    expect(first.status).to.equal(201);
    const before = await t.qyzmet.store.counts();
    const second = await start('approval', 'ALM-1');
    expect(second.status).to.equal(409);
    expect(second.body).to.deep.equal({
      error: 'a running case of "approval" is already numbered "ALM-1": a business key names one running case of a definition',
      details: { field: 'businessKey', businessKey: 'ALM-1', definitionKey: 'approval' },
    });
    expect(await t.qyzmet.store.counts()).to.deep.equal(before);
    // Another definition may use the number, and so may a case after the first one ended.
    expect((await start('approval-two', 'ALM-1')).status).to.equal(201);
    expect((await start('approval', 'ALM-2')).status).to.equal(201);
    await t.api.post(`/api/instances/${first.body.id}/cancel`).set(auth).expect(200);
    expect((await start('approval', 'ALM-1')).status).to.equal(201);
    const running = await t.api.get('/api/instances').set(auth).query({ definition: 'approval', businessKey: 'ALM-1' });
    expect(running.body.map((i: { status: string }) => i.status).sort()).to.deep.equal(['canceled', 'running']);
  });

  it('lets exactly one of several simultaneous starts of the same number in', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => start('approval', 'ALM-7')));
    expect(answers.map((a) => a.status).sort()).to.deep.equal([201, 409, 409, 409, 409, 409]);
    for (const refused of answers.filter((a) => a.status === 409)) expect(refused.body.error).to.include('"ALM-7"');
    expect((await t.api.get('/api/instances').set(auth).query({ businessKey: 'ALM-7' })).body).to.have.length(1);
  });
});
