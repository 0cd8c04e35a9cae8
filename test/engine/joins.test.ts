import { expect } from 'chai';
import { fixture, testQyzmet, type TestQyzmet } from '../support/app.js';

interface Task {
  id: string;
  elementId: string;
}

/**
 * Converging gateways on the durable runtime, driven through the REST API: once recovering every
 * step from the table (a join's first token must survive that), once going on with the live engine.
 */
for (const liveEngines of [0, 32]) describe(`Joins on the durable runtime (${liveEngines ? 'live engines kept' : 'every step recovered'})`, () => {
  let t: TestQyzmet;
  // One Qyzmet per mode: each test starts its own cases, reads only their tasks and history, and
  // moves the clock relative to where it stands.
  before(async () => {
    t = await testQyzmet({ liveEngines });
    await t.deploy(fixture('parallel-joins.bpmn'));
    await t.deploy(fixture('inclusive-joins.bpmn'));
  });
  after(() => t.close());

  async function startCase(key: string, variables: Record<string, unknown> = {}) {
    const res = await t.api.post(`/api/definitions/${key}/instances`).send({ businessKey: `${key}-${Math.random()}`, variables });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.id as string;
  }
  /** Moves the shared manual clock `days` calendar days on, running the jobs due by then. */
  async function daysLater(days: number) {
    const now = Date.parse((await t.api.get('/api/clock')).body.now);
    await t.api.post('/api/clock').send({ now: new Date(now + days * 86_400_000).toISOString() }).expect(200);
  }
  const details = async (id: string) => (await t.api.get(`/api/instances/${id}`)).body;
  const openTasks = async (id: string): Promise<Task[]> => (await t.api.get('/api/tasks').query({ instance: id })).body;
  const open = async (id: string) => (await openTasks(id)).map((x) => x.elementId).sort();
  async function complete(id: string, elementId: string, variables: Record<string, unknown> = {}) {
    const task = (await openTasks(id)).find((x) => x.elementId === elementId);
    expect(task, `${elementId} is open`).to.exist;
    const res = await t.api.post(`/api/tasks/${task!.id}/complete`).send({ variables });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
  }
  /** How often the task of `elementId` was created in the instance's history. */
  const created = async (id: string, elementId: string) =>
    (await details(id)).history.filter((h: { type: string; elementId: string | null }) => h.type === 'task.created' && h.elementId === elementId).length;

  /**
   * Completes `order` one task at a time, checking the open tasks before each; then the tasks of
   * `after` must come one at a time, each created exactly once, and completing the last ends the case.
   */
  async function driveToJoin(id: string, order: string[], ...after: string[]) {
    const remaining = new Set(order);
    for (const elementId of order) {
      expect(await open(id), `before completing ${elementId}`).to.deep.equal([...remaining].sort());
      await complete(id, elementId);
      remaining.delete(elementId);
      expect((await details(id)).status).to.equal('running');
    }
    for (const elementId of after) {
      expect(await open(id)).to.deep.equal([elementId]);
      await complete(id, elementId);
    }
    expect((await details(id)).status).to.equal('completed');
    expect(await open(id)).to.deep.equal([]);
    for (const elementId of after) expect(await created(id, elementId), `${elementId} created`).to.equal(1);
  }

  describe('parallel join with one branch through an exclusive split and merge', () => {
    for (const n of [2, 3, 4]) {
      const tasks = Array.from({ length: n }, (_, i) => `p${n}_t${i + 1}`);
      const merged = tasks[n - 1]!;

      it(`${n} branches: waits for all of them when the merged branch finishes last`, async () => {
        const id = await startCase(`parallel-after-merge-${n}`, { flag: true });
        await driveToJoin(id, tasks, `p${n}_after`);
      });

      it(`${n} branches: waits for all of them when the merged branch finishes first`, async () => {
        const id = await startCase(`parallel-after-merge-${n}`, { flag: true });
        await driveToJoin(id, [merged, ...tasks.slice(0, -1).reverse()], `p${n}_after`);
      });

      it(`${n} branches: the exclusive gateway skips the task, and the join still waits for the others`, async () => {
        const id = await startCase(`parallel-after-merge-${n}`, { flag: false });
        await driveToJoin(id, tasks.slice(0, -1), `p${n}_after`);
      });
    }

    it('in a sub-process, in either order: the join waits, then the flow continues inside and after it', async () => {
      for (const order of [['ps_t1', 'ps_t2'], ['ps_t2', 'ps_t1']]) {
        const id = await startCase('parallel-in-subprocess', { flag: true });
        await driveToJoin(id, order, 'ps_inner', 'ps_after');
      }
    });

    it('two sub-processes deep, in either order', async () => {
      for (const order of [['pn_t1', 'pn_t2'], ['pn_t2', 'pn_t1']]) {
        const id = await startCase('parallel-in-nested-subprocess', { flag: true });
        await driveToJoin(id, order, 'pn_inner', 'pn_after');
      }
    });

    it('a branch whose boundary timer path merges back: the join waits for the escalation', async () => {
      const id = await startCase('parallel-after-boundary-merge');
      expect(await open(id)).to.deep.equal(['pb_t1', 'pb_t2']);
      await complete(id, 'pb_t1');
      expect(await open(id)).to.deep.equal(['pb_t2']);
      await daysLater(2); // pb_late: P2D
      // The timer ended pb_t2; its path through the merge has not reached the join yet.
      expect(await open(id)).to.deep.equal(['pb_escalate']);
      await driveToJoin(id, ['pb_escalate'], 'pb_after');
    });

    it('a branch that goes round a rework loop: the join waits for its last round', async () => {
      const id = await startCase('parallel-after-rework-loop');
      expect(await open(id)).to.deep.equal(['pr_review', 'pr_t1']);
      await complete(id, 'pr_review', { rework: true });
      expect(await open(id)).to.deep.equal(['pr_review', 'pr_t1']);
      await complete(id, 'pr_t1');
      expect(await open(id)).to.deep.equal(['pr_review']);
      await complete(id, 'pr_review', { rework: true });
      expect(await open(id)).to.deep.equal(['pr_review']);
      await complete(id, 'pr_review', { rework: false });
      await driveToJoin(id, [], 'pr_after');
      expect(await created(id, 'pr_review')).to.equal(3);
    });

    it("fed by a start event's two flows, and by two flows from one gateway: waits for the task, fires once", async () => {
      const id = await startCase('parallel-implicit-fork');
      await driveToJoin(id, ['pi_t1'], 'pi_after');
    });

    it('a join that can never complete refuses the step with 422 naming the join and the flow, and nothing moves', async () => {
      const id = await startCase('parallel-after-split-only', { flag: false });
      expect(await open(id)).to.deep.equal(['pd_t1']);
      const [task] = await openTasks(id);
      const res = await t.api.post(`/api/tasks/${task!.id}/complete`).send({ variables: {} });
      expect(res.status).to.equal(422);
      expect(res.body.error).to.equal('pd_join: the join can never complete: no token can reach incoming sequence flow pd_f6 any more (tokens wait on pd_f3)');
      expect(await open(id)).to.deep.equal(['pd_t1']);
      expect((await details(id)).status).to.equal('running');
    });
  });

  describe('inclusive join', () => {
    const combinations: [string, Record<string, boolean>, string[]][] = [
      ['one of three', { a: false, b: true, c: false }, ['i3_B']],
      ['two of three', { a: true, b: true, c: false }, ['i3_B', 'i3_A']],
      ['three of three', { a: true, b: true, c: true }, ['i3_C', 'i3_A', 'i3_B']],
    ];
    for (const [name, variables, order] of combinations) {
      it(`${name} branches taken: fires once, after the last taken branch`, async () => {
        const id = await startCase('inclusive-three', variables);
        await driveToJoin(id, order, 'i3_after');
      });
    }

    it('two of three, in the other order', async () => {
      const id = await startCase('inclusive-three', { a: true, b: false, c: true });
      await driveToJoin(id, ['i3_A', 'i3_C'], 'i3_after');
    });

    it('the default flow alone when no condition holds', async () => {
      const id = await startCase('inclusive-default', { a: false, b: false });
      await driveToJoin(id, ['id_D'], 'id_after');
      expect(await created(id, 'id_A')).to.equal(0);
    });

    it('with a default flow, the conditional branches taken and the default not', async () => {
      const id = await startCase('inclusive-default', { a: true, b: true });
      await driveToJoin(id, ['id_A', 'id_B'], 'id_after');
      expect(await created(id, 'id_D')).to.equal(0);
    });

    it('in a sub-process: waits for the branches taken there, then goes on inside and after it', async () => {
      const id = await startCase('inclusive-in-subprocess', { a: true, b: false, c: true });
      await driveToJoin(id, ['is_C', 'is_A'], 'is_inner', 'is_after');
    });

    it('inside a rework loop: fires once per round, waiting for the branches taken in that round', async () => {
      const id = await startCase('inclusive-rework', { a: true, b: true });
      await complete(id, 'ir_A');
      expect(await open(id)).to.deep.equal(['ir_B']);
      await complete(id, 'ir_B');
      expect(await open(id)).to.deep.equal(['ir_after']);
      await complete(id, 'ir_after', { rework: true, a: false });
      expect(await open(id)).to.deep.equal(['ir_B']);
      await complete(id, 'ir_B');
      expect(await open(id)).to.deep.equal(['ir_after']);
      await complete(id, 'ir_after', { rework: false });
      expect((await details(id)).status).to.equal('completed');
      expect(await open(id)).to.deep.equal([]);
      expect(await created(id, 'ir_after')).to.equal(2);
      expect(await created(id, 'ir_A')).to.equal(1);
    });

    it('after an event-based gateway and a task: the signal wins before the task is done, and the join waits for the task', async () => {
      const id = await startCase('inclusive-after-race');
      expect(await open(id)).to.deep.equal(['ie_check']);
      await t.api.post('/api/signals').send({ name: 'DecreeIssued' }).expect(200);
      expect((await details(id)).status).to.equal('running');
      await driveToJoin(id, ['ie_check'], 'ie_after');
    });

    it('after an event-based gateway and a task: the task is done first, and the join waits for the timer', async () => {
      const id = await startCase('inclusive-after-race');
      await complete(id, 'ie_check');
      expect(await open(id)).to.deep.equal([]);
      expect((await details(id)).status).to.equal('running');
      await daysLater(3); // ie_lapse: P3D
      await driveToJoin(id, [], 'ie_after');
    });

    it('a branch done at once waits at the join for the branch with a user task', async () => {
      const id = await startCase('inclusive-waiting-branch', { record: true, review: true, check: false });
      await driveToJoin(id, ['iw_review'], 'iw_after');
    });

    it('a taken branch that an exclusive gateway inside it skips does not hold the join up', async () => {
      const id = await startCase('inclusive-waiting-branch', { record: true, review: true, check: true, inspect: false });
      await driveToJoin(id, ['iw_review'], 'iw_after');
    });

    it('a taken branch with a user task behind an exclusive gateway is waited for', async () => {
      const id = await startCase('inclusive-waiting-branch', { record: false, review: true, check: true, inspect: true });
      await driveToJoin(id, ['iw_review', 'iw_inspect'], 'iw_after');
    });
  });
});
