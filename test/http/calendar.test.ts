import { expect } from 'chai';
import { fixture, testQyzmet, type TestQyzmet } from '../support/app.js';
import { databaseTargets } from '../support/databases.js';

for (const database of databaseTargets()) describe(`calendar and statutory terms through the REST API (${database.name})`, () => {
  let t: TestQyzmet;
  after(() => database.stop());
  beforeEach(async () => {
    t = await testQyzmet({ databaseUrl: await database.fresh(), now: '2026-03-07T05:00:00Z' }); // Saturday 10:00 in Almaty
  });
  afterEach(() => t.close());

  const deadline = (query: Record<string, string | number>) => t.api.get('/api/calendar/deadline').query(query);
  const moveClock = (iso: string) => t.api.post('/api/clock').send({ now: iso }).expect(200);

  it('computes a deadline with the registration moment, in Almaty time', async () => {
    const res = await deadline({ start: '2026-03-07T10:00:00+05:00', amount: 2, unit: 'workingDays' });
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ registeredAt: '2026-03-10T09:00:00+05:00', dueAt: '2026-03-12T18:30:00+05:00' });
    const sc = await deadline({ start: '2026-11-27T18:25:00+05:00', amount: 20, unit: 'workingMinutes', schedule: 'stateCorporation' });
    expect(sc.body).to.deep.equal({ registeredAt: '2026-11-27T18:25:00+05:00', dueAt: '2026-11-27T18:45:00+05:00' });
  });

  it('answers 400 naming the field for an unknown unit, an absurd or negative count, or a malformed start', async () => {
    const fieldOf = async (query: Record<string, string | number>) => {
      const res = await deadline(query);
      expect(res.status, JSON.stringify(res.body)).to.equal(400);
      return res.body.details.field ?? res.body.details.fields[0].field;
    };
    expect(await fieldOf({ start: '2026-03-07T10:00:00+05:00', amount: 2, unit: 'fortnights' })).to.equal('unit');
    expect(await fieldOf({ start: '2026-03-07T10:00:00+05:00', amount: 1001, unit: 'calendarDays' })).to.equal('amount');
    expect(await fieldOf({ start: '2026-03-07T10:00:00+05:00', amount: -3, unit: 'workingDays' })).to.equal('amount');
    expect(await fieldOf({ start: 'next Tuesday', amount: 2, unit: 'workingDays' })).to.equal('start');
  });

  it('lists every date of a year with its kind and the holiday it belongs to', async () => {
    const res = await t.api.get('/api/calendar/2026');
    expect(res.body).to.have.length(365);
    const day = (date: string) => res.body.find((d: { date: string }) => d.date === date);
    expect(day('2026-03-25')).to.deep.equal({ date: '2026-03-25', kind: 'substitute', working: false, name: { kk: 'Наурыз мейрамы', ru: 'Наурыз мейрамы', en: 'Nauryz' } });
    expect(day('2026-03-26')).to.deep.equal({ date: '2026-03-26', kind: 'working', working: true });
    expect(day('2026-03-28')).to.deep.equal({ date: '2026-03-28', kind: 'weekend', working: false });
    expect((await t.api.get('/api/calendar/26')).status).to.equal(400);
  });

  it('records a decree, uses it for deadlines computed afterwards, and removes it', async () => {
    const start = { start: '2025-12-31T10:00:00+05:00', amount: 2, unit: 'workingDays' };
    expect((await deadline(start)).body.dueAt).to.equal('2026-01-06T18:30:00+05:00');

    const put = await t.api.put('/api/calendar/overrides/2026-01-03').send({ kind: 'workingDay', reason: 'Government decree: 3 January is a working day' });
    expect(put.status, JSON.stringify(put.body)).to.equal(200);
    expect(put.body).to.include({ date: '2026-01-03', kind: 'workingDay', updatedBy: 'admin' });
    expect((await t.api.get('/api/calendar/overrides')).body.map((o: { date: string }) => o.date)).to.deep.equal(['2026-01-03']);
    expect((await t.api.get('/api/calendar/2026')).body[2]).to.include({ date: '2026-01-03', kind: 'decreedWorkingDay', working: true });
    expect((await deadline(start)).body.dueAt).to.equal('2026-01-05T18:30:00+05:00');

    expect((await t.api.delete('/api/calendar/overrides/2026-01-03')).status).to.equal(204);
    expect((await deadline(start)).body.dueAt).to.equal('2026-01-06T18:30:00+05:00');
    expect((await t.api.delete('/api/calendar/overrides/2026-01-03')).status).to.equal(404);
  });

  it('refuses a decree on a malformed date, one that changes nothing, or one without a reason, and stores nothing', async () => {
    const before = await t.qyzmet.store.counts();
    const bad = await t.api.put('/api/calendar/overrides/2026-13-01').send({ kind: 'dayOff', reason: 'x' });
    expect(bad.status).to.equal(400);
    expect(bad.body.details).to.deep.equal({ field: 'date' });
    const idle = await t.api.put('/api/calendar/overrides/2026-03-11').send({ kind: 'workingDay', reason: 'x' });
    expect(idle.status).to.equal(400);
    expect(idle.body.error).to.match(/2026-03-11 is already a working day/);
    expect((await t.api.put('/api/calendar/overrides/2026-03-14').send({ kind: 'workingDay' })).status).to.equal(400);
    expect(await t.qyzmet.store.counts()).to.deep.equal(before);
  });

  describe('terms declared in a diagram', () => {
    beforeEach(() => t.deploy(fixture('deadlines.bpmn')));

    it('gives the case its statutory term and the task its due date, and fires a working-day timer at the computed instant, not a minute before', async () => {
      const started = await t.api.post('/api/definitions/deadlines/instances').send({ businessKey: 'HA-1' });
      expect(started.status, JSON.stringify(started.body)).to.equal(201);
      expect(started.body).to.include({ registeredAt: '2026-03-10T04:00:00.000Z', dueAt: '2026-03-20T13:30:00.000Z', overdue: false });
      expect(started.body.term).to.deep.equal({ amount: 8, unit: 'workingDays', schedule: 'provider' });

      const [review] = (await t.api.get('/api/tasks').query({ instance: started.body.id })).body;
      expect(review).to.include({ elementId: 'review', dueAt: '2026-03-12T13:30:00.000Z', overdue: false });
      const timer = (await t.api.get(`/api/instances/${started.body.id}`)).body.jobs.find((j: { elementId: string }) => j.elementId === 'reviewLate');
      expect(timer.dueAt).to.equal('2026-03-12T13:30:00.000Z');

      await moveClock('2026-03-12T13:29:00Z');
      expect((await t.api.get('/api/tasks').query({ instance: started.body.id })).body.map((x: { elementId: string }) => x.elementId)).to.deep.equal(['review']);
      expect((await t.api.get('/api/tasks').query({ overdue: true })).body).to.deep.equal([]);

      await moveClock('2026-03-12T13:30:00Z');
      const tasks = (await t.api.get('/api/tasks').query({ instance: started.body.id })).body;
      expect(tasks.map((x: { elementId: string }) => x.elementId)).to.deep.equal(['review', 'remind']);
      // Thursday 18:30 is closing time: 30 working minutes run from Friday 09:00.
      expect(tasks[1].dueAt).to.equal('2026-03-13T04:30:00.000Z');

      await moveClock('2026-03-12T13:31:00Z');
      const overdue = (await t.api.get('/api/tasks').query({ overdue: true })).body;
      expect(overdue.map((x: { elementId: string; overdue: boolean }) => `${x.elementId}:${x.overdue}`)).to.deep.equal(['review:true']);
      expect((await t.api.get('/api/tasks').query({ dueBefore: '2026-03-12T13:31:00Z' })).body).to.have.length(1);
      expect((await t.api.get('/api/tasks').query({ dueBefore: '2026-03-12T13:30:00Z' })).body).to.have.length(0);

      expect((await t.api.get('/api/instances').query({ overdue: true })).body).to.deep.equal([]);
      await moveClock('2026-03-20T13:31:00Z');
      const late = (await t.api.get('/api/instances').query({ overdue: true })).body;
      expect(late.map((i: { businessKey: string; overdue: boolean }) => `${i.businessKey}:${i.overdue}`)).to.deep.equal(['HA-1:true']);
      expect((await t.api.get(`/api/instances/${started.body.id}`)).body.overdue).to.equal(true);
    });

    it('computes due dates with the decrees in force when the task starts', async () => {
      await t.api.put('/api/calendar/overrides/2026-03-11').send({ kind: 'dayOff', reason: 'moved from Saturday 14 March' }).expect(200);
      const started = await t.api.post('/api/definitions/deadlines/instances').send({ businessKey: 'HA-2' });
      const [review] = (await t.api.get('/api/tasks').query({ instance: started.body.id })).body;
      expect(review.dueAt).to.equal('2026-03-13T13:30:00.000Z');
    });
  });

  it('refuses diagrams whose terms are misspelt, absurd, repeated or not terms, naming the element', async () => {
    const xml = fixture('deadlines.bpmn');
    const problems = async (changed: string) => {
      const res = await t.api.post('/api/deployments').send({ name: 'bad', xml: changed });
      expect(res.status, JSON.stringify(res.body)).to.equal(400);
      return res.body.details.problems as { elementId: string; message: string }[];
    };
    const [misspelt] = await problems(xml.replace('<timeDuration>${workingDays(2)}', '<timeDuration>${workingDayz(2)}'));
    expect(misspelt).to.include({ elementId: 'reviewLate' });
    expect(misspelt!.message).to.match(/"workingDayz" is not a function; statutory terms are workingDays\(n\), calendarDays\(n\)/);

    const [absurd] = await problems(xml.replace('camunda:dueDate="${workingDays(2)}"', 'camunda:dueDate="${workingDays(1001)}"'));
    expect(absurd).to.include({ elementId: 'review' });
    expect(absurd!.message).to.match(/amount 1001 must be a whole number of workingDays from 1 to 1000/);

    const [cycle] = await problems(xml.replace('<timeDuration>${workingDays(2)}</timeDuration>', '<timeCycle>${workingDays(2)}</timeCycle>'));
    expect(cycle).to.include({ elementId: 'reviewLate', message: 'timeCycle: a statutory term cannot repeat; use timeDuration' });

    const [notTerm] = await problems(xml.replace('value="${workingDays(8)}"', 'value="8 days"'));
    expect(notTerm).to.include({ elementId: 'deadlines', message: 'statutoryTerm "8 days" must be a term such as ${workingDays(8)}' });
    expect((await t.api.get('/api/definitions')).body).to.deep.equal([]);
  });
});
