import { expect } from 'chai';
import type { ServiceInput } from '../../src/engine/index.js';
import { fixture, testQyzmet, type TestQyzmet } from '../support/app.js';

const DAY = 86_400_000;
const start = Date.parse('2026-03-02T04:00:00Z');

interface Task {
  id: string;
  elementId: string;
  assignee: string | null;
  candidateGroups: string[];
  status: string;
}

/**
 * Camunda 7 input/output mappings (`camunda:inputOutput`) driven through the REST API: the
 * inputs are the activity's local variables while it runs — for its attributes, its form, its
 * service handler, and everything inside a sub-process — and only the outputs reach the case.
 * Once recovering every step from the table, once going on with the engine of the previous step.
 */
for (const liveEngines of [0, 32]) describe(`camunda:inputOutput on the durable runtime (${liveEngines ? 'live engines kept' : 'every step recovered'})`, () => {
  let t: TestQyzmet;
  let handled: Pick<ServiceInput, 'elementId' | 'variables'>[];

  beforeEach(async () => {
    handled = [];
    t = await testQyzmet({
      liveEngines,
      services: {
        'test.record': async ({ elementId, variables }) => {
          handled.push({ elementId, variables });
          return elementId === 'lookup' ? { found: true } : {};
        },
      },
    });
    await t.deploy(fixture('input-output.bpmn'));
  });
  afterEach(() => t.close());

  async function startCase(key: string, variables: Record<string, unknown>) {
    const res = await t.api.post(`/api/definitions/${key}/instances`).send({ businessKey: `${key}-1`, variables });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body as { id: string; variables: Record<string, unknown> };
  }
  const details = async (id: string) => (await t.api.get(`/api/instances/${id}`)).body;
  const openTasks = async (instanceId: string): Promise<Task[]> => (await t.api.get('/api/tasks').query({ instance: instanceId })).body;
  async function complete(task: Task, variables: Record<string, unknown> = {}) {
    // A task the diagram assigns by name is completed by that person.
    const res = await (await t.worker(task)).post(`/api/tasks/${task.id}/complete`).send({ variables });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return res.body as { status: string; variables: Record<string, unknown> };
  }
  async function onlyTask(instanceId: string, elementId: string) {
    const tasks = await openTasks(instanceId);
    expect(tasks.map((x) => x.elementId)).to.deep.equal([elementId]);
    return tasks[0]!;
  }
  const runJobs = () => t.api.post('/api/clock').send({ now: t.clock.now().toISOString() }).expect(200);

  describe('on a user task', () => {
    const startVariables = { amount: 21, name: 'Aigerim', channel: 'portal' };

    it('gives the task its inputs — literal text, FEEL from the process variables, lists, maps, null — for its attributes and its form', async () => {
      const { id, variables } = await startCase('io-task', startVariables);
      expect(variables).to.deep.equal(startVariables);
      const review = await onlyTask(id, 'review');
      expect(review.assignee).to.equal('aigerim');
      expect(review.candidateGroups).to.deep.equal(['reviewers-portal']);
      const form = (await t.api.get(`/api/tasks/${review.id}/form`)).body;
      expect(form.data).to.deep.equal({ applicant: 'Aigerim' });
      // The form's read-only field comes from the local input, and is still not the clerk's to send.
      const readOnly = await (await t.worker(review)).post(`/api/tasks/${review.id}/complete`).send({ variables: { approved: true, applicant: 'Someone' } });
      expect(readOnly.status).to.equal(400);
      expect(readOnly.body.details.fields).to.deep.equal([{ field: 'variables.applicant', message: 'is read-only: the state systems supply it' }]);
      expect((await details(id)).variables).to.deep.equal(startVariables);
    });

    it('copies only the outputs to the process when the task completes; the inputs stay behind', async () => {
      const { id } = await startCase('io-task', startVariables);
      const done = await complete(await onlyTask(id, 'review'), { approved: true });
      expect(done.variables).to.deep.equal({
        ...startVariables,
        approved: true,
        decision: 'approved by aigerim',
        maxAmount: 42,
        channelList: ['portal', 'portal', [21]],
        contactCard: { name: 'Aigerim', office: 'Almaty', phones: ['+7 727 000'] },
        noteWasNull: true,
      });
      const archive = await onlyTask(id, 'archive');
      expect(archive.assignee).to.equal(null);
      expect((await complete(archive)).status).to.equal('completed');
    });

    it('lets a completion change an input for the outputs without it reaching the process, and shadows a process variable of the same name', async () => {
      const { id } = await startCase('io-task', { ...startVariables, reviewer: 'process-level' });
      expect((await onlyTask(id, 'review')).assignee).to.equal('aigerim');
      const done = await complete(await onlyTask(id, 'review'), { approved: false, reason: 'income above the threshold' });
      expect(done.variables).to.include({ reviewer: 'process-level', approved: false, decision: 'refused by aigerim: income above the threshold' });
      expect(done.variables).to.not.have.property('reason');
      expect((await onlyTask(id, 'archive')).assignee).to.equal('process-level');
    });

    it('maps nothing back when a boundary timer interrupts the task, and its locals are gone', async () => {
      const { id } = await startCase('io-task', startVariables);
      await t.api.post('/api/clock').send({ now: new Date(start + 2 * DAY).toISOString() }).expect(200);
      const escalate = await onlyTask(id, 'escalate');
      expect(escalate.assignee).to.equal(null);
      const after = await details(id);
      expect(after.variables).to.deep.equal(startVariables);
      expect(after.tasks.map((x: Task) => [x.elementId, x.status])).to.have.deep.members([
        ['review', 'canceled'],
        ['escalate', 'open'],
      ]);
    });
  });

  describe('on sub-processes', () => {
    it('gives every element inside its inputs, two levels deep, an inner input shadowing an outer one; what is set inside reaches the process; only outputs leave', async () => {
      const { id } = await startCase('io-sub', { department: 'd1' });
      const inspect = await onlyTask(id, 'inspect');
      expect(inspect.candidateGroups).to.deep.equal(['unit-d1']);
      await complete(inspect, { verdict: 'fine' });
      await runJobs();
      expect(handled).to.deep.equal([{ elementId: 'notify', variables: { department: 'd1', verdict: 'fine', unit: 'unit-d1' } }]);

      const hear = await onlyTask(id, 'hear');
      expect(hear.candidateGroups).to.deep.equal(['unit-d1/appeals']);
      const afterHearing = await complete(hear, { heard: true });
      expect(afterHearing.variables).to.deep.equal({ department: 'd1', verdict: 'fine', heard: true, appealedTo: 'unit-d1/appeals' });

      const confirm = await onlyTask(id, 'confirm');
      expect(confirm.candidateGroups).to.deep.equal(['unit-d1']);
      const afterExamination = await complete(confirm);
      expect(afterExamination.variables).to.deep.equal({ department: 'd1', verdict: 'fine', heard: true, appealedTo: 'unit-d1/appeals', result: 'unit-d1: fine' });
      expect((await onlyTask(id, 'close')).candidateGroups).to.deep.equal(['clerks']);
    });

    it('without mappings, passes what a task inside sets to the process', async () => {
      const { id } = await startCase('plain-sub', { caseType: 'housing' });
      const done = await complete(await onlyTask(id, 'fill'), { filledBy: 'bolat' });
      expect(done.variables).to.deep.equal({ caseType: 'housing', filledBy: 'bolat' });
      expect((await onlyTask(id, 'check')).assignee).to.equal('bolat');
    });
  });

  it('on a script task, gives the script its inputs, and keeps what it sets otherwise', async () => {
    const { id } = await startCase('io-script', { income: 1000 });
    const after = await details(id);
    expect(after.status).to.equal('completed');
    expect(after.variables).to.deep.equal({ income: 1000, benefit: 100, rateUsed: 0.1 });
  });

  it('on a service task, gives the handler the inputs, and maps its answer back through the outputs', async () => {
    const { id } = await startCase('io-service', { applicantIin: '840512310075' });
    await runJobs();
    expect(handled).to.deep.equal([{ elementId: 'lookup', variables: { applicantIin: '840512310075', purpose: 'housing', subject: '840512310075' } }]);
    const after = await details(id);
    expect(after.variables).to.deep.equal({ applicantIin: '840512310075', found: true, registered: true });
    expect((await onlyTask(id, 'decide')).candidateGroups).to.deep.equal(['clerks']);
  });
});

