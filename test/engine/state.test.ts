import { expect } from 'chai';
import { createWorkingCalendar } from '../../src/calendar/index.js';
import { SystemClock } from '../../src/clock/index.js';
import { qyzmetElements } from '../../src/engine/behaviours/index.js';
import { compileDefinition } from '../../src/engine/definitions/compile.js';
import { parseDiagram } from '../../src/engine/definitions/parse.js';
import { runStep, type StepOutcome } from '../../src/engine/runtime/session.js';
import { chain, diagram, flow } from '../support/bpmn.js';

/**
 * The state a step saves is what bpmn-engine's own getState() gives, written out: the step takes
 * it without smqp's copy of each queued message (see stateText.ts), which must change nothing saved.
 */
describe('the engine state a step saves', () => {
  // A parallel split: one branch reaches the join and waits there (a token in the join's queue),
  // the other waits in a user task; the case then goes on from the saved text alone.
  const source = diagram(
    'fork',
    `<startEvent id="start"/><parallelGateway id="split"/><userTask id="review"/><task id="quick"/><parallelGateway id="join"/><userTask id="sign"/><endEvent id="end"/>
    ${flow('start', 'split')}${flow('split', 'review')}${flow('split', 'quick')}${flow('review', 'join')}${flow('quick', 'join')}${chain('join', 'sign', 'end')}`
  );
  const compiledOf = async () => compileDefinition(await parseDiagram(source), 'fork', qyzmetElements(new SystemClock(), () => createWorkingCalendar()));
  const engineState = async (outcome: StepOutcome) => {
    const state = (await outcome.live.engine.getState()) as { definitions: Array<Record<string, unknown>> };
    for (const definition of state.definitions) delete definition.source;
    return JSON.stringify(state);
  };
  const finishTask = (id: string, output: Record<string, unknown>) => (tracker: StepOutcome['tracker']) => {
    const api = [...tracker.userTasks.values()].find((a) => a.id === id)!;
    tracker.finish(api, output);
  };

  it('is the text of bpmn-engine getState(), queued tokens included, and a recovered case goes on from it', async () => {
    const compiled = await compiledOf();
    const started = await runStep(compiled, { variables: { applicant: 'Әлия' } });
    expect(started.state).to.equal(await engineState(started));
    expect(started.state).to.match(/"messages":\[/); // tokens waiting in queues, the join's among them

    const reviewed = await runStep(compiled, { state: started.state }, finishTask('review', { approved: true }));
    expect(reviewed.state).to.equal(await engineState(reviewed));
    expect([...reviewed.tracker.userTasks.values()].map((a) => a.id)).to.deep.equal(['sign']);

    const signed = await runStep(compiled, { state: reviewed.state }, finishTask('sign', {}));
    expect(signed.completed).to.equal(true);
    expect(signed.variables).to.deep.equal({ applicant: 'Әлия', approved: true });
  });

  it('stays as it was saved while the engine goes on', async () => {
    const compiled = await compiledOf();
    const started = await runStep(compiled, { variables: {} });
    const saved = started.state;
    const reviewed = await runStep(compiled, { live: started.live }, finishTask('review', {}));
    expect(reviewed.state).to.not.equal(saved);
    // The first step's text still recovers to the case before the review.
    const again = await runStep(compiled, { state: saved });
    expect([...again.tracker.userTasks.values()].map((a) => a.id)).to.deep.equal(['review']);
  });
});
