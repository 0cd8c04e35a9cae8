import { expect } from 'chai';
import { fixture, testQyzmet, type TestQyzmet } from '../support/app.js';
import { databaseTargets } from '../support/databases.js';

// The monitor's two reads: the case list with its filters and paging, and the dashboard's numbers.
for (const database of databaseTargets()) describe(`monitor: case list and dashboard numbers (${database.name})`, () => {
  let t: TestQyzmet;
  after(() => database.stop());
  beforeEach(async () => {
    t = await testQyzmet({
      databaseUrl: await database.fresh(),
      now: '2026-03-02T04:00:00Z', // Monday 2 March 2026, 09:00 in Almaty
      services: {
        'test.flaky': async () => {
          throw new Error('registry unavailable');
        },
      },
    });
    await t.deploy(fixture('deadlines.bpmn'));
    await t.deploy(fixture('retry.bpmn'));
  });
  afterEach(() => t.close());

  async function start(key: string, businessKey: string, extra: Record<string, unknown> = {}) {
    const res = await t.api.post(`/api/definitions/${key}/instances`).send({ businessKey, variables: {}, ...extra });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    await t.qyzmet.jobs.runDue();
    return res.body.id as string;
  }
  async function moveClock(now: string) {
    await t.api.post('/api/clock').send({ now }).expect(200);
  }
  async function completeReview(instanceId: string) {
    const [task] = (await t.api.get('/api/tasks').query({ instance: instanceId })).body;
    await t.api.post(`/api/tasks/${task.id}/complete`).send({ variables: {} }).expect(200);
  }
  const keys = (rows: { businessKey: string }[]) => rows.map((r) => r.businessKey);

  /** A on 2 March, finished on the 3rd; B on the 2nd and D on the 3rd still at review; C stuck on an incident; E of another provider. */
  async function scenario() {
    const a = await start('deadlines', 'A');
    await moveClock('2026-03-02T04:01:00Z');
    const b = await start('deadlines', 'B');
    await moveClock('2026-03-02T04:02:00Z');
    const c = await start('lookupCase', 'C');
    await moveClock('2026-03-02T04:10:00Z'); // C's three tries, a minute apart, are spent
    await moveClock('2026-03-03T04:00:00Z');
    const d = await start('deadlines', 'D');
    await moveClock('2026-03-03T04:01:00Z');
    const e = await start('deadlines', 'E', { provider: 'medeu' });
    await completeReview(a);
    return { a, b, c, d, e };
  }

  it('filters cases by version, overdue and open incidents, flags their incidents, and pages newest first', async () => {
    const { c } = await scenario();
    const all = await t.api.get('/api/instances').expect(200);
    expect(keys(all.body)).to.deep.equal(['E', 'D', 'C', 'B', 'A']);
    expect(all.headers['x-total-count']).to.equal('5');
    expect(all.body.map((r: { openIncidents: number }) => r.openIncidents)).to.deep.equal([0, 0, 1, 0, 0]);

    const page = await t.api.get('/api/instances').query({ limit: 2, offset: 2 }).expect(200);
    expect(keys(page.body)).to.deep.equal(['C', 'B']);
    expect(page.headers['x-total-count']).to.equal('5');
    // The same page by the cursor the page before it gave; a cursor with an offset is refused, naming after.
    const before = await t.api.get('/api/instances').query({ limit: 2 }).expect(200);
    const byCursor = await t.api.get('/api/instances').query({ limit: 2, after: before.headers['x-next-cursor'] }).expect(200);
    expect(keys(byCursor.body)).to.deep.equal(['C', 'B']);
    expect((await t.api.get('/api/instances').query({ limit: 2, offset: 2, after: before.headers['x-next-cursor'] }).expect(400)).body.error).to.match(/^after: /);

    const withIncident = await t.api.get('/api/instances').query({ incident: true }).expect(200);
    expect(withIncident.body.map((r: { id: string }) => r.id)).to.deep.equal([c]);
    expect(withIncident.headers['x-total-count']).to.equal('1');
    expect(keys((await t.api.get('/api/instances').query({ incident: false, definition: 'deadlines', status: 'running' })).body)).to.deep.equal(['E', 'D', 'B']);
    expect(keys((await t.api.get('/api/instances').query({ definition: 'deadlines', version: 1 })).body)).to.have.length(4);
    expect((await t.api.get('/api/instances').query({ definition: 'deadlines', version: 2 })).body).to.deep.equal([]);

    // 8 working days after 2 and 3 March have passed by the 20th: B, D and E are overdue, A finished in time.
    await moveClock('2026-03-20T04:00:00Z');
    expect(keys((await t.api.get('/api/instances').query({ definition: 'deadlines', overdue: true })).body)).to.deep.equal(['E', 'D', 'B']);
    const notOverdue = await t.api.get('/api/instances').query({ definition: 'deadlines', overdue: false, limit: 10 }).expect(200);
    expect(keys(notOverdue.body)).to.deep.equal(['A']);
    expect(notOverdue.headers['x-total-count']).to.equal('1');

    // The auditor sees its own provider's cases only, as everywhere.
    const auditor = await t.as('auditor');
    expect(keys((await auditor.get('/api/instances').query({ definition: 'deadlines' })).body)).to.deep.equal(['D', 'B', 'A']);
  });

  it('refuses a version without its definition and a page size out of range, naming the field', async () => {
    const version = await t.api.get('/api/instances').query({ version: 1 }).expect(400);
    expect(version.body.details.fields.map((f: { field: string }) => f.field)).to.deep.equal(['version']);
    const limit = await t.api.get('/api/instances').query({ limit: 0 }).expect(400);
    expect(limit.body.details.fields.map((f: { field: string }) => f.field)).to.deep.equal(['limit']);
  });

  it('counts running cases per process and per step, the overdue ones, and cases started and finished per Almaty day', async () => {
    await scenario();
    const stats = (await t.api.get('/api/stats').query({ from: '2026-03-01', to: '2026-03-04' }).expect(200)).body;
    expect(stats.byProcess).to.deep.equal([
      { definitionKey: 'deadlines', names: { kk: 'Terms in working time', ru: 'Terms in working time', en: 'Terms in working time' }, running: 3, overdue: 0 },
      { definitionKey: 'lookupCase', names: null, running: 1, overdue: 0 },
    ]);
    expect(stats.byStep).to.deep.equal([
      { definitionKey: 'deadlines', elementId: 'review', kind: 'userTask', name: 'Review completeness', names: { kk: 'Review completeness', ru: 'Review completeness', en: 'Review completeness' }, count: 3, overdue: 0 },
      { definitionKey: 'lookupCase', elementId: 'lookup', kind: 'service', name: null, names: null, count: 1, overdue: 0 },
    ]);
    expect(stats.perDay).to.deep.equal([
      { date: '2026-03-01', started: 0, finished: 0 },
      { date: '2026-03-02', started: 3, finished: 0 },
      { date: '2026-03-03', started: 2, finished: 1 },
      { date: '2026-03-04', started: 0, finished: 0 },
    ]);

    // On the 20th: every review is past its 2 working days, and each has a reminder for the head,
    // made when the clock got there (the boundary timers fired then), due 30 working minutes later.
    await moveClock('2026-03-20T04:00:00Z');
    const later = (await t.api.get('/api/stats').expect(200)).body;
    expect(later.byProcess).to.deep.equal([
      { definitionKey: 'deadlines', names: { kk: 'Terms in working time', ru: 'Terms in working time', en: 'Terms in working time' }, running: 3, overdue: 3 },
      { definitionKey: 'lookupCase', names: null, running: 1, overdue: 0 },
    ]);
    expect(later.byStep.map((s: { elementId: string; count: number; overdue: number }) => `${s.elementId} ${s.count} ${s.overdue}`)).to.deep.equal(['remind 3 0', 'review 3 3', 'lookup 1 0']);
    // Without from/to: the fortnight up to today in Almaty.
    expect(later.perDay.map((d: { date: string }) => d.date)).to.have.length(14);
    expect(later.perDay.at(-1).date).to.equal('2026-03-20');

    // The auditor's numbers are of its own provider: E (medeu) is not among them.
    const auditor = (await (await t.as('auditor')).get('/api/stats').query({ from: '2026-03-03', to: '2026-03-03' }).expect(200)).body;
    expect(auditor.byProcess[0]).to.deep.include({ definitionKey: 'deadlines', running: 2, overdue: 2 });
    expect(auditor.perDay).to.deep.equal([{ date: '2026-03-03', started: 1, finished: 1 }]);
  });

  it('refuses a reversed or over-long range, naming from', async () => {
    const reversed = await t.api.get('/api/stats').query({ from: '2026-03-05', to: '2026-03-01' }).expect(400);
    expect(reversed.body.details.fields[0].field).to.equal('from');
    const long = await t.api.get('/api/stats').query({ from: '2024-01-01', to: '2026-03-01' }).expect(400);
    expect(long.body.details.fields[0].field).to.equal('from');
    const bad = await t.api.get('/api/stats').query({ from: '1 March' }).expect(400);
    expect(bad.body.details.fields[0].field).to.equal('from');
  });

  it('gives the sequence flows a case took, not a flow whose ends it merely passed', async () => {
    // Two ways from the gateway to the same join: the case goes by the check, so "direct" — whose
    // source it left and whose target it entered — was never taken.
    await t.deploy(`<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="ways-defs" targetNamespace="https://qyzmet.kz/test">
  <process id="ways" name="Ways" isExecutable="true">
    <startEvent id="start"/>
    <sequenceFlow id="toSplit" sourceRef="start" targetRef="split"/>
    <exclusiveGateway id="split" default="direct"/>
    <sequenceFlow id="toCheck" sourceRef="split" targetRef="check"><conditionExpression xsi:type="tFormalExpression">\${needsCheck}</conditionExpression></sequenceFlow>
    <sequenceFlow id="direct" sourceRef="split" targetRef="join"/>
    <userTask id="check" name="Check"/>
    <sequenceFlow id="checked" sourceRef="check" targetRef="join"/>
    <exclusiveGateway id="join"/>
    <sequenceFlow id="toDone" sourceRef="join" targetRef="done"/>
    <userTask id="done" name="Done"/>
    <sequenceFlow id="toEnd" sourceRef="done" targetRef="end"/>
    <endEvent id="end"/>
  </process>
</definitions>`);
    const id = await start('ways', 'W-1', { variables: { needsCheck: true } });
    expect((await t.api.get(`/api/instances/${id}`).expect(200)).body.takenFlows).to.have.members(['toSplit', 'toCheck']);
    const [check] = (await t.api.get('/api/tasks').query({ instance: id })).body;
    await t.api.post(`/api/tasks/${check.id}/complete`).send({ variables: {} }).expect(200);
    const { body } = await t.api.get(`/api/instances/${id}`).expect(200);
    expect(body.takenFlows).to.have.members(['toSplit', 'toCheck', 'checked', 'toDone']);
    // Recorded on the source's leaving, so no history row of its own.
    expect(body.history.filter((h: { type: string }) => !['instance.started', 'activity.entered', 'activity.left', 'task.created', 'task.completed'].includes(h.type))).to.deep.equal([]);
    expect(body.history.find((h: { type: string; elementId: string }) => h.type === 'activity.left' && h.elementId === 'split').data).to.deep.equal({ taken: ['toCheck'] });
  });
});