describe('camunda:inputOutput that Qyzmet refuses at deploy', () => {
  let t: TestQyzmet;
  beforeEach(async () => {
    t = await testQyzmet({ services: { 'test.record': async () => ({}) } });
  });
  afterEach(() => t.close());

  async function problemsOf(xml: string) {
    const res = await t.api.post('/api/deployments').send({ name: 'io', xml });
    expect(res.status, JSON.stringify(res.body)).to.equal(400);
    return (res.body.details.problems as { elementId: string; message: string; line: number }[]).map((p) => {
      expect(p.line, p.message).to.be.a('number');
      return [p.elementId, p.message];
    });
  }
  const io = (body: string) => `<extensionElements><camunda:inputOutput>${body}</camunda:inputOutput></extensionElements>`;
  const onTask = (body: string, attrs = '') => fixture('input-output.bpmn').replace('<userTask id="archive" ', `<userTask id="archive" ${attrs}`).replace('camunda:candidateGroups="archivists"/>', `camunda:candidateGroups="archivists">${io(body)}</userTask>`);

  it('on an element that runs no scope: a gateway, an event', async () => {
    const gateway = fixture('input-output.bpmn').replace('<sequenceFlow id="t3" sourceRef="archive" targetRef="t-end"/>', `<sequenceFlow id="t3" sourceRef="archive" targetRef="gw"/><exclusiveGateway id="gw">${io('<camunda:outputParameter name="x">1</camunda:outputParameter>')}</exclusiveGateway><sequenceFlow id="t3b" sourceRef="gw" targetRef="t-end"/>`);
    expect(await problemsOf(gateway)).to.deep.equal([['gw', 'camunda:inputOutput is not supported on ExclusiveGateway: mappings apply to tasks, sub-processes and call activities']]);
    const event = fixture('input-output.bpmn').replace('<endEvent id="t-end"/>', `<endEvent id="t-end">${io('<camunda:inputParameter name="x">1</camunda:inputParameter>')}</endEvent>`);
    expect(await problemsOf(event)).to.deep.equal([['t-end', 'camunda:inputOutput is not supported on EndEvent: mappings apply to tasks, sub-processes and call activities']]);
  });

  it('accepts an input that is one FEEL context or list of contexts, braces and all, and still refuses a broken one', async () => {
    const context = onTask('<camunda:inputParameter name="names">${{kk: "Өтініш", ru: "Заявление"}}</camunda:inputParameter><camunda:inputParameter name="family">${for m in [1, 2] return {n: m}}</camunda:inputParameter>');
    const res = await t.api.post('/api/deployments').send({ name: 'io', xml: context });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const [[elementId, broken]] = await problemsOf(onTask('<camunda:inputParameter name="names">${{kk: "Өтініш", ru: }}</camunda:inputParameter>'));
    expect(elementId).to.equal('archive');
    expect(broken).to.match(/^camunda:inputParameter "names": .*not a valid FEEL expression/);
  });

  it('with a value Qyzmet cannot evaluate: a script, a JUEL expression, a nameless or misnamed parameter, a map entry without a key', async () => {
    expect(await problemsOf(onTask('<camunda:inputParameter name="x"><camunda:script scriptFormat="groovy">1 + 1</camunda:script></camunda:inputParameter>'))).to.deep.equal([
      ['archive', 'camunda:inputParameter "x": camunda:script is not supported; write the value as text or ${FEEL}'],
    ]);
    const [[elementId, juel]] = await problemsOf(onTask('<camunda:outputParameter name="ok">${!approved}</camunda:outputParameter>'));
    expect(elementId).to.equal('archive');
    expect(juel).to.match(/^camunda:outputParameter "ok": .*this looks like JUEL, FEEL writes not\(x\), a = b, and, or$/);
    expect(await problemsOf(onTask('<camunda:inputParameter>1</camunda:inputParameter><camunda:inputParameter name="my var">1</camunda:inputParameter>'))).to.deep.equal([
      ['archive', 'camunda:inputParameter needs a name'],
      ['archive', 'camunda:inputParameter name "my var": variable names are letters, digits and _'],
    ]);
    expect(await problemsOf(onTask('<camunda:inputParameter name="m"><camunda:map><camunda:entry>1</camunda:entry></camunda:map></camunda:inputParameter>'))).to.deep.equal([
      ['archive', 'camunda:inputParameter "m": a camunda:entry needs a key'],
    ]);
  });

  it('on a multi-instance activity: outputs as Camunda 7 does, inputs not yet', async () => {
    const mi = (body: string) =>
      onTask(body).replace('</extensionElements></userTask>', '</extensionElements><multiInstanceLoopCharacteristics camunda:collection="${members}" camunda:elementVariable="member"/></userTask>');
    expect(await problemsOf(mi('<camunda:outputParameter name="x">1</camunda:outputParameter><camunda:inputParameter name="y">2</camunda:inputParameter>'))).to.deep.equal([
      ['archive', 'camunda:outputParameter is not allowed on a multi-instance activity: every instance would overwrite the others (Camunda 7 refuses it too)'],
      ['archive', 'camunda:inputParameter on a multi-instance activity is not supported yet; map the values on an activity before it'],
    ]);
  });
});
