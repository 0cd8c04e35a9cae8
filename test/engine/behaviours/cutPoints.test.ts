import { expect } from 'chai';
import { ManualClock } from '../../../src/clock/index.js';
import { createWorkingCalendar } from '../../../src/calendar/index.js';
import { qyzmetElements } from '../../../src/engine/behaviours/index.js';
import { setActivitiesPerTurn } from '../../../src/engine/behaviours/ChainTrampoline.js';
import { compileDefinition } from '../../../src/engine/definitions/compile.js';
import { parseDiagram } from '../../../src/engine/definitions/parse.js';
import { runStep, type StepOutcome } from '../../../src/engine/runtime/session.js';
import { chain, diagram, endEvent, flow, longChain, userTask } from '../../support/bpmn.js';

/**
 * ChainTrampoline cuts a run after `activitiesPerTurn` activities and starts the rest on the next
 * turn. Where the cut falls must not matter: each diagram here runs as Qyzmet runs an instance
 * (one step per action, each recovered from the state the step before saved) with the run cut
 * after every activity, every 2nd, 3rd, 8th and 16th, and must enter the same elements in the same
 * order and end the same as when nothing is cut.
 */
describe('ChainTrampoline: a cut at any activity', function () {
  this.timeout(120_000);
  after(() => setActivitiesPerTurn(undefined));

  const lead = (to: string) => longChain(4, ['task', 'exclusive'], 'start', to, 'lead');

  /** Where it ended: `completed`, `failed: …`, or its waits. */
  type Run = { visits: string[]; end: string };

  /** Runs `key` of `xml` to its end with a cut after every `limit` activities: each user task completed, each timer fired, one per step. */
  async function drive(xml: string, key: string, limit: number): Promise<Run> {
    setActivitiesPerTurn(limit);
    const clock = new ManualClock(new Date('2026-03-02T04:00:00Z'));
    const compiled = compileDefinition(await parseDiagram(xml), key, qyzmetElements(clock, () => createWorkingCalendar()));
    const visits: string[] = [];
    const step = async (run: () => Promise<StepOutcome>): Promise<StepOutcome | string> => {
      try {
        const out = await run();
        visits.push(...out.tracker.events.filter((e) => e.type === 'activity.entered').map((e) => e.elementId!));
        return out;
      } catch (err) {
        return `failed: ${(err as Error).message}`;
      }
    };
    let out = await step(() => runStep(compiled, { variables: {} }));
    for (let i = 0; i < 20 && typeof out !== 'string' && !out.completed; i++) {
      const { tracker, state } = out;
      const task = [...tracker.userTasks.values()].sort((a, b) => a.id.localeCompare(b.id))[0];
      const timer = [...tracker.timers.entries()].sort(([, a], [, b]) => a.elementId.localeCompare(b.elementId))[0];
      if (!task && !timer) break;
      // A fresh engine recovers the saved state, as after a restart, and takes the step's one action.
      out = await step(() =>
        runStep(compiled, { state }, (recovered) => {
          if (task) recovered.finish(recovered.userTasks.get(task.executionId)!, {});
          else recovered.timers.get(timer![0])!.fire();
        })
      );
    }
    if (typeof out === 'string') return { visits, end: out };
    if (out.completed) return { visits, end: 'completed' };
    const waits = [...[...out.tracker.userTasks.values()].map((a) => `task ${a.id}`), ...[...out.tracker.timers.values()].map((t) => `timer ${t.elementId}`)];
    return { visits, end: waits.sort().join(', ') || 'waiting on nothing' };
  }

  async function expectCutsChangeNothing(xml: string, key: string) {
    const whole = await drive(xml, key, 1_000_000);
    for (const limit of [1, 2, 3, 8, 16]) {
      expect(await drive(xml, key, limit), `cut after every ${limit}`).to.deep.equal(whole);
    }
    return whole;
  }

  it('a take queued behind a discard at a task merging an exclusive split: both reach the task, in order', async () => {
    // decision1 discards the branch to decision2, which discards both its flows into `task`, and
    // takes the flow to `task`: the take waits in task's queue behind the discard when the discard is cut.
    const xml = diagram(
      'merge',
      `<startEvent id="start"/>${lead('decision1').xml}
      <exclusiveGateway id="decision1"/><exclusiveGateway id="decision2" default="decision2-to-task"/>
      ${userTask('task')}${endEvent('end')}
      ${flow('decision1', 'decision2', '${false}')}${flow('decision1', 'task', '${true}')}
      ${flow('decision2', 'task')}${chain('task', 'end')}`
    );
    const whole = await expectCutsChangeNothing(xml, 'merge');
    expect(whole.end).to.equal('completed');
  });

  it('a parallel split, a sub-process on one branch, the join, and a timer boundary event after it', async () => {
    const xml = diagram(
      'branches',
      `<startEvent id="start"/>${lead('split').xml}
      <parallelGateway id="split"/><parallelGateway id="join"/>
      <subProcess id="sub"><startEvent id="subStart"/><task id="subTask"/><endEvent id="subEnd"/>${chain('subStart', 'subTask', 'subEnd')}</subProcess>
      <task id="other1"/><task id="other2"/>
      ${userTask('review')}
      <boundaryEvent id="late" attachedToRef="review"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></boundaryEvent>
      ${endEvent('end')}${endEvent('lateEnd')}
      ${flow('split', 'sub')}${flow('split', 'other1')}${chain('sub', 'join')}${chain('other1', 'other2', 'join')}
      ${chain('join', 'review', 'end')}${flow('late', 'lateEnd')}`
    );
    const whole = await expectCutsChangeNothing(xml, 'branches');
    expect(whole.end).to.equal('completed');
    expect(whole.visits).to.include.members(['subTask', 'other2', 'join', 'review', 'end']);
  });

  it('a message flow into a process that does not run yet: the message is delivered once its run has come as far as it goes', async () => {
    // bpmn-elements starts the receiving process and then delivers the message; a run that has
    // ended by then is started again (as in bpmn-miwg A.4.0). Cut in between, the message would
    // find the first run under way instead, and the receiver would run once or twice depending on
    // how many activities ran before.
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs" targetNamespace="https://qyzmet.kz/test">
  <message id="notice" name="notice"/>
  <collaboration id="collaboration">
    <participant id="sender" processRef="send"/><participant id="receiver" processRef="receive"/>
    <messageFlow id="noticeFlow" sourceRef="tell" targetRef="listen" messageRef="notice"/>
  </collaboration>
  <process id="send" isExecutable="true">
    <startEvent id="start"/>${lead('tell').xml}<task id="tell"/>${userTask('afterTell')}${endEvent('end')}${chain('tell', 'afterTell', 'end')}
  </process>
  <process id="receive">
    <startEvent id="rStart"/>${longChain(6, ['task'], 'rStart', 'listen', 'r').xml}
    <task id="listen"/>${endEvent('rEnd')}${chain('listen', 'rEnd')}
  </process>
</definitions>`;
    const whole = await expectCutsChangeNothing(xml, 'send');
    expect(whole.end).to.equal('completed');
    expect(whole.visits.filter((id) => id === 'rEnd')).to.have.length(2);
  });
});
