import { expect } from 'chai';
import { demoPassword, seedDemoAccounts } from '../../src/server.js';
import { fixture, testQyzmet, type TestQyzmet } from '../support/app.js';
import { application } from '../support/cases.js';
import { databaseTargets } from '../support/databases.js';

const iin = '900101300126';
const other = '840512310075';

/** The approval fixture filed with the housing assistance application form (Appendix 1). */
const filing = fixture('approval.bpmn')
  .replaceAll('approval', 'filing')
  .replace('isExecutable="true">', 'isExecutable="true"><extensionElements><camunda:properties><camunda:property name="applicationForm" value="ha-application"/></camunda:properties></extensionElements>');

for (const database of databaseTargets()) describe(`personal data: consent and subject access (${database.name})`, () => {
  let t: TestQyzmet;
  let admin: Record<string, string>;
  after(() => database.stop());
  beforeEach(async () => {
    t = await testQyzmet({ databaseUrl: await database.fresh() });
    await seedDemoAccounts(t.qyzmet.accounts, 'almaty-auezov');
    admin = { Authorization: `Bearer ${(await t.anonymous.post('/api/auth/login').send({ username: 'admin', password: demoPassword })).body.token}` };
    await t.anonymous.post('/api/deployments').set(admin).send({ name: 'filing.bpmn', xml: filing }).expect(201);
    await t.anonymous.post('/api/deployments').set(admin).send({ name: 'approval.bpmn', xml: fixture('approval.bpmn') }).expect(201);
  });
  afterEach(() => t.close());

  const file = (businessKey: string, variables: Record<string, unknown>) => t.anonymous.post('/api/definitions/filing/instances').set(admin).send({ businessKey, variables: { ...application, channel: 'stateCorporation', ...variables } });

  it('requires the applicant\'s consent to personal data processing in the application and records when it was given', async () => {
    const { personalDataConsent: _c, ...withoutConsent } = application;
    const refused = await t.anonymous.post('/api/definitions/filing/instances').set(admin).send({ businessKey: 'ALM-1', variables: { ...withoutConsent, channel: 'stateCorporation', iin } });
    expect(refused.status).to.equal(400);
    expect(refused.body.details.fields).to.deep.equal([{ field: 'variables.personalDataConsent', message: 'is required' }]);
    expect((await file('ALM-1', { iin, personalDataConsent: false })).body.details.fields).to.deep.equal([{ field: 'variables.personalDataConsent', message: 'must be equal to constant' }]);

    t.clock.set(new Date('2026-03-02T05:17:00Z'));
    const filed = await file('ALM-1', { iin });
    expect(filed.status, JSON.stringify(filed.body)).to.equal(201);
    expect(filed.body.consentAt).to.equal('2026-03-02T05:17:00.000Z');
    expect((await t.anonymous.get(`/api/instances/${filed.body.id}`).set(admin)).body).to.include({ consentAt: '2026-03-02T05:17:00.000Z' });
    // A case filed without an application form has no consent to show.
    const bare = await t.anonymous.post('/api/definitions/approval/instances').set(admin).send({ businessKey: 'X-1', variables: {} });
    expect(bare.body.consentAt).to.equal(null);
  });

  it('exports everything held about one IIN to an admin, and records the export with the admin as actor', async () => {
    const mine = (await file('ALM-1', { iin })).body;
    const mentioned = (await t.anonymous.post('/api/definitions/approval/instances').set(admin).send({ businessKey: 'X-1', variables: { note: `spouse of ${iin}` } })).body;
    const someoneElse = (await file('ALM-2', { iin: other })).body;
    const longerNumber = (await t.anonymous.post('/api/definitions/approval/instances').set(admin).send({ businessKey: 'X-2', variables: { account: `7${iin}` } })).body;

    t.clock.set(new Date('2026-03-02T09:00:00Z'));
    const res = await t.anonymous.get(`/api/subjects/${iin}/export`).set(admin);
    expect(res.status).to.equal(200);
    expect(res.headers['cache-control']).to.equal('no-store');
    expect(res.body).to.include({ exportedAt: '2026-03-02T09:00:00.000Z', exportedBy: 'admin' });
    expect(res.body.subject).to.deep.equal({ iin });
    expect(res.body.instances.map((i: { id: string }) => i.id).sort()).to.deep.equal([mine.id, mentioned.id].sort());
    const exported = res.body.instances.find((i: { id: string }) => i.id === mine.id);
    expect(exported).to.include({ businessKey: 'ALM-1', definitionKey: 'filing', consentAt: '2026-03-02T04:00:00.000Z', status: 'running' });
    expect(exported.variables).to.include({ iin, personalDataConsent: true });
    expect(exported.tasks.map((x: { elementId: string }) => x.elementId)).to.deep.equal(['review']);
    expect(exported.documents).to.deep.equal([]);
    expect(exported.history.map((h: { type: string }) => h.type)).to.include('instance.started').and.include('subject.exported');
    expect(exported).not.to.have.property('state');

    // The export is on each exported case's history, and only there.
    for (const id of [mine.id, mentioned.id]) {
      const history = (await t.anonymous.get(`/api/instances/${id}`).set(admin)).body.history as { type: string; actor: string; at: string; data: unknown }[];
      expect(history.filter((h) => h.type === 'subject.exported')).to.deep.equal([{ ...history.find((h) => h.type === 'subject.exported')!, type: 'subject.exported', actor: 'admin', at: '2026-03-02T09:00:00.000Z', data: { subject: iin, instances: 2 } }]);
    }
    for (const id of [someoneElse.id, longerNumber.id]) {
      const history = (await t.anonymous.get(`/api/instances/${id}`).set(admin)).body.history as { type: string }[];
      expect(history.map((h) => h.type)).not.to.include('subject.exported');
    }
  });

  it('answers 400 for a malformed IIN, 401 without a session and 403 for other roles, recording nothing', async () => {
    await file('ALM-1', { iin });
    const before = await t.qyzmet.store.counts();
    for (const bad of ['12345', '90010130012X', '900101300127', `${iin}0`, "900101300126' OR '1'='1"]) {
      const res = await t.anonymous.get(`/api/subjects/${encodeURIComponent(bad)}/export`).set(admin);
      expect(res.status, bad).to.equal(400);
      expect(res.body.details, bad).to.deep.equal({ field: 'iin' });
    }
    await t.anonymous.get(`/api/subjects/${iin}/export`).expect(401);
    for (const role of ['operator', 'executor', 'head', 'analyst', 'auditor']) {
      const { token } = (await t.anonymous.post('/api/auth/login').send({ username: role, password: demoPassword })).body;
      const res = await t.anonymous.get(`/api/subjects/${iin}/export`).set('Authorization', `Bearer ${token}`);
      expect(res.status, role).to.equal(403);
    }
    const after = await t.qyzmet.store.counts();
    expect(after.history).to.equal(before.history);
  });
});
