import { expect } from 'chai';
import { BpmnError } from '../../src/engine/services/index.js';
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
  /** What the `test.lookup` service answers: a BPMN error with this code, or (null) its output. */
  let lookupAnswer: string | null;
  beforeEach(async () => {
    lookupAnswer = null;
    const lookup = async () => {
      if (lookupAnswer) throw new BpmnError(lookupAnswer, `lookup said ${lookupAnswer}`);
      return { found: true };
    };
    t = await testQyzmet({ liveEngines, services: { 'test.lookup': lookup } });
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
    const res = await (await t.worker(task!)).post(`/api/tasks/${task!.id}/complete`).send({ variables });
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

  describe('errors reach the nearest enclosing boundary that catches them (BPMN 2.0.2 §10.5.6)', () => {
    const errors = `<error id="boom" name="Boom" errorCode="boom"/><error id="other" name="Other" errorCode="other"/>`;
    const boundary = (id: string, attachedTo: string, errorRef: string | null, then: string) =>
      `<boundaryEvent id="${id}" attachedToRef="${attachedTo}"><errorEventDefinition ${errorRef ? `errorRef="${errorRef}"` : ''}/></boundaryEvent> ${userTask(then)} ${chain(id, then)}`;
    /**
     * A case that throws at `thrower` inside `depth` sub-processes, beside a task `sibling` whose own
     * boundary also matches; `boundaries(n)` are the boundary events of sub<n>.
     */
    const throwing = (key: string, depth: number, thrower: string, innermost: string, boundaries: (level: number) => string) =>
      diagram(
        key,
        `<startEvent id="start"/><parallelGateway id="fork"/> ${chain('start', 'fork', 'sub1')} ${flow('fork', 'sibling')}
        ${userTask('sibling')} ${endEvent('siblingEnd')} ${chain('sibling', 'siblingEnd')} ${boundary('siblingCaught', 'sibling', 'boom', 'siblingHandled')}
        ${nested(depth, thrower, innermost, boundaries)}`,
        errors
      );
    const entered = (history: HistoryRow[]) => trail(history, ['activity.entered']).map((x) => x.replace('activity.entered ', ''));
    const errorEnd = `${userTask('work')} ${endEvent('fail', '<errorEventDefinition errorRef="boom"/>')} ${chain('work', 'fail')}`;

    for (const depth of [1, 2, 3]) {
      it(`takes an error end event's error ${depth} sub-process(es) up, past a boundary for another code, and leaves the sibling task alone`, async () => {
        const boundaries = (level: number) => [level === 1 ? boundary('outerCaught', 'sub1', 'boom', 'handled') : '', level === depth ? boundary('innerOther', `sub${depth}`, 'other', 'wrong') : ''].join('\n');
        await t.deploy(throwing('error-end', depth, 'work', errorEnd, boundaries));
        const id = await start('error-end');
        expect(await open(id)).to.deep.equal(['sibling', 'work']);
        await complete(id, 'work');
        expect(await open(id)).to.deep.equal(['handled', 'sibling']);
        const d = await details(id);
        expect(d.status).to.equal('running');
        expect(d.activities.map((a: { elementId: string }) => a.elementId).sort()).to.deep.equal(['handled', 'sibling']);
        expect(entered(d.history)).to.include.members(['fail', 'handled']).and.not.include.members(['wrong', 'siblingHandled', 'after1']);
        expect(d.history.filter((h: HistoryRow) => h.type === 'activity.left' && h.elementId === 'outerCaught')).to.have.length(1);
        await complete(id, 'handled');
        await complete(id, 'sibling');
        expect((await details(id)).status).to.equal('completed');
      });

      it(`is caught by the innermost of two matching boundaries, ${depth} deep, by a boundary without errorRef, and from a service task's BPMN error`, async () => {
        const lookup = `<serviceTask id="lookup" camunda:type="external" camunda:topic="test.lookup"/> ${endEvent('lookupEnd')} ${chain('lookup', 'lookupEnd')}`;
        const boundaries = (level: number) => [level === 1 ? boundary('outerCaught', 'sub1', 'boom', 'outerHandled') : '', level === depth ? boundary('innerAny', `sub${depth}`, null, 'innerHandled') : ''].join('\n');
        await t.deploy(throwing('error-service', depth, 'lookup', lookup, boundaries));
        lookupAnswer = 'boom';
        const id = await start('error-service');
        // Depth 1 puts both on sub1: the one matching the code wins over the one without errorRef.
        expect(await open(id)).to.deep.equal([depth === 1 ? 'outerHandled' : 'innerHandled', 'sibling']);
        const d = await details(id);
        expect(d.jobs.map((j: { elementId: string; status: string }) => `${j.elementId} ${j.status}`)).to.deep.equal(['lookup done']);
        expect(d.incidents).to.deep.equal([]);
        expect(trail(d.history, ['service.completed', 'activity.left']).filter((x) => /lookup|sub\d/.test(x))).to.include.members(['service.completed lookup', `activity.left sub${depth}`]);
        expect(entered(d.history)).to.not.include.members(['siblingHandled', depth === 1 ? 'innerHandled' : 'outerHandled']);
      });
    }

    it('refuses at deploy a boundary event drawn outside the scope of the activity it is attached to, naming it', async () => {
      const res = await t.api.post('/api/deployments').send({
        name: 'x',
        xml: diagram('misplaced', `<startEvent id="start"/> ${chain('start', 'sub1')} ${nested(2, 'work', errorEnd)} ${boundary('farAway', 'sub2', 'boom', 'handled')}`, errors),
      });
      expect(res.status).to.equal(400);
      expect(res.body.details.problems.map((p: { elementId: string; message: string }) => [p.elementId, p.message])).to.deep.equal([
        ['farAway', 'the boundary event is not in the same process or sub-process as sub2, which it is attached to'],
      ]);
    });

    it('raises an incident when nothing catches the error, and keeps the case where it is', async () => {
      await t.deploy(throwing('error-uncaught', 2, 'work', errorEnd, (level) => (level === 2 ? boundary('innerOther', 'sub2', 'other', 'wrong') : '')));
      const id = await start('error-uncaught');
      await complete(id, 'work');
      const d = await details(id);
      expect(d.status).to.equal('running');
      expect(d.activities.map((a: { elementId: string; kind: string }) => `${a.kind} ${a.elementId}`).sort()).to.deep.equal(['error fail', 'userTask sibling']);
      expect(d.incidents.map((i: { kind: string; elementId: string; message: string }) => [i.kind, i.elementId, i.message])).to.deep.equal([
        ['error', 'fail', 'fail: BPMN error "boom" (Boom) is caught by no error boundary event, neither on fail nor on a sub-process or call activity around it'],
      ]);
      expect(await open(id)).to.deep.equal(['sibling']);

      const retry = await t.api.post(`/api/incidents/${d.incidents[0].id}/retry`);
      expect(retry.status).to.equal(409);
      expect(retry.body.error).to.match(/BPMN error that the diagram does not catch/);
      await t.api.post(`/api/instances/${id}/cancel`).expect(200);
      const after = await details(id);
      expect(after.status).to.equal('canceled');
      expect(after.incidents.map((i: { status: string }) => i.status)).to.deep.equal(['resolved']);
    });

    it("raises an incident naming the code when a service task's BPMN error is not caught, and runs the handler again on retry", async () => {
      await t.deploy(
        diagram('lookup-uncaught', `<startEvent id="start"/> ${chain('start', 'lookup', 'check', 'end')} <serviceTask id="lookup" camunda:type="external" camunda:topic="test.lookup"/> ${userTask('check')} ${endEvent('end')} ${boundary('otherCaught', 'lookup', 'other', 'wrong')}`, errors)
      );
      lookupAnswer = 'boom';
      const id = await start('lookup-uncaught');
      const [incident] = (await details(id)).incidents;
      expect(incident).to.include({ kind: 'service', elementId: 'lookup', message: 'lookup: BPMN error "boom" (lookup said boom) is caught by no error boundary event, neither on lookup nor on a sub-process or call activity around it' });
      lookupAnswer = null;
      await t.api.post(`/api/incidents/${incident.id}/retry`).expect(200);
      await t.qyzmet.jobs.runDue();
      expect(await open(id)).to.deep.equal(['check']);
    });

    describe('from a called definition to the call activity', () => {
      const callee = (key: string) =>
        diagram(key, `<startEvent id="start"/> ${chain('start', 'review', 'ok')} ${userTask('review')} <exclusiveGateway id="ok" default="toReject"/>
          ${flow('ok', 'approved', '${approved = true}')} ${endEvent('approved')} <sequenceFlow id="toReject" sourceRef="ok" targetRef="reject"/>
          ${endEvent('reject', '<errorEventDefinition errorRef="rejected"/>')}`, '<error id="rejected" name="Rejected" errorCode="rejected"/>');
      const call = (id: string, called: string) => `<callActivity id="${id}" calledElement="${called}"><extensionElements><camunda:in variables="all"/><camunda:out variables="all"/></extensionElements></callActivity>`;
      /** Calls `called` from `check` inside sub1; `onCall` are boundary events of check, `onSub` of sub1. */
      const caller = (key: string, called: string, { onCall = '', onSub = '' }, errorRoot = '<error id="rejected" name="Rejected" errorCode="rejected"/>') =>
        diagram(key, `<startEvent id="start"/> ${chain('start', 'sub1')} <subProcess id="sub1"><startEvent id="s"/> ${chain('s', 'check', 'subEnd')} ${call('check', called)} ${endEvent('subEnd')} ${onCall}</subProcess>
          ${chain('sub1', 'afterCall', 'end')} ${userTask('afterCall')} ${endEvent('end')} ${onSub}`, errorRoot);
      const calledOf = async (id: string) => (await details(id)).activities.find((a: { kind: string }) => a.kind === 'call').instanceId as string;

      for (const [where, boundaries] of [
        ['a boundary on the call activity matching its errorCode', { onCall: boundary('rejectedHere', 'check', 'rejected', 'handleRejection') }],
        ['a boundary without errorRef on the call activity', { onCall: boundary('anyHere', 'check', null, 'handleRejection') }],
        ['a boundary on the sub-process around the call activity', { onSub: boundary('rejectedAround', 'sub1', 'rejected', 'handleRejection') }],
      ] as const) {
        it(`takes the error to ${where}; the called instance ends failed, not completed`, async () => {
          await t.deploy(callee('reviewing'));
          await t.deploy(caller('caller', 'reviewing', boundaries));
          const id = await start('caller');
          const childId = await calledOf(id);
          await complete(childId, 'review', { approved: false });

          const child = await details(childId);
          expect(child.status).to.equal('failed');
          expect(child.history.filter((h: HistoryRow) => h.type === 'instance.failed').map((h: HistoryRow) => [h.elementId, h.data])).to.deep.equal([
            ['reject', { error: { id: 'rejected', name: 'Rejected', code: 'rejected', elementId: 'reject' } }],
          ]);
          expect(trail(child.history, ['instance.ended'])).to.deep.equal([]);
          expect(await open(id)).to.deep.equal(['handleRejection']);
          const d = await details(id);
          // The call activity's camunda:out brings the called instance's variables to the boundary path.
          expect(d.history.filter((h: HistoryRow) => h.type === 'call.returned').map((h: HistoryRow) => h.data)).to.deep.equal([
            { instanceId: childId, error: { id: 'rejected', name: 'Rejected', code: 'rejected', elementId: 'reject' }, variables: { approved: false } },
          ]);
          expect(d.variables).to.include({ approved: false });
          expect(trail(d.history, ['activity.entered'])).to.not.include('activity.entered afterCall');
        });
      }

      it('takes the normal path when the called instance completes', async () => {
        await t.deploy(callee('reviewing'));
        await t.deploy(caller('caller', 'reviewing', { onCall: boundary('rejectedHere', 'check', 'rejected', 'handleRejection') }));
        const id = await start('caller');
        await complete(await calledOf(id), 'review', { approved: true });
        expect(await open(id)).to.deep.equal(['afterCall']);
      });

      it('passes an error up through a called instance that does not catch it, to the instance that does', async () => {
        await t.deploy(callee('reviewing'));
        await t.deploy(caller('middle', 'reviewing', {}));
        await t.deploy(caller('top', 'middle', { onCall: boundary('rejectedHere', 'check', 'rejected', 'handleRejection') }));
        const id = await start('top');
        const middleId = await calledOf(id);
        const reviewId = await calledOf(middleId);
        await complete(reviewId, 'review', { approved: false });
        expect((await details(reviewId)).status).to.equal('failed');
        expect((await details(middleId)).status).to.equal('failed');
        expect(await open(id)).to.deep.equal(['handleRejection']);
      });

      it('raises an incident on the calling instance when nobody catches the error, and the call activity stays', async () => {
        await t.deploy(callee('reviewing'));
        await t.deploy( caller('caller', 'reviewing', { onCall: boundary('otherHere', 'check', 'other', 'wrong') }, '<error id="rejected" name="Rejected" errorCode="rejected"/><error id="other" errorCode="other"/>'));
        const id = await start('caller');
        const childId = await calledOf(id);
        await complete(childId, 'review', { approved: false });
        expect((await details(childId)).status).to.equal('failed');
        const d = await details(id);
        expect(d.status).to.equal('running');
        expect(d.activities.map((a: { elementId: string }) => a.elementId)).to.deep.equal(['check']);
        expect(d.incidents.map((i: { kind: string; message: string }) => [i.kind, i.message])).to.deep.equal([
          ['error', 'check: BPMN error "rejected" (Rejected) is caught by no error boundary event, neither on check nor on a sub-process or call activity around it'],
        ]);
      });
    });
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
        const res = await (await t.worker(second)).post(`/api/tasks/${second.id}/complete`).send({ variables: { rejected: true } });
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

  describe('multi-instance variables (Camunda 7 names)', () => {
    const loop = (condition: string, sequential = false) =>
      `<multiInstanceLoopCharacteristics isSequential="${sequential}" camunda:collection="\${members}" camunda:elementVariable="member">${condition ? `<completionCondition xsi:type="tFormalExpression">${condition}</completionCondition>` : ''}</multiInstanceLoopCharacteristics>`;
    const votes = (condition: string, sequential = false) =>
      diagram('votes', `<startEvent id="start"/> ${chain('start', 'vote', 'after', 'end')} <userTask id="vote" camunda:assignee="\${member}">${loop(condition, sequential)}</userTask> ${userTask('after')} ${endEvent('end')}`);

    for (const size of [3, 4, 6]) {
      it(`ends ${size} parallel votes once nrOfCompletedInstances reaches 2, closing the rest, and goes on once`, async () => {
        const members = Array.from({ length: size }, (_, i) => `m${i}`);
        await t.deploy(votes('${nrOfCompletedInstances >= 2}'));
        const id = await start('votes', { members });
        await complete(id, 'vote');
        expect(await openTasks(id)).to.have.length(size - 1);
        await complete(id, 'vote');
        expect(await open(id)).to.deep.equal(['after']);
        const d = await details(id);
        expect(d.tasks.filter((x: Task) => x.elementId === 'vote').map((x: Task) => x.status).sort()).to.deep.equal([...Array(2).fill('completed'), ...Array(size - 2).fill('canceled')].sort());
        expect(trail(d.history, ['task.created']).filter((x) => x === 'task.created after')).to.have.length(1);
        expect(d.variables).to.not.have.any.keys('nrOfCompletedInstances', 'nrOfInstances', 'loopCounter', 'member');
      });
    }

    it('counts sequential iterations too: nrOfCompletedInstances = 2 of 4 ends the loop before the third member', async () => {
      await t.deploy(votes('${nrOfCompletedInstances = 2}', true));
      const id = await start('votes', { members: ['a', 'b', 'c', 'd'] });
      for (const member of ['a', 'b']) {
        expect((await openTasks(id)).map((x) => x.assignee)).to.deep.equal([member]);
        await complete(id, 'vote');
      }
      expect(await open(id)).to.deep.equal(['after']);
      expect((await allTasks(id)).filter((x) => x.elementId === 'vote').map((x) => x.assignee)).to.deep.equal(['a', 'b']);
    });

    it('decides by majority as soon as it is certain: nrOfInstances and nrOfActiveInstances are in scope', async () => {
      // Ends when the approvals so far are a majority, or too few can still come.
      await t.deploy(votes('${approvals > nrOfInstances / 2 or approvals + nrOfActiveInstances &lt;= nrOfInstances / 2}'));
      const id = await start('votes', { members: ['a', 'b', 'c', 'd', 'e'], approvals: 0 });
      const approve = async () => {
        const [task] = await openTasks(id);
        const { variables } = await details(id);
        await complete(id, task!.elementId, { approvals: (variables.approvals as number) + 1 });
      };
      await approve();
      await approve();
      expect(await openTasks(id)).to.have.length(3);
      await approve();
      expect(await open(id)).to.deep.equal(['after']);
      expect((await details(id)).variables.approvals).to.equal(3);
    });

    it('refuses at deploy a completion condition reading a variable no scope can have, naming the element', async () => {
      const refusal = async (xml: string) => {
        const res = await t.api.post('/api/deployments').send({ name: 'x', xml });
        expect(res.status).to.equal(400);
        return res.body.details.problems.map((p: { elementId: string; message: string }) => [p.elementId, p.message]);
      };
      // Any name may come from a task without a form, but not one a letter off a multi-instance variable.
      expect(await refusal(votes('${nrOfCompletedInstance >= 2}'))).to.deep.equal([['vote', 'completionCondition reads "nrOfCompletedInstance", which no scope has; did you mean nrOfCompletedInstances?']]);

      // Every task has a known form: the names the process can hold are known.
      const withForms = (condition: string) =>
        diagram('decided', `<startEvent id="start" camunda:formKey="commission"/> ${chain('start', 'decide', 'end')} ${endEvent('end')}
          <userTask id="decide" camunda:formKey="decision" camunda:assignee="\${member}">${loop(condition)}</userTask>`);
      expect(await refusal(withForms('${verdict = "no"}'))).to.deep.equal([
        ['decide', 'completionCondition reads "verdict", which no scope of this process can have (its forms, mappings and multi-instance variables name applicant, approved, loopCounter, member, members, nrOfActiveInstances, nrOfCompletedInstances, nrOfInstances, reason)'],
      ]);
      await t.deploy(withForms('${approved = false or nrOfCompletedInstances = nrOfInstances}'));
    });

    it('gives each iteration its loopCounter, from 0', async () => {
      await t.deploy(
        diagram('counted', `<startEvent id="start"/> ${chain('start', 'sign', 'end')} ${endEvent('end')}
          <userTask id="sign" camunda:assignee="\${member + &quot;#&quot; + string(loopCounter) + &quot;/&quot; + string(nrOfInstances)}">${loop('')}</userTask>`)
      );
      const id = await start('counted', { members: ['a', 'b', 'c'] });
      expect((await openTasks(id)).map((x) => x.assignee).sort()).to.deep.equal(['a#0/3', 'b#1/3', 'c#2/3']);
    });

    for (const depth of [0, 1]) {
      for (const size of [2, 3]) {
        it(`shows each of ${size} iterations of a multi-instance sub-process its item, to a task ${depth} sub-process(es) further in and to a gateway`, async () => {
          const departments = Array.from({ length: size }, (_, i) => `d${i + 1}`);
          const inner = `<exclusiveGateway id="route" default="toReview"/> ${userTask('review', 'camunda:candidateGroups="${department}" camunda:assignee="${department + &quot;-head&quot;}"')} ${userTask('skip')}
            <sequenceFlow id="toReview" sourceRef="route" targetRef="review"/> ${flow('route', 'skip', '${department = "none"}')} ${endEvent('reviewEnd')} ${endEvent('skipEnd')} ${chain('review', 'reviewEnd')} ${chain('skip', 'skipEnd')}`;
          const body = depth ? nested(depth, 'route', inner) : inner;
          const entry = depth ? 'sub1' : 'route';
          await t.deploy(
            diagram('per-department', `<startEvent id="start"/> ${chain('start', 'each', 'done', 'end')} ${userTask('done')} ${endEvent('end')}
              <subProcess id="each"><multiInstanceLoopCharacteristics camunda:collection="\${departments}" camunda:elementVariable="department"/>
                <startEvent id="eachStart"/> ${flow('eachStart', entry)} ${body}
              </subProcess>`)
          );
          const id = await start('per-department', { departments });
          const reviews = await openTasks(id);
          expect(reviews.map((x) => `${x.elementId} ${x.candidateGroups.join(',')} ${x.assignee}`).sort()).to.deep.equal(departments.map((d) => `review ${d} ${d}-head`));
          for (const d of departments) {
            await complete(id, 'review');
            if (depth) await complete(id, 'after1');
          }
          expect(await open(id)).to.deep.equal(['done']);
          expect((await details(id)).variables).to.deep.equal({ departments });
        });
      }
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
