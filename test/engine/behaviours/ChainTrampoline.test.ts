import { EventEmitter } from 'node:events';
import { expect } from 'chai';
import { Engine } from 'bpmn-engine';
import { activitiesPerTurn, chainTrampoline } from '../../../src/engine/behaviours/ChainTrampoline.js';
import { diagram, endEvent, longChain } from '../../support/bpmn.js';

/**
 * The trampoline on a bare bpmn-engine (real timers): where it defers the rest of a chain to the
 * next turn, the engine's saved state holds the token, and a recovered engine runs the rest.
 */
describe('ChainTrampoline', () => {
  const count = 200;
  const { xml, passed } = longChain(count, ['task']);
  const source = diagram('chain', `<startEvent id="start"/>\n${xml}\n${endEvent('end')}`);

  function engineWith(entered: string[]) {
    const listener = new EventEmitter();
    listener.on('activity.enter', (api: { id: string }) => entered.push(api.id));
    const engine = new Engine({ source, extensions: { chainTrampoline } } as never);
    return { engine, listener };
  }

  it(`starts at most ${activitiesPerTurn} activities from sequence flows in one turn, and runs the chain to its end over the next turns`, async () => {
    const entered: string[] = [];
    const { engine, listener } = engineWith(entered);
    const ended = new Promise((resolve) => engine.once('end', resolve));
    await engine.execute({ listener });
    // The start event is not started from a flow; the rest wait for later turns.
    expect(entered).to.deep.equal(['start', ...passed.slice(0, activitiesPerTurn)]);
    await ended;
    expect(entered).to.deep.equal(['start', ...passed, 'end']);
  });

  it('keeps the deferred token in the saved state: a recovered engine runs the rest of the chain once', async () => {
    const first: string[] = [];
    const { engine, listener } = engineWith(first);
    await engine.execute({ listener });
    const state = await engine.getState();
    await engine.stop();
    expect(first).to.deep.equal(['start', ...passed.slice(0, activitiesPerTurn)]);

    // The stopped engine took its token back: nothing more runs there.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(first).to.have.length(activitiesPerTurn + 1);

    const rest: string[] = [];
    const recovered = engineWith(rest);
    recovered.engine.recover(JSON.parse(JSON.stringify(state)));
    const ended = new Promise((resolve) => recovered.engine.once('end', resolve));
    await recovered.engine.resume({ listener: recovered.listener });
    await ended;
    expect([...first, ...rest]).to.deep.equal(['start', ...passed, 'end']);
  });
});
