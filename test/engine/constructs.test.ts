import { expect } from 'chai';
import { fixture, testQyzmet, type TestQyzmet } from '../support/app.js';

const DAY = 86_400_000;
const start = Date.parse('2026-03-02T04:00:00Z');

interface Task {
  id: string;
  elementId: string;
  assignee: string | null;
  status: string;
}

/**
 * The BPMN constructs the regulations need, each driven through the REST API on the durable runtime:
 * once recovering every step from the table, once going on with the engine of the previous step.
 */
for (const liveEngines of [0, 32]) describe(`BPMN constructs on the durable runtime (${liveEngines ? 'live engines kept' : 'every step recovered'})`, () => {
  let t: TestQyzmet;
  beforeEach(async () => {
    t = await testQyzmet({ liveEngines });
  });
  afterEach(() => t.close());

  async function startCase(key: string, businessKey: string, variables: Record<string, unknown> = {}) {
    const res = await t.api.post(`/api/definitions/${key}/instances`).send({ businessKey, variables });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body as { id: string; status: string; activities: { elementId: string; kind: string; instanceId?: string }[] };
  }
  const details = async (id: string) => (await t.api.get(`/api/instances/${id}`)).body;
  const openTasks = async (instanceId: string): Promise<Task[]> => (await t.api.get('/api/tasks').query({ instance: instanceId })).body;
  async function complete(task: Task, variables: Record<string, unknown> = {}) {
    // A task assigned by name (a commission member's vote) is completed by that person.
    const res = await (await t.worker(task)).post(`/api/tasks/${task.id}/complete`).send({ variables });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return res.body;
  }
  const moveClock = (ms: number) => t.api.post('/api/clock').send({ now: new Date(ms).toISOString() }).expect(200);
  const trail = (history: { type: string; elementId: string | null }[]) => history.map((h) => `${h.type}${h.elementId ? ` ${h.elementId}` : ''}`);

  describe('call activities across deployments', () => {
    beforeEach(async () => {
      await t.deploy(fixture('complaint.bpmn'));
      await t.deploy(fixture('caller.bpmn'));
    });

    it('starts the called definition as its own instance, passes the mapped variables both ways, and continues the caller when it ends', async () => {
      const caller = await startCase('caller', 'CASE-7', { applicant: 'Aigerim', amount: 21, secret: 'internal' });
      const call = caller.activities.find((a) => a.kind === 'call');
      expect(call).to.include({ elementId: 'fileComplaint' });

      const child = await details(call!.instanceId!);
      expect(child).to.include({ definitionKey: 'complaint', businessKey: 'CASE-7', parentInstanceId: caller.id, parentElementId: 'fileComplaint', status: 'running' });
      expect(child.variables).to.deep.equal({ complainant: 'Aigerim', claimed: 42 });

      const [answer] = await openTasks(child.id);
      expect(answer!.elementId).to.equal('answer');
      expect((await complete(answer!, { answer: 'upheld', note: 'stays in the complaint' })).status).to.equal('completed');
      await t.qyzmet.jobs.runDue();

      const after = await details(caller.id);
      expect(after.variables).to.deep.equal({ applicant: 'Aigerim', amount: 21, secret: 'internal', complaintAnswer: 'upheld' });
      const [inform] = await openTasks(caller.id);
      expect(inform!.elementId).to.equal('inform');
      expect(trail(after.history)).to.include.members(['call.started fileComplaint', 'call.returned fileComplaint', 'task.created inform']);
      expect((await complete(inform!)).status).to.equal('completed');
    });

    it('cancels the called instance when a boundary timer interrupts the call, and refuses to cancel it on its own', async () => {
      const caller = await startCase('caller', 'CASE-8', { applicant: 'Bolat', amount: 1 });
      const childId = caller.activities.find((a) => a.kind === 'call')!.instanceId!;

      const direct = await t.api.post(`/api/instances/${childId}/cancel`);
      expect(direct.status).to.equal(409);
      expect(direct.body.error).to.match(/started by call activity fileComplaint/);

      await moveClock(start + 15 * DAY);
      const child = await details(childId);
      expect(child.status).to.equal('canceled');
      expect(child.tasks.map((x: Task) => x.status)).to.deep.equal(['canceled']);
      expect((await openTasks(caller.id)).map((x) => x.elementId)).to.deep.equal(['escalate']);
    });

    it('cancels the called instance with its caller', async () => {
      const caller = await startCase('caller', 'CASE-9', { applicant: 'Dana', amount: 3 });
      const childId = caller.activities.find((a) => a.kind === 'call')!.instanceId!;
      expect((await t.api.post(`/api/instances/${caller.id}/cancel`)).body.status).to.equal('canceled');
      expect((await details(childId)).status).to.equal('canceled');
      expect(await openTasks(childId)).to.deep.equal([]);
    });

    it('refuses a diagram that calls a definition nobody deployed, naming the call activity', async () => {
      const res = await t.api.post('/api/deployments').send({ name: 'x', xml: fixture('caller.bpmn').replace('calledElement="complaint"', 'calledElement="appeal"') });
      expect(res.status).to.equal(400);
      expect(res.body.details.problems[0]).to.include({ elementId: 'fileComplaint', message: 'calledElement "appeal" is neither a process in this diagram nor a deployed definition: deploy it first' });
    });
  });

  it('broadcasts a signal to every instance waiting for it, with its variables', async () => {
    await t.deploy(fixture('signal.bpmn'));
    const a = await startCase('signalled', 'A');
    const b = await startCase('signalled', 'B');
    expect(a.activities).to.have.length(1);
    expect(a.activities[0]).to.include({ elementId: 'waitRules', kind: 'signal', since: '2026-03-02T04:00:00.000Z' });

    const none = await t.api.post('/api/signals').send({ name: 'SomethingElse' });
    expect(none.body).to.deep.equal({ name: 'SomethingElse', instanceIds: [] });

    const sent = await t.api.post('/api/signals').send({ name: 'RulesChanged', variables: { decree: 'No. 112' } });
    expect(sent.status).to.equal(200);
    expect([...sent.body.instanceIds].sort()).to.deep.equal([a.id, b.id].sort());
    for (const id of [a.id, b.id]) {
      const d = await details(id);
      expect(d.variables).to.deep.equal({ decree: 'No. 112' });
      expect(d.activities.map((x: { elementId: string }) => x.elementId)).to.deep.equal(['recheck']);
    }
    expect((await t.api.post('/api/signals').send({ name: 'RulesChanged' })).body.instanceIds).to.deep.equal([]);
  });

  describe('event-based gateway', () => {
    beforeEach(() => t.deploy(fixture('constructs.bpmn')));

    it('takes the message branch and drops the timer', async () => {
      const c = await startCase('payment', 'PAY-1');
      expect(c.activities.map((a) => `${a.kind} ${a.elementId}`).sort()).to.deep.equal(['message paid', 'timer expired']);
      await t.api.post('/api/messages').send({ name: 'Payment', businessKey: 'PAY-1', variables: { paidAmount: 5000 } }).expect(200);
      const d = await details(c.id);
      expect(d.activities.map((a: { elementId: string }) => a.elementId)).to.deep.equal(['issue']);
      expect(d.jobs.find((j: { elementId: string }) => j.elementId === 'expired').status).to.equal('canceled');
      await moveClock(start + 11 * DAY);
      expect((await details(c.id)).activities.map((a: { elementId: string }) => a.elementId)).to.deep.equal(['issue']);
    });

    it('takes the timer branch when nothing arrives, and then no longer accepts the message', async () => {
      const c = await startCase('payment', 'PAY-2');
      await moveClock(start + 10 * DAY);
      const d = await details(c.id);
      expect(d.status).to.equal('completed');
      expect(trail(d.history)).to.include('activity.entered lapsed').and.not.include('activity.entered issue');
      expect((await t.api.post('/api/messages').send({ name: 'Payment', businessKey: 'PAY-2' })).status).to.equal(404);
    });
  });

  it('creates one task per commission member in parallel, then one at a time in sequence', async () => {
    await t.deploy(fixture('constructs.bpmn'));
    const members = ['asel', 'berik', 'darkhan'];
    const c = await startCase('commission', 'COM-1', { members });
    const votes = await openTasks(c.id);
    expect(votes.map((x) => `${x.elementId}:${x.assignee}`).sort()).to.deep.equal(['vote:asel', 'vote:berik', 'vote:darkhan']);

    for (const vote of votes.slice(0, 2)) await complete(vote);
    expect((await openTasks(c.id)).map((x) => x.assignee)).to.deep.equal([votes[2]!.assignee]);
    await complete(votes[2]!);

    for (const member of members) {
      const open = await openTasks(c.id);
      expect(open.map((x) => `${x.elementId}:${x.assignee}`)).to.deep.equal([`sign:${member}`]);
      await complete(open[0]!);
    }
    expect((await details(c.id)).status).to.equal('completed');
  });

  it('repeats a non-interrupting cycle timer inside a sub-process exactly as often as R2 says, leaving the task open', async () => {
    await t.deploy(fixture('constructs.bpmn'));
    const c = await startCase('reminders', 'REM-1');
    await moveClock(start + DAY - 60_000);
    expect((await openTasks(c.id)).map((x) => x.elementId)).to.deep.equal(['examine']);

    await moveClock(start + DAY);
    expect((await openTasks(c.id)).map((x) => x.elementId).sort()).to.deep.equal(['examine', 'remind']);
    await moveClock(start + 2 * DAY);
    await moveClock(start + 5 * DAY);
    expect((await details(c.id)).history.filter((h: { type: string }) => h.type === 'timer.fired').map((h: { at: string }) => h.at)).to.deep.equal([
      '2026-03-03T04:00:00.000Z',
      '2026-03-04T04:00:00.000Z',
    ]);

    // bpmn-elements runs one execution of an activity at a time: the second reminder waits for the first.
    const [first] = (await openTasks(c.id)).filter((x) => x.elementId === 'remind');
    await complete(first!);
    const open = await openTasks(c.id);
    expect(open.map((x) => x.elementId).sort()).to.deep.equal(['examine', 'remind']);
    for (const task of open) await complete(task);
    expect((await details(c.id)).status).to.equal('completed');
  });

  it('answers 422 naming the script task whose script throws, and stores nothing', async () => {
    await t.deploy(fixture('constructs.bpmn'));
    const res = await t.api.post('/api/definitions/broken/instances').send({ businessKey: 'X' });
    expect(res.status).to.equal(422);
    expect(res.body.error).to.equal('compute: division by zero');
    expect(res.body.details).to.deep.equal({ elementId: 'compute' });
    expect((await t.api.get('/api/instances').query({ definition: 'broken' })).body).to.deep.equal([]);
  });
});
