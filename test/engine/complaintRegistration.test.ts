import { expect } from 'chai';
import { complaintServices } from '../../src/engine/index.js';
import type { TestQyzmet } from '../support/app.js';
import { deployedQyzmet } from '../support/cases.js';
import { databaseTargets } from '../support/databases.js';

/** A complaint's registration number (seed 000 para 13 part 3) is given once, and never to two complaints. */
for (const database of databaseTargets()) describe(`complaint registration numbers (${database.name})`, () => {
  let t: TestQyzmet;
  after(() => database.stop());
  beforeEach(async () => {
    // No gateway answers: paper complaints never call it.
    t = await deployedQyzmet(database, ['complaint.bpmn'], { gatewayUrl: 'http://localhost:9', now: '2026-12-31T12:00:00Z' }); // 17:00 in Almaty, the year's last working hour
  });
  afterEach(() => t.close());

  const file = async (caseNumber: string) => {
    const res = await t.api.post('/api/definitions/complaint/instances').send({
      businessKey: `${caseNumber}/1`,
      variables: { complainantLastName: 'Нұрланова', complainantFirstName: 'Әсел', postalAddress: 'г. Алматы, ул. Жандосова, д. 2, кв. 7, 050008', caseNumber, subject: 'inaction', complaintAddressee: 'provider', complaintText: 'Ответа по заявлению нет.', answerBy: 'office', filedThrough: 'office' },
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.id as string;
  };
  const numberOf = async (id: string) => (await t.api.get(`/api/instances/${id}`)).body.variables.registrationNumber;

  it('numbers complaints filed at the same time one by one, and starts again with the registration year', async () => {
    const ids = await Promise.all(['A-1', 'A-2', 'A-3', 'A-4', 'A-5'].map(file));
    await t.qyzmet.jobs.runDue();
    expect((await Promise.all(ids.map(numberOf))).sort()).to.deep.equal(['Ш-2026-00001', 'Ш-2026-00002', 'Ш-2026-00003', 'Ш-2026-00004', 'Ш-2026-00005']);

    // Filed at 19:00 on 31 December, after hours: registered at the next opening, 5 January 2027 (1–2 January are holidays, 3–4 a weekend).
    await t.api.post('/api/clock').send({ now: '2026-12-31T14:00:00Z' }).expect(200);
    const late = await file('A-6');
    await t.qyzmet.jobs.runDue();
    expect(await numberOf(late)).to.equal('Ш-2027-00001');
    expect((await t.api.get(`/api/instances/${late}`)).body.variables.registeredAt).to.equal('2027-01-05T04:00:00.000Z');
  });

  it('gives a retried registration the number it took the first time', async () => {
    const id = await file('B-1');
    await t.qyzmet.jobs.runDue();
    const register = complaintServices(t.qyzmet.store, t.clock, () => t.qyzmet.engine.calendars.fresh())['complaints.register']!;
    const again = await register({ instanceId: id, businessKey: 'B-1/1', elementId: 'registerComplaint', topic: 'complaints.register', variables: { caseNumber: 'B-1' }, attempt: 2, idempotencyKey: `${id}:retry` });
    expect(again).to.include({ registrationNumber: 'Ш-2026-00001' });
    const next = await file('B-2');
    await t.qyzmet.jobs.runDue();
    expect(await numberOf(next)).to.equal('Ш-2026-00002');
  });
});
