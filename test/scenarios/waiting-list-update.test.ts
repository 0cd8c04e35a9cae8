import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { fixture, testQyzmet, type TestQyzmet } from '../support/app.js';

const processes = path.resolve(import.meta.dirname, '..', '..', 'processes');
const yessenova = '850214410915';
const smagulova = '870130411267';
const stranger = '910717311192';

/**
 * Updates of a registered family's data (seed 001 para 11, Standard row 8, Appendix 3) through the
 * REST API: processes/waiting-list-update.bpmn on families the queue fixture registered. The 15
 * working days run from the day after the grounds or the SMS (Thursday 10 December 2026): 11, 14,
 * 15, 17, 18, 21–25, 28–31 December (16 December is Independence Day) and 5 January 2027 (1 and 2
 * January are New Year, 4 January the day off for the 2nd falling on a Saturday) — the close of the
 * provider's day on 5 January, 18:30 in Almaty (13:30 UTC).
 */
describe('waiting-list data update (seed 001 Appendix 3)', () => {
  let t: TestQyzmet;
  beforeEach(async () => {
    t = await testQyzmet({ now: '2026-12-07T04:00:00Z' });
    await t.deploy(fixture('queue.bpmn'));
    await t.deploy(fs.readFileSync(path.join(processes, 'waiting-list-update.bpmn'), 'utf8'));
    // Two families on the socially vulnerable list of Almaty, numbers 1 and 2.
    for (const [iin, applicant] of [[yessenova, 'Есенова Мадина Бауыржановна'], [smagulova, 'Смагулова Зарина Ерболовна']]) {
      await t.api.post('/api/definitions/queueApproval/instances').send({ variables: { queueList: 'sociallyVulnerable', locality: 'Almaty', iin, applicant, family: [], proceed: true } }).expect(201);
      await t.qyzmet.jobs.runDue();
    }
  });
  afterEach(() => t.close());

  const application = (fields: Record<string, unknown>) => ({ iin: yessenova, reason: 'A child was born', supportingDocument: 'Birth certificate No. 0123456 of 01.12.2026', grounds: 'smsRequest', groundsOn: '2026-12-10', housingCheckConsent: true, secretDataConsent: true, personalDataConsent: true, ...fields });
  async function file(at: string, fields: Record<string, unknown>): Promise<string> {
    t.clock.set(new Date(at));
    const res = await t.api.post('/api/definitions/waiting-list-update/instances').send({ variables: application(fields) });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    await t.qyzmet.jobs.runDue();
    return res.body.id;
  }
  const details = async (id: string) => (await t.api.get(`/api/instances/${id}`)).body;

  it('records an update filed on the last minute of the 15th working day on the entry named by its number, the number unchanged', async () => {
    const id = await file('2027-01-05T13:30:00Z', { queueList: 'sociallyVulnerable', locality: 'Almaty', queueNumber: 1, memberIin: '261201500010' });
    const filed = await details(id);
    expect(filed.variables).to.deep.include({ updateDueAt: '2027-01-05T13:30:00.000Z', updateDueDate: '05.01.2027', filedInTime: true });
    expect(filed.variables.queueEntry).to.include({ list: 'sociallyVulnerable', locality: 'Almaty', number: 1 });

    const executor = await t.as('executor');
    const [task] = (await executor.get('/api/tasks').query({ instance: id }).expect(200)).body;
    expect(task.elementId).to.equal('recordUpdate');
    expect((await executor.get(`/api/tasks/${task.id}/form`).expect(200)).body.data).to.deep.equal({ queueNumberShown: 1, reasonShown: 'A child was born', updateDueDate: '05.01.2027', filedInTime: true });
    t.clock.set(new Date('2027-01-06T05:00:00Z'));
    await executor.post(`/api/tasks/${task.id}/complete`).send({ variables: { changesRecorded: 'Family: a son, born 01.12.2026, IIN 261201500010', documentsChecked: true } }).expect(200);
    await t.qyzmet.jobs.runDue();

    const done = await details(id);
    expect(done.status).to.equal('completed');
    expect(done.activities).to.deep.equal([]);
    expect(done.history.filter((h: { type: string }) => h.type === 'activity.entered').map((h: { elementId: string }) => h.elementId)).to.deep.equal(['updateFiled', 'findEntry', 'entryNotFound', 'recordUpdate', 'recordOnEntry', 'updated']);
    const [entry] = (await t.api.get('/api/queues/sociallyVulnerable').query({ locality: 'Almaty' }).expect(200)).body.entries;
    expect(entry).to.include({ number: 1, updatedAt: '2027-01-06T05:00:00.000Z' });
    const updates = await t.qyzmet.store.queues.updatesOf((await t.qyzmet.store.queues.find('sociallyVulnerable', 'Almaty', 1))!.id);
    expect(updates.map((u) => ({ memberIin: u.memberIin, reason: u.reason, receivedAt: u.receivedAt, recordedAt: u.recordedAt, changes: u.changes }))).to.deep.equal([
      {
        memberIin: '261201500010',
        reason: 'A child was born',
        receivedAt: '2027-01-05T13:30:00.000Z',
        recordedAt: '2027-01-06T05:00:00.000Z',
        changes: { text: 'Family: a son, born 01.12.2026, IIN 261201500010', supportingDocument: 'Birth certificate No. 0123456 of 01.12.2026', grounds: 'smsRequest', groundsOn: '2026-12-10', filedInTime: true },
      },
    ]);
  });

  it('finds the family by the IIN alone, and records an update filed a minute after the term as late', async () => {
    const id = await file('2027-01-05T13:31:00Z', { grounds: 'change' });
    const filed = await details(id);
    expect(filed.variables).to.deep.include({ updateDueAt: '2027-01-05T13:30:00.000Z', filedInTime: false });
    expect(filed.variables.queueEntry.number).to.equal(1);
    const [task] = (await t.api.get('/api/tasks').query({ instance: id })).body;
    await t.api.post(`/api/tasks/${task.id}/complete`).send({ variables: { changesRecorded: 'Address corrected', documentsChecked: true } }).expect(200);
    await t.qyzmet.jobs.runDue();
    expect((await details(id)).status).to.equal('completed');
    const [update] = await t.qyzmet.store.queues.updatesOf(filed.variables.queueEntry.id);
    expect(update!.changes).to.deep.include({ filedInTime: false, grounds: 'change' });
  });

  it('ends at once, recording nothing, for a family not on the list or a number that is not the applicant\'s', async () => {
    for (const fields of [{ iin: stranger }, { queueList: 'sociallyVulnerable', locality: 'Almaty', queueNumber: 2 }, { queueList: 'publicSector' }]) {
      const id = await file('2026-12-14T05:00:00Z', fields);
      const ended = await details(id);
      expect(ended.status, JSON.stringify(fields)).to.equal('completed');
      expect(ended.tasks, JSON.stringify(fields)).to.deep.equal([]);
      expect(ended.history.filter((h: { type: string }) => h.type === 'activity.entered').map((h: { elementId: string }) => h.elementId), JSON.stringify(fields)).to.deep.equal(['updateFiled', 'findEntry', 'entryNotFound', 'notOnList']);
      expect(ended.variables).to.not.have.property('queueEntry');
    }
    for (const number of [1, 2]) expect((await t.qyzmet.store.queues.find('sociallyVulnerable', 'Almaty', number))!.updatedAt).to.equal(null);
  });

  it('refuses at the start, naming the field, an application without its consents or with a number but no list', async () => {
    const missing = await t.api.post('/api/definitions/waiting-list-update/instances').send({ variables: application({ secretDataConsent: undefined, queueNumber: 1 }) });
    expect(missing.status).to.equal(400);
    expect(JSON.stringify(missing.body)).to.include('secretDataConsent').and.include('queueList');
  });
});
