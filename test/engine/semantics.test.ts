import { expect } from 'chai';
import { testQyzmet, type TestQyzmet } from '../support/app.js';
import { chain, diagram, endEvent, flow, nested, userTask } from '../support/bpmn.js';

interface Task {
  id: string;
  elementId: string;
  assignee: string | null;
  candidateGroups: string[];
  status: string;
}
interface HistoryRow {
  type: string;
  elementId: string | null;
  data: Record<string, unknown> | null;
}

/**
 * BPMN semantics that cases depend on, per kind of fault users of BPMN engines report, each driven
 * through the REST API with the depth, branch count or collection size varied. Every scenario runs
 * once recovering each step from the table and once going on with the previous step's engine.
 */
for (const liveEngines of [0, 32]) describe(`BPMN semantics (${liveEngines ? 'live engines kept' : 'every step recovered'})`, () => {
  let t: TestQyzmet;
  beforeEach(async () => {
    t = await testQyzmet({ liveEngines });
  });
  afterEach(() => t.close());

  async function start(key: string, variables: Record<string, unknown> = {}) {
    const res = await t.api.post(`/api/definitions/${key}/instances`).send({ businessKey: `${key}-1`, variables });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    await t.qyzmet.jobs.runDue();
    return res.body.id as string;
  }
  const details = async (id: string) => (await t.api.get(`/api/instances/${id}`)).body;
  const allTasks = async (id: string): Promise<Task[]> => (await details(id)).tasks;
  const openTasks = async (id: string): Promise<Task[]> => (await t.api.get('/api/tasks').query({ instance: id })).body;
  const open = async (id: string) => (await openTasks(id)).map((x) => x.elementId).sort();
  async function complete(id: string, elementId: string, variables: Record<string, unknown> = {}) {
    const task = (await openTasks(id)).find((x) => x.elementId === elementId);
    expect(task, `${elementId} is open`).to.not.equal(undefined);
    const res = await t.api.post(`/api/tasks/${task!.id}/complete`).send({ variables });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    await t.qyzmet.jobs.runDue();
    return task!;
  }
  const trail = (history: HistoryRow[], types: string[]) => history.filter((h) => types.includes(h.type)).map((h) => `${h.type} ${h.elementId}`);

  describe('terminate end events (BPMN 2.0.2 §13.5.6)', () => {
    for (const depth of [1, 2, 3]) {
      it(`ends only the sub-process it is in, ${depth} deep: its other task is canceled, the flow goes on after it, the task outside stays`, async () => {
        const innermost = `<parallelGateway id="fork"/>
          ${userTask('slow')} ${userTask('decide')} ${endEvent('slowEnd')} ${endEvent('stop', '<terminateEventDefinition/>')}
          ${flow('fork', 'slow')} ${flow('fork', 'decide')} ${chain('slow', 'slowEnd')} ${chain('decide', 'stop')}`;
        await t.deploy(
          diagram('terminate-inner', `<startEvent id="start"/><parallelGateway id="outerFork"/>
            ${chain('start', 'outerFork', 'sub1')} ${flow('outerFork', 'outside')} ${userTask('outside')} ${endEvent('outsideEnd')} ${chain('outside', 'outsideEnd')}
            ${nested(depth, 'fork', innermost)}`)
        );
        const id = await start('terminate-inner');
        expect(await open(id)).to.deep.equal(['decide', 'outside', 'slow']);

        const slow = (await openTasks(id)).find((x) => x.elementId === 'slow')!;
        await complete(id, 'decide');
        expect(await open(id)).to.deep.equal([`after${depth}`, 'outside']);
        expect((await allTasks(id)).find((x) => x.id === slow.id)!.status).to.equal('canceled');
        expect((await t.api.post(`/api/tasks/${slow.id}/complete`).send({ variables: {} })).status).to.equal(409);

        const d = await details(id);
        expect(d.status).to.equal('running');
        expect(d.activities.map((a: { elementId: string }) => a.elementId).sort()).to.deep.equal([`after${depth}`, 'outside']);
        expect(trail(d.history, ['task.canceled'])).to.deep.equal(['task.canceled slow']);
        expect(d.history.filter((h: HistoryRow) => h.type === 'activity.left' && h.elementId === 'slow').map((h: HistoryRow) => h.data)).to.deep.equal([{ interrupted: true }]);

        // The scopes outside the terminated one complete as usual.
        for (let level = depth; level >= 1; level--) await complete(id, `after${level}`);
        expect(await open(id)).to.deep.equal(['outside']);
        await complete(id, 'outside');
        expect((await details(id)).status).to.equal('completed');
      });
    }

    for (const branches of [1, 2, 3]) {
      it(`at top level ends the instance and cancels each of the ${branches} other open tasks`, async () => {
        const others = Array.from({ length: branches }, (_, i) => `other${i}`);
        await t.deploy(
          diagram('terminate-top', `<startEvent id="start"/><parallelGateway id="fork"/> ${chain('start', 'fork', 'decide', 'stop')}
            ${userTask('decide')} ${endEvent('stop', '<terminateEventDefinition/>')}
            ${others.map((o) => `${userTask(o)} ${endEvent(`${o}End`)} ${flow('fork', o)} ${chain(o, `${o}End`)}`).join('\n')}`)
        );
        const id = await start('terminate-top');
        expect(await open(id)).to.deep.equal(['decide', ...others].sort());
        const before = await openTasks(id);

        await complete(id, 'decide');
        const d = await details(id);
        expect(d.status).to.equal('completed');
        expect(d.activities).to.deep.equal([]);
        expect(await openTasks(id)).to.deep.equal([]);
        expect(d.tasks.map((x: Task) => `${x.elementId} ${x.status}`).sort()).to.deep.equal(['decide completed', ...others.map((o) => `${o} canceled`)].sort());
        expect(trail(d.history, ['task.canceled', 'instance.ended']).sort()).to.deep.equal([...others.map((o) => `task.canceled ${o}`), 'instance.ended null'].sort());
        for (const task of before.filter((x) => x.elementId !== 'decide')) {
          const res = await t.api.post(`/api/tasks/${task.id}/complete`).send({ variables: {} });
          expect(res.status).to.equal(409);
          expect(res.body.error).to.equal(`task ${task.id} is already canceled`);
        }
      });
    }
  });

  describe('multi-instance completion (BPMN 2.0.2 §10.3.6)', () => {
    for (const size of [2, 3, 5]) {
      it(`cancels the remaining instances of ${size} when the completion condition holds after the first, and goes on once`, async () => {
        const approvers = Array.from({ length: size }, (_, i) => `u${i + 1}`);
        await t.deploy(
          diagram('mi-condition', `<startEvent id="start"/> ${chain('start', 'approve', 'after', 'end')}
            <userTask id="approve" camunda:assignee="\${approver}">
              <multiInstanceLoopCharacteristics camunda:collection="\${approvers}" camunda:elementVariable="approver">
                <completionCondition xsi:type="tFormalExpression">\${rejected = true}</completionCondition>
              </multiInstanceLoopCharacteristics>
            </userTask>
            ${userTask('after')} ${endEvent('end')}`)
        );
        const id = await start('mi-condition', { approvers });
        expect((await openTasks(id)).map((x) => x.assignee).sort()).to.deep.equal(approvers);

        const second = (await openTasks(id)).find((x) => x.assignee === 'u2')!;
        const res = await t.api.post(`/api/tasks/${second.id}/complete`).send({ variables: { rejected: true } });
        expect(res.status).to.equal(200);
        expect(await open(id)).to.deep.equal(['after']);
        const d = await details(id);
        expect(d.tasks.filter((x: Task) => x.elementId === 'approve').map((x: Task) => `${x.assignee} ${x.status}`).sort()).to.deep.equal(
          approvers.map((a) => `${a} ${a === 'u2' ? 'completed' : 'canceled'}`)
        );
        expect(trail(d.history, ['task.created']).filter((x) => x === 'task.created after')).to.have.length(1);

        await complete(id, 'after');
        expect((await details(id)).status).to.equal('completed');
        expect(await openTasks(id)).to.deep.equal([]);
      });
    }
  });

  describe('settling a step', () => {
    it('waits for a script that calls next() later, however many turns it takes', async () => {
      await t.deploy(
        diagram('late-script', `<startEvent id="start"/> ${chain('start', 'compute', 'check', 'end')}
          <scriptTask id="compute" scriptFormat="javascript"><script>setTimeout(() => setTimeout(() => { environment.variables.total = 42; next(); }, 10), 10);</script></scriptTask>
          ${userTask('check')} ${endEvent('end')}`)
      );
      const id = await start('late-script');
      expect(await open(id)).to.deep.equal(['check']);
      expect((await details(id)).variables).to.deep.equal({ total: 42 });
    });

    it('answers 422 at once naming a script that never calls next(), and stores nothing', async () => {
      await t.deploy(
        diagram('stuck-script', `<startEvent id="start"/> ${chain('start', 'forget', 'end')}
          <scriptTask id="forget" scriptFormat="javascript"><script>environment.variables.x = 1;</script></scriptTask> ${endEvent('end')}`)
      );
      const res = await t.api.post('/api/definitions/stuck-script/instances').send({ businessKey: 'S' });
      expect(res.status).to.equal(422);
      expect(res.body.error).to.equal('forget: the script did not call next() and has nothing left to run');
      expect(res.body.details).to.deep.equal({ elementId: 'forget' });
      expect((await t.api.get('/api/instances').query({ definition: 'stuck-script' })).body).to.deep.equal([]);
    });
  });
});
