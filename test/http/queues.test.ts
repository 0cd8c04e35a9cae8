import { expect } from 'chai';
import { fixture, testQyzmet, type TestQyzmet } from '../support/app.js';
import { applicantIins } from '../support/iins.js';

describe('GET /api/queues/{list}: a waiting list in queue order', () => {
  let t: TestQyzmet;
  const iins = applicantIins(8);
  before(async () => {
    t = await testQyzmet({ now: '2026-12-07T04:00:00Z' });
    await t.deploy(fixture('queue.bpmn'));
    await t.api.post('/api/users').send({ username: 'medeu-executor', password: 'correct horse battery', displayName: 'Medeu', roles: ['executor'], provider: 'almaty-medeu' }).expect(201);
    const medeu = await t.as('medeu-executor', 'correct horse battery');
    // One at a time, so that the numbers follow the order of the cases.
    const plan: Array<[string, string, 'default' | 'medeu']> = [['Almaty', 'Есенова Мадина Бауыржановна', 'default'], ['Almaty', 'Смагулова Зарина Ерболовна', 'medeu'], ['Astana', 'Рахимова Салтанат', 'default'], ['Almaty', 'Жумабаев Ерлан', 'default'], ['Aktobe', 'Аманов Бауыржан', 'default']];
    for (const [i, [locality, applicant, provider]] of plan.entries()) {
      const agent = provider === 'medeu' ? medeu : t.api;
      await agent.post('/api/definitions/queueApproval/instances').send({ variables: { queueList: 'sociallyVulnerable', locality, iin: iins[i], applicant, proceed: true } }).expect(201);
      t.clock.set(new Date(Date.parse('2026-12-07T04:00:00Z') + (i + 1) * 3_600_000));
      await t.qyzmet.jobs.runDue();
    }
  });
  after(() => t.close());

  const rows = (body: { entries: Array<{ number: number; locality: string; applicant: { name: string; iin: string } }> }) => body.entries.map((e) => `${e.locality} ${e.number} ${e.applicant.name} ${e.applicant.iin}`);

  it('pages through every locality in order, the applicant masked, for an admin', async () => {
    const first = (await t.api.get('/api/queues/sociallyVulnerable').query({ limit: 2 }).expect(200)).body;
    expect(rows(first)).to.deep.equal([`Aktobe 1 Аманов Б. ********${iins[4]!.slice(8)}`, `Almaty 1 Есенова М. Б. ********${iins[0]!.slice(8)}`]);
    const second = (await t.api.get('/api/queues/sociallyVulnerable').query({ limit: 2, cursor: first.nextCursor }).expect(200)).body;
    expect(rows(second)).to.deep.equal([`Almaty 2 Смагулова З. Е. ********${iins[1]!.slice(8)}`, `Almaty 3 Жумабаев Е. ********${iins[3]!.slice(8)}`]);
    const third = (await t.api.get('/api/queues/sociallyVulnerable').query({ limit: 2, cursor: second.nextCursor }).expect(200)).body;
    expect(rows(third)).to.deep.equal([`Astana 1 Рахимова С. ********${iins[2]!.slice(8)}`]);
    expect(third.nextCursor).to.equal(null);
    expect(JSON.stringify([first, second, third])).to.not.include('Мадина').and.not.include(iins[0]);
  });

  it("shows one locality's list, and to staff of a provider only the families its cases registered", async () => {
    const almaty = (await (await t.as('auditor')).get('/api/queues/sociallyVulnerable').query({ locality: 'Almaty' }).expect(200)).body;
    expect(almaty.entries.map((e: { number: number }) => e.number)).to.deep.equal([1, 3]);
    const medeu = await t.as('medeu-executor', 'correct horse battery');
    expect((await medeu.get('/api/queues/sociallyVulnerable').query({ locality: 'Almaty' }).expect(200)).body.entries.map((e: { number: number }) => e.number)).to.deep.equal([2]);
    expect((await t.api.get('/api/queues/publicSector').expect(200)).body.entries).to.deep.equal([]);
  });

  it('answers 400 naming an unknown list or a cursor it did not give, and 403 to a role that does not keep the lists', async () => {
    const unknown = (await t.api.get('/api/queues/stateHousing').expect(400)).body;
    expect(unknown.error).to.equal('no waiting list "stateHousing": the lists are sociallyVulnerable, publicSector, emergencyHousing');
    expect((await t.api.get('/api/queues/sociallyVulnerable').query({ cursor: 'not-a-cursor' }).expect(400)).body.error).to.match(/cursor/);
    expect((await t.api.get('/api/queues/sociallyVulnerable').query({ limit: 0 }).expect(400)).body.error).to.match(/limit/);
    for (const role of ['operator', 'commission', 'analyst']) await (await t.as(role)).get('/api/queues/sociallyVulnerable').expect(403);
  });
});
