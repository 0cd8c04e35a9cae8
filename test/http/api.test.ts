import { expect } from 'chai';
import { BpmnError } from '../../src/engine/index.js';
import { fixture, testQyzmet, type TestQyzmet } from '../support/app.js';
import { application } from '../support/cases.js';
import { databaseTargets } from '../support/databases.js';

const DAY = 86_400_000;

for (const database of databaseTargets()) describe(`REST API on the durable runtime (${database.name})`, () => {
  let t: TestQyzmet;
  after(() => database.stop());
  let flaky: { failuresLeft: number; calls: number; notFound: boolean };

  beforeEach(async () => {
    flaky = { failuresLeft: 0, calls: 0, notFound: false };
    t = await testQyzmet({
      databaseUrl: await database.fresh(),
      // Every step recovers from the table, as after a restart; constructs.test.ts also runs with live engines.
      liveEngines: 0,
      services: {
        'test.lookup': async ({ businessKey }) => ({ score: 42, applicant: businessKey }),
        'test.flaky': async ({ attempt }) => {
          flaky.calls++;
          if (flaky.notFound) throw new BpmnError('not-found', 'no such person');
          if (flaky.failuresLeft-- > 0) throw new Error(`registry unavailable (attempt ${attempt})`);
          return { person: 'found' };
        },
      },
    });
  });
  afterEach(() => t.close());

  async function startReview(businessKey: string, variables: Record<string, unknown> = {}) {
    const res = await t.api.post('/api/definitions/review/instances').send({ businessKey, variables });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    await t.qyzmet.jobs.runDue();
    return res.body as { id: string; definitionVersion: number };
  }

  async function openTask(instanceId: string) {
    const res = await t.api.get('/api/tasks').query({ instance: instanceId });
    expect(res.status).to.equal(200);
    return res.body as { id: string; elementId: string; candidateGroups: string[]; dueAt: string; formKey: string }[];
  }

  it('runs a case from start through a service task and a user task to its end, with full history', async () => {
    await t.deploy(fixture('review.bpmn'));
    const started = await startReview('APP-1', { approved: false });
    const [task] = await openTask(started.id);
    expect(task).to.include({ elementId: 'decide', formKey: 'decision', dueAt: '2026-03-04T04:00:00.000Z' });
    expect(task!.candidateGroups).to.deep.equal(['clerks', 'heads']);

    const inbox = await t.api.get('/api/tasks').query({ candidateGroup: 'heads' });
    expect(inbox.body.map((x: { id: string }) => x.id)).to.deep.equal([task!.id]);

    const head = await t.as('head');
    expect((await head.post(`/api/tasks/${task!.id}/claim`).send({})).body.assignee).to.equal('head');
    // Claimed by the head: nobody else completes it, not even an admin, until it is given back or reassigned.
    expect((await t.api.post(`/api/tasks/${task!.id}/complete`).send({ variables: { approved: true } })).status).to.equal(403);

    const done = await head.post(`/api/tasks/${task!.id}/complete`).send({ variables: { approved: true } });
    expect(done.status, JSON.stringify(done.body)).to.equal(200);
    expect(done.body.status).to.equal('completed');
    expect(done.body.variables).to.deep.equal({ approved: true, score: 42, applicant: 'APP-1' });

    const details = (await t.api.get(`/api/instances/${started.id}`)).body;
    const trail = details.history.map((h: { type: string; elementId: string | null }) => `${h.type}${h.elementId ? ` ${h.elementId}` : ''}`);
    for (const step of ['instance.started', 'activity.entered lookup', 'service.completed lookup', 'task.created decide', 'task.claimed decide', 'task.completed decide', 'activity.entered approved', 'instance.ended']) {
      expect(trail).to.include(step);
    }
    expect(trail).not.to.include('activity.entered refused');
    expect(details.history.find((h: { type: string }) => h.type === 'task.completed').actor).to.equal('head');
    expect(details.jobs.find((j: { elementId: string }) => j.elementId === 'late').status).to.equal('canceled');
  });

  it('validates a task form: each invalid field named, read-only data not accepted, nothing advanced', async () => {
    await t.deploy(fixture('review.bpmn'));
    const started = await startReview('FORM-1');
    const [task] = await openTask(started.id);
    const form = (await t.api.get(`/api/tasks/${task!.id}/form`)).body;
    expect(form.key).to.equal('decision');
    expect(form.ui.fields.reason.label).to.deep.equal({ kk: 'Себебі', ru: 'Причина', en: 'Reason' });
    expect(form.data).to.deep.equal({ applicant: 'FORM-1' });

    const complete = (variables: Record<string, unknown>) => t.api.post(`/api/tasks/${task!.id}/complete`).send({ variables });
    const bad = await complete({ approved: false, reason: 'short', color: 'red' });
    expect(bad.status).to.equal(400);
    expect(bad.body.details.fields).to.deep.equal([
      { field: 'variables', message: 'has an unknown field "color"' },
      { field: 'variables.reason', message: 'must NOT have fewer than 10 characters' },
    ]);
    expect((await complete({ approved: false })).body.details.fields).to.deep.equal([{ field: 'variables.reason', message: 'is required' }]);
    expect((await complete({ approved: true, applicant: 'someone else' })).body.details.fields).to.deep.equal([{ field: 'variables.applicant', message: 'is read-only: the state systems supply it' }]);
    expect((await openTask(started.id)).map((x) => x.id)).to.deep.equal([task!.id]);

    const done = await complete({ approved: false, reason: 'income above the threshold' });
    expect(done.status).to.equal(200);
    expect(done.body.variables).to.include({ approved: false, reason: 'income above the threshold', applicant: 'FORM-1' });
  });

  it('fires a P30D boundary timer exactly once when the clock passes it, and not a minute before', async () => {
    await t.deploy(fixture('review.bpmn'));
    const started = await startReview('APP-2');
    const due = new Date(Date.parse('2026-03-02T04:00:00Z') + 30 * DAY);

    await t.api.post('/api/clock').send({ now: new Date(due.getTime() - 60_000).toISOString() }).expect(200);
    expect((await t.api.get(`/api/instances/${started.id}`)).body.status).to.equal('running');

    await t.api.post('/api/clock').send({ now: new Date(due.getTime() + DAY).toISOString() }).expect(200);
    await t.api.post('/api/clock').send({ now: new Date(due.getTime() + 2 * DAY).toISOString() }).expect(200);
    const details = (await t.api.get(`/api/instances/${started.id}`)).body;
    expect(details.status).to.equal('completed');
    expect(details.history.filter((h: { type: string }) => h.type === 'timer.fired')).to.have.length(1);
    expect(details.history.map((h: { type: string; elementId: string }) => `${h.type} ${h.elementId}`)).to.include('activity.entered escalated');
    expect(details.tasks[0].status).to.equal('canceled');
    expect(details.jobs.find((j: { elementId: string }) => j.elementId === 'late').status).to.equal('done');
  });

  it('does not fire an overdue timer behind the job executor when a task is completed first', async () => {
    await t.deploy(fixture('review.bpmn'));
    const started = await startReview('LATE-BUT-DONE');
    t.clock.set(new Date(Date.parse('2026-03-02T04:00:00Z') + 31 * DAY)); // due, but no executor pass yet
    const [task] = await openTask(started.id);
    const done = await t.api.post(`/api/tasks/${task!.id}/complete`).send({ variables: { approved: true } });
    expect(done.body.status).to.equal('completed');
    await t.qyzmet.jobs.runDue();
    const details = (await t.api.get(`/api/instances/${started.id}`)).body;
    expect(details.history.filter((h: { type: string }) => h.type === 'timer.fired')).to.have.length(0);
    expect(details.history.map((h: { type: string; elementId: string }) => `${h.type} ${h.elementId}`)).to.include('activity.entered approved');
    expect(details.jobs.find((j: { elementId: string }) => j.elementId === 'late').status).to.equal('canceled');
  });

  it('keeps v1 instances on v1 after v2 is deployed; identical XML creates no version', async () => {
    const [v1] = await t.deploy(fixture('review.bpmn'));
    const [again] = await t.deploy(fixture('review.bpmn'));
    expect(again).to.include({ id: v1!.id, version: 1, created: false });

    const old = await startReview('OLD');
    const [v2] = await t.deploy(fixture('review-v2.bpmn'));
    expect(v2).to.include({ version: 2, created: true });
    const fresh = await startReview('NEW');
    expect(old.definitionVersion).to.equal(1);
    expect(fresh.definitionVersion).to.equal(2);

    // The v1 case still has the v1 30-day timer, the v2 case the 20-day one.
    const jobsOf = async (id: string) => (await t.api.get(`/api/instances/${id}`)).body.jobs.find((j: { elementId: string }) => j.elementId === 'late').dueAt;
    expect(await jobsOf(old.id)).to.equal('2026-04-01T04:00:00.000Z');
    expect(await jobsOf(fresh.id)).to.equal('2026-03-22T04:00:00.000Z');

    const [oldTask] = await openTask(old.id);
    const done = await t.api.post(`/api/tasks/${oldTask!.id}/complete`).send({ variables: { approved: false, reason: 'not eligible under v1' } });
    expect(done.body).to.include({ status: 'completed', definitionVersion: 1 });
    const listing = (await t.api.get('/api/definitions/review')).body;
    expect(listing.versions.map((v: { version: number }) => v.version)).to.deep.equal([1, 2]);
  });

  it('starts new instances on the latest version whose effectiveFrom has come', async () => {
    await t.deploy(fixture('review.bpmn'));
    await t.deploy(fixture('review-v2.bpmn'), { effectiveFrom: '2026-04-01' });
    expect((await startReview('BEFORE')).definitionVersion).to.equal(1);
    await t.api.post('/api/clock').send({ now: '2026-03-31T19:00:00Z' }).expect(200); // midnight in Almaty
    expect((await startReview('AFTER')).definitionVersion).to.equal(2);
  });

  it('lets exactly one of two concurrent completions of a task win; the other gets 409', async () => {
    await t.deploy(fixture('review.bpmn'));
    const started = await startReview('RACE');
    const [task] = await openTask(started.id);
    const [a, b] = await Promise.all([
      t.api.post(`/api/tasks/${task!.id}/complete`).send({ variables: { approved: true } }),
      t.api.post(`/api/tasks/${task!.id}/complete`).send({ variables: { approved: false, reason: 'the second clerk disagrees' } }),
    ]);
    expect([a.status, b.status].sort()).to.deep.equal([200, 409]);
    const details = (await t.api.get(`/api/instances/${started.id}`)).body;
    expect(details.history.filter((h: { type: string }) => h.type === 'task.completed')).to.have.length(1);
    expect(details.history.filter((h: { type: string }) => h.type === 'instance.ended')).to.have.length(1);
    const winner = a.status === 200 ? a : b;
    expect(details.variables.approved).to.equal(winner.body.variables.approved);
  });

  it('rejects bad input with a message naming the problem and stores nothing', async () => {
    await t.deploy(fixture('review.bpmn'));
    const started = await startReview('BAD');
    const before = await t.qyzmet.store.counts();

    const malformed = await t.api.post('/api/deployments').send({ name: 'x', xml: '<definitions><process id="p"' });
    expect(malformed.status).to.equal(400);
    expect(malformed.body.error).to.match(/not BPMN 2.0 XML/);

    const unresolved = await t.api.post('/api/deployments').send({ name: 'x', xml: fixture('review.bpmn').replace('targetRef="gw"', 'targetRef="nowhere"') });
    expect(unresolved.status).to.equal(400);
    expect(unresolved.body.details.problems[0]).to.include({ elementId: 'f3' });
    expect(unresolved.body.details.problems[0].line).to.be.a('number');

    const unknownTopic = await t.api.post('/api/deployments').send({ name: 'x', xml: fixture('review.bpmn').replace('test.lookup', 'no.such.topic') });
    expect(unknownTopic.status).to.equal(400);
    expect(unknownTopic.body.details.problems[0]).to.include({ elementId: 'lookup' });
    expect(unknownTopic.body.error).to.match(/no\.such\.topic/);

    const notExecutable = await t.api.post('/api/deployments').send({ name: 'x', xml: fixture('review.bpmn').replace('isExecutable="true"', 'isExecutable="false"') });
    expect(notExecutable.status).to.equal(400);
    expect(notExecutable.body.error).to.match(/no executable process/);

    const badCondition = await t.api.post('/api/deployments').send({ name: 'x', xml: fixture('review.bpmn').replace('${approved and score &gt; 10}', '${!approved}') });
    expect(badCondition.status).to.equal(400);
    expect(badCondition.body.details.problems[0]).to.include({ elementId: 'toApproved' });

    const missingField = await t.api.post('/api/deployments').send({ xml: fixture('review.bpmn') });
    expect(missingField.status).to.equal(400);
    expect(missingField.body.details.fields[0]).to.include({ field: 'name' });

    expect((await t.api.post('/api/definitions/nope/instances').send({})).status).to.equal(404);
    const badVars = await t.api.post('/api/definitions/review/instances').send({ variables: 'approved' });
    expect(badVars.status).to.equal(400);
    expect(badVars.body.details.fields[0].field).to.equal('variables');
    const reserved = await t.api.post('/api/definitions/review/instances').send({ variables: { content: 1 } });
    expect(reserved.status).to.equal(400);
    const nulInKey = await t.api.post('/api/definitions/review/instances').send({ businessKey: 'A\u0000B' });
    expect(nulInKey.status).to.equal(400);
    expect(nulInKey.body.details).to.deep.equal({ field: 'businessKey' });

    const [task] = await openTask(started.id);
    expect((await t.api.post(`/api/tasks/${task!.id}/complete`).send({ variables: [1, 2] })).status).to.equal(400);
    const unknownTask = await t.api.post('/api/tasks/no-such-task/complete').send({ variables: {} });
    expect(unknownTask.status).to.equal(404);
    expect(unknownTask.body.error).to.match(/no-such-task/);
    expect((await t.api.post('/api/messages').send({ name: 'nobody-waits', businessKey: 'X' })).status).to.equal(404);
    const badJson = await t.api.post('/api/deployments').set('content-type', 'application/json').send('{"name":');
    expect(badJson.status).to.equal(400);

    expect(await t.qyzmet.store.counts()).to.deep.equal(before);
  });

  describe('a start event with camunda:formKey, the application form of a case', () => {
    const withStartForm = (formKey: string, extra = '') => fixture('approval.bpmn').replace('<startEvent id="start"/>', `<startEvent id="start" camunda:formKey="${formKey}"/>${extra}`);
    const start = (variables: Record<string, unknown>) => t.api.post('/api/definitions/approval/instances').send({ businessKey: 'APPL-1', variables });

    it('checks the start variables against the form as a task completion is checked, each invalid field named, and stores nothing', async () => {
      await t.deploy(withStartForm('decision'));
      const before = await t.qyzmet.store.counts();
      const wrongType = await start({ approved: 'yes', reason: 'short', channel: 'portal' });
      expect(wrongType.status).to.equal(400);
      expect(wrongType.body.details.fields).to.deep.equal([
        { field: 'variables.approved', message: 'must be boolean' },
        { field: 'variables.reason', message: 'must NOT have fewer than 10 characters' },
      ]);
      const missing = await start({ channel: 'portal' });
      expect(missing.status).to.equal(400);
      expect(missing.body.details.fields).to.deep.equal([{ field: 'variables.approved', message: 'is required' }]);
      expect(await t.qyzmet.store.counts()).to.deep.equal(before);

      const started = await start({ approved: false, reason: 'income above the threshold', channel: 'portal' });
      expect(started.status, JSON.stringify(started.body)).to.equal(201);
      expect(started.body.variables).to.deep.equal({ approved: false, reason: 'income above the threshold', channel: 'portal' });
      expect((await openTask(started.body.id)).map((x) => x.elementId)).to.deep.equal(['review']);
    });

    it("refuses an application without the applicant's IIN, the read-only field the register lookup fills, naming variables.iin (a malformed one too); its register data are not asked for", async () => {
      await t.deploy(withStartForm('ha-application'));
      const { iin, ...withoutIin } = { ...application, iin: '840512310075' };
      const missing = await start({ ...withoutIin, channel: 'stateCorporation' });
      expect(missing.status).to.equal(400);
      expect(missing.body.details.fields).to.deep.equal([{ field: 'variables.iin', message: 'is required' }]);
      const malformed = await start({ ...withoutIin, iin: '84051231', channel: 'stateCorporation' });
      expect(malformed.status, JSON.stringify(malformed.body)).to.equal(400);
      expect(malformed.body.details.field).to.equal('variables.iin');
      const started = await start({ ...withoutIin, iin, channel: 'stateCorporation' });
      expect(started.status, JSON.stringify(started.body)).to.equal(201);
    });

    it('refuses at deploy a start form that names no form, an expression, or one that disagrees with applicationForm, naming the start event', async () => {
      const problemsOf = async (xml: string) => {
        const res = await t.api.post('/api/deployments').send({ name: 'x', xml });
        expect(res.status, JSON.stringify(res.body)).to.equal(400);
        return res.body.details.problems.map((p: { elementId: string; message: string }) => [p.elementId, p.message]);
      };
      const [unknown, ...others] = await problemsOf(withStartForm('embedded:app:forms/start.html'));
      expect(others).to.deep.equal([]);
      expect(unknown[0]).to.equal('start');
      expect(unknown[1]).to.match(/^camunda:formKey "embedded:app:forms\/start\.html" names no form in forms\/ \(known: .*\bdecision\b.*\)$/);
      expect(await problemsOf(withStartForm('${formOf(channel)}'))).to.deep.equal([
        ['start', 'camunda:formKey "${formOf(channel)}" of a start event names the application form and cannot be an expression: nothing is known yet to evaluate it with'],
      ]);
      const property = (form: string) => `<extensionElements><camunda:properties><camunda:property name="applicationForm" value="${form}"/></camunda:properties></extensionElements>`;
      const withBoth = (form: string) => withStartForm('decision').replace('<process id="approval" name="Approval" isExecutable="true">', `<process id="approval" name="Approval" isExecutable="true">${property(form)}`);
      expect(await problemsOf(withBoth('ha-application'))).to.deep.equal([
        ['start', 'camunda:formKey "decision" differs from the process\'s applicationForm "ha-application"; the application is checked against one form, so write one of them or make them equal'],
      ]);
      expect(await problemsOf(withStartForm('decision', '<startEvent id="byPost" camunda:formKey="ha-application"/>'))).to.deep.equal([
        ['byPost', 'camunda:formKey "ha-application" differs from "decision" of start event start; a case is checked against one application form'],
      ]);
      const inSubProcess = fixture('approval.bpmn').replace('<endEvent id="escalated"/>', '<endEvent id="escalated"/><subProcess id="inner"><startEvent id="innerStart" camunda:formKey="decision"/></subProcess>');
      expect(await problemsOf(inSubProcess)).to.deep.equal([
        ['innerStart', "camunda:formKey on the start event of sub-process inner has no effect: a case's application form belongs on the process's own start event"],
      ]);

      expect((await t.api.post('/api/deployments').send({ name: 'x', xml: withBoth('decision') })).status).to.equal(201);
      expect((await start({ approved: 'no' })).body.details.fields).to.deep.equal([{ field: 'variables.approved', message: 'must be boolean' }]);
    });
  });

  it('correlates a message by name and business key and branches on its variables', async () => {
    await t.deploy(fixture('message.bpmn'));
    const a = (await t.api.post('/api/definitions/payment/instances').send({ businessKey: 'PAY-1' })).body;
    const b = (await t.api.post('/api/definitions/payment/instances').send({ businessKey: 'PAY-2' })).body;
    expect(a.activities).to.have.length(1);
    expect(a.activities[0]).to.include({ elementId: 'waitPaid', kind: 'message', since: '2026-03-02T04:00:00.000Z' });

    const ambiguous = await t.api.post('/api/messages').send({ name: 'paid' });
    expect(ambiguous.status).to.equal(409);
    expect(ambiguous.body.details.instanceIds).to.have.members([a.id, b.id]);
    const res = await t.api.post('/api/messages').send({ name: 'paid', businessKey: 'PAY-2', variables: { amount: 5000 } });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body).to.include({ id: b.id, status: 'completed' });
    const trail = (await t.api.get(`/api/instances/${b.id}`)).body.history.map((h: { type: string; elementId: string }) => `${h.type} ${h.elementId}`);
    expect(trail).to.include('activity.entered large');
    expect((await t.api.get(`/api/instances/${a.id}`)).body.status).to.equal('running');
    const small = await t.api.post('/api/messages').send({ name: 'paid', businessKey: 'PAY-1', variables: { amount: 10 } });
    expect(small.body.status).to.equal('completed');
    expect((await t.api.post('/api/messages').send({ name: 'paid', businessKey: 'PAY-1' })).status).to.equal(404);
  });

  it('retries a failing service task with backoff, raises an incident, and continues once when retried', async () => {
    await t.deploy(fixture('retry.bpmn'));
    flaky.failuresLeft = 5;
    const started = (await t.api.post('/api/definitions/lookupCase/instances').send({ businessKey: 'R-1' })).body;
    await t.qyzmet.jobs.runDue();
    expect(flaky.calls).to.equal(1);

    // R3/PT1M: the second try comes a minute later, not sooner.
    await t.api.post('/api/clock').send({ now: '2026-03-02T04:00:59Z' }).expect(200);
    expect(flaky.calls).to.equal(1);
    await t.api.post('/api/clock').send({ now: '2026-03-02T04:01:00Z' }).expect(200);
    expect(flaky.calls).to.equal(2);
    await t.api.post('/api/clock').send({ now: '2026-03-02T04:02:00Z' }).expect(200);
    expect(flaky.calls).to.equal(3);

    const incidents = (await t.api.get('/api/incidents')).body;
    expect(incidents).to.have.length(1);
    expect(incidents[0]).to.include({ instanceId: started.id, elementId: 'lookup', status: 'open' });
    expect(incidents[0].message).to.match(/test\.flaky: registry unavailable \(attempt 3\)/);
    await t.api.post('/api/clock').send({ now: '2026-03-03T04:00:00Z' }).expect(200);
    expect(flaky.calls).to.equal(3);
    expect((await t.api.get(`/api/instances/${started.id}`)).body.status).to.equal('running');

    flaky.failuresLeft = 0;
    expect((await t.api.post(`/api/incidents/${incidents[0].id}/retry`)).status).to.equal(200);
    await t.qyzmet.jobs.runDue();
    const details = (await t.api.get(`/api/instances/${started.id}`)).body;
    expect(details.status).to.equal('completed');
    expect(details.variables.person).to.equal('found');
    expect(flaky.calls).to.equal(4);
    expect((await t.api.post(`/api/incidents/${incidents[0].id}/retry`)).status).to.equal(409);
    const types = details.history.map((h: { type: string }) => h.type);
    expect(types.filter((x: string) => x === 'incident.raised')).to.have.length(1);
    expect(types.filter((x: string) => x === 'incident.resolved')).to.have.length(1);
  });

  it('routes a BPMN error thrown by a handler to the error boundary instead of retrying', async () => {
    await t.deploy(fixture('retry.bpmn'));
    flaky.notFound = true;
    const started = (await t.api.post('/api/definitions/lookupCase/instances').send({ businessKey: 'R-2' })).body;
    await t.qyzmet.jobs.runDue();
    const details = (await t.api.get(`/api/instances/${started.id}`)).body;
    expect(details.status).to.equal('completed');
    expect(flaky.calls).to.equal(1);
    expect(details.history.map((h: { type: string; elementId: string }) => `${h.type} ${h.elementId}`)).to.include('activity.entered notFound');
  });

  it('cancels a running case: its tasks and timers end with it', async () => {
    await t.deploy(fixture('review.bpmn'));
    const started = await startReview('CANCEL');
    const res = await t.api.post(`/api/instances/${started.id}/cancel`);
    expect(res.body.status).to.equal('canceled');
    expect(await openTask(started.id)).to.deep.equal([]);
    await t.api.post('/api/clock').send({ now: '2026-06-01T00:00:00Z' }).expect(200);
    const details = (await t.api.get(`/api/instances/${started.id}`)).body;
    expect(details.history.filter((h: { type: string }) => h.type === 'timer.fired')).to.have.length(0);
    expect((await t.api.post(`/api/instances/${started.id}/cancel`)).status).to.equal(409);
  });

  it('serves its OpenAPI document and filters instances', async () => {
    const doc = (await t.api.get('/api/openapi.json')).body;
    expect(doc.openapi).to.match(/^3\./);
    expect(Object.keys(doc.paths)).to.include.members(['/api/deployments', '/api/tasks/{id}/complete', '/api/messages', '/api/incidents/{id}/retry', '/api/instances/{id}/variables']);
    await t.deploy(fixture('review.bpmn'));
    await startReview('K-1');
    await startReview('K-2');
    const list = (await t.api.get('/api/instances').query({ businessKey: 'K-2', status: 'running', definition: 'review' })).body;
    expect(list).to.have.length(1);
    expect(list[0].businessKey).to.equal('K-2');
    expect((await t.api.get('/api/instances').query({ status: 'sleeping' })).status).to.equal(400);
  });
});
