import { expect } from 'chai';
import { testQyzmet, type TestQyzmet } from '../support/app.js';
import { chain, diagram, endEvent, flow, longChain, nested, userTask, type ChainLink } from '../support/bpmn.js';

interface HistoryEntry {
  type: string;
  elementId: string | null;
}

const mixed: ChainLink[] = ['task', 'exclusive', 'script', 'throw', 'subProcess'];

/**
 * Diagrams with long runs of elements that do not wait, driven through the REST API. bpmn-elements
 * runs each element inside the one before it, so a chain of a few hundred used to overflow the call
 * stack (every start answered 422 "Maximum call stack size exceeded"); and a file too big to run is
 * refused at deployment, before it is parsed.
 */
describe('Big diagrams', function () {
  // A chain of 1,000 elements costs bpmn-elements about a second on 2 vCPUs, more under load.
  this.timeout(300_000);

  let t: TestQyzmet;
  afterEach(() => t?.close());

  async function startCase(key: string) {
    const res = await t.api.post(`/api/definitions/${key}/instances`).send({ businessKey: `${key}-1`, variables: {} });
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).to.equal(201);
    return res.body as { id: string; status: string };
  }
  const details = async (id: string) => (await t.api.get(`/api/instances/${id}`)).body as { status: string; history: HistoryEntry[] };
  const openTasks = async (id: string) => (await t.api.get('/api/tasks').query({ instance: id })).body as { id: string; elementId: string }[];
  async function complete(id: string, elementId: string) {
    const task = (await openTasks(id)).find((x) => x.elementId === elementId);
    expect(task, `${elementId} is open`).to.exist;
    const res = await t.api.post(`/api/tasks/${task!.id}/complete`).send({ variables: {} });
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).to.equal(200);
    return res.body as { status: string };
  }
  /** The elements history says were entered, in order. */
  const entered = (history: HistoryEntry[]) => history.filter((h) => h.type === 'activity.entered').map((h) => h.elementId!);
  /** How often each element was entered and left, for those that were not exactly once each. */
  function notOnce(history: HistoryEntry[], ids: string[]) {
    const count = (type: string, id: string) => history.filter((h) => h.type === type && h.elementId === id).length;
    return ids.map((id) => ({ id, entered: count('activity.entered', id), left: count('activity.left', id) })).filter((c) => c.entered !== 1 || c.left !== 1);
  }

  for (const liveEngines of [0, 32]) describe(liveEngines ? 'live engines kept' : 'every step recovered', () => {
    beforeEach(async () => {
      t = await testQyzmet({ liveEngines });
    });

    it(`runs a chain of 1,000 (${mixed.join(', ')}) when the case starts, entering and leaving each element once`, async () => {
      const { xml, passed } = longChain(1000, mixed);
      await t.deploy(diagram('chain', `<startEvent id="start"/>\n${xml}\n${endEvent('end')}`));
      const started = await startCase('chain');
      expect(started.status).to.equal('completed');
      const { history } = await details(started.id);
      expect(entered(history)).to.deep.equal(['start', ...passed, 'end']);
      expect(notOnce(history, passed)).to.deep.equal([]);
    });

    it(`runs a chain of 1,000 (${mixed.join(', ')}) in the step that completes the user task before it`, async () => {
      const { xml, passed } = longChain(1000, mixed, 'review');
      await t.deploy(diagram('after-review', `<startEvent id="start"/>\n${userTask('review')}\n${flow('start', 'review')}\n${xml}\n${endEvent('end')}`));
      const started = await startCase('after-review');
      expect(started.status).to.equal('running');
      expect((await openTasks(started.id)).map((x) => x.elementId)).to.deep.equal(['review']);

      expect((await complete(started.id, 'review')).status).to.equal('completed');
      const { history, status } = await details(started.id);
      expect(status).to.equal('completed');
      expect(await openTasks(started.id)).to.deep.equal([]);
      expect(entered(history)).to.deep.equal(['start', 'review', ...passed, 'end']);
      expect(notOnce(history, passed)).to.deep.equal([]);
    });
  });

  describe('with live engines kept', () => {
    beforeEach(async () => {
      t = await testQyzmet();
    });

    for (const depth of [1, 3]) {
      it(`runs a chain of 1,000 tasks inside ${depth} nested sub-process${depth > 1 ? 'es' : ''}, then waits in the task after the innermost`, async () => {
        const { xml, passed } = longChain(1000, ['task'], 'innerStart', 'innerEnd');
        const inner = `<startEvent id="innerStart"/>\n${xml}\n${endEvent('innerEnd')}`;
        // `nested` enters the innermost sub-process at its first element: here a sub-process holding the chain.
        const body = nested(depth, 'chain', `<subProcess id="chain">${inner}</subProcess>\n${userTask('afterChain')}\n${endEvent('chainDone')}\n${chain('chain', 'afterChain', 'chainDone')}`);
        await t.deploy(diagram(`nested-${depth}`, `<startEvent id="start"/>\n${flow('start', 'sub1')}\n${body}`));

        const started = await startCase(`nested-${depth}`);
        expect(started.status).to.equal('running');
        expect((await openTasks(started.id)).map((x) => x.elementId)).to.deep.equal(['afterChain']);
        const { history } = await details(started.id);
        expect(entered(history).filter((id) => passed.includes(id))).to.deep.equal(passed);
        expect(notOnce(history, ['chain', 'innerStart', ...passed, 'innerEnd'])).to.deep.equal([]);
      });
    }

    for (const gateway of ['parallelGateway', 'inclusiveGateway']) {
      for (const branches of [2, 10]) {
        const perBranch = 400 / branches;
        it(`joins ${branches} branches of ${perBranch} tasks at a ${gateway} once, after the last of them`, async () => {
          const parts = [`<startEvent id="start"/>`, `<${gateway} id="split"/>`, `<${gateway} id="join"/>`, userTask('after'), endEvent('end'), chain('start', 'split'), chain('join', 'after', 'end')];
          const passed: string[] = [];
          for (let b = 1; b <= branches; b++) {
            const branch = longChain(perBranch, ['task'], 'split', 'join', `b${b}_`);
            // An inclusive split takes a flow whose condition holds.
            parts.push(gateway === 'inclusiveGateway' ? branch.xml.replace(`<sequenceFlow id="split-to-b${b}_1" sourceRef="split" targetRef="b${b}_1">`, `<sequenceFlow id="split-to-b${b}_1" sourceRef="split" targetRef="b${b}_1"><conditionExpression>\${true}</conditionExpression>`) : branch.xml);
            passed.push(...branch.passed);
          }
          await t.deploy(diagram(`branches-${branches}`, parts.join('\n')));

          const started = await startCase(`branches-${branches}`);
          expect((await openTasks(started.id)).map((x) => x.elementId)).to.deep.equal(['after']);
          const { history } = await details(started.id);
          expect(notOnce(history, [...passed, 'join'])).to.deep.equal([]);
          // The join went on after every branch had come in.
          const order = entered(history);
          expect(order.indexOf('join')).to.be.greaterThan(Math.max(...passed.map((id) => order.indexOf(id))));
          expect(history.filter((h) => h.type === 'task.created').map((h) => h.elementId)).to.deep.equal(['after']);
        });
      }
    }

    it('refuses the start with a 422 naming the element when an element late in a long chain fails, and stores nothing', async () => {
      const { xml } = longChain(300, ['task']);
      const failing = `<task id="c300"><extensionElements><camunda:inputOutput><camunda:inputParameter name="due">\${if amount = null then 1 else workingDays(amount)}</camunda:inputParameter></camunda:inputOutput></extensionElements></task>`;
      await t.deploy(diagram('late-failure', `<startEvent id="start"/>\n${xml.replace('<task id="c300"/>', failing)}\n${endEvent('end')}`));

      const res = await t.api.post('/api/definitions/late-failure/instances').send({ businessKey: 'late-1', variables: { amount: -1 } });
      expect(res.status).to.equal(422);
      expect(res.body.error).to.match(/^c300: camunda:inputParameter "due": .*workingDays/);
      expect((await t.api.get('/api/instances').query({ definition: 'late-failure' })).body).to.deep.equal([]);

      const ok = await t.api.post('/api/definitions/late-failure/instances').send({ businessKey: 'late-2', variables: { amount: 2 } });
      expect(ok.body.status).to.equal('completed');
    });

    it('deploys and runs a file of exactly 2,000 flow nodes', async () => {
      const { xml, passed } = longChain(1998, ['task']);
      await t.deploy(diagram('at-limit', `<startEvent id="start"/>\n${xml}\n${endEvent('end')}`));
      const started = await startCase('at-limit');
      expect(started.status).to.equal('completed');
      expect(notOnce((await details(started.id)).history, ['start', ...passed, 'end'])).to.deep.equal([]);
    });

    for (const tasks of [1999, 10_000]) {
      const nodes = tasks + 2;
      it(`refuses a file of ${nodes.toLocaleString('en-US')} flow nodes at deployment with a 400 naming the limit and the count, and stores nothing`, async () => {
        const { xml } = longChain(tasks, ['task']);
        const big = diagram('too-big', `<startEvent id="start"/>\n${xml}\n${endEvent('end')}`);
        for (const [path, body] of [['/api/deployments', { name: 'too-big.bpmn', xml: big }], ['/api/deployments/validate', { xml: big }]] as const) {
          const res = await t.api.post(path).send(body);
          expect(res.status, path).to.equal(400);
          const [problem, ...others] = res.body.details.problems;
          expect(others).to.deep.equal([]);
          expect(problem).to.include({ elementId: 'too-big', line: 4 });
          expect(problem.message).to.contain(`the diagram has ${nodes.toLocaleString('en-US')} flow nodes`).and.contain('at most 2,000');
        }
        expect((await t.api.get('/api/definitions')).body).to.deep.equal([]);
      });
    }
  });
});
