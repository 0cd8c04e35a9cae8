import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Engine } from 'bpmn-engine';
import { feelExpressions, userVariables } from '../expressions.js';
import type { CompiledDefinition } from '../definitions/index.js';
import { postponedActivities } from './postponed.js';
import { SlicedEngine } from './slicedEngine.js';
import { engineStateText } from './stateText.js';
import { StepTracker } from './tracker.js';
import { chainTrampoline, deferDeactivationOfCompletedProcesses, inputOutputExtension, prepareProcessActivationAhead } from '../behaviours/index.js';
import { StepFailedError } from '../../errors/index.js';

export { StepFailedError };

/** A bpmn-engine that has taken a step and waits, with the tracker that watched it. */
export interface LiveEngine {
  engine: SlicedEngine;
  tracker: StepTracker;
}

export interface StepOutcome {
  /** Engine state without the definition source (the definition version supplies it). */
  state: string;
  completed: boolean;
  variables: Record<string, unknown>;
  tracker: StepTracker;
  /** The engine after the step, for the next step to go on from if nothing else wrote in between. */
  live: LiveEngine;
}

/**
 * Steps this process ran, by how each began: on the engine the previous step kept (`live`), on an
 * engine recovered from the stored state (`recovered`), or on a new instance (`started`). For
 * benchmarks and diagnostics (bench:load reports each node's): a recovery costs several times a
 * live step's CPU, so `recovered / (live + recovered)` says whether QYZMET_LIVE_ENGINES fits the load.
 */
export const stepCounts = { live: 0, recovered: 0, started: 0 };

export type StepStart = { state: string } | { variables: Record<string, unknown> } | { live: LiveEngine };

deferDeactivationOfCompletedProcesses();
prepareProcessActivationAhead();

const silent = { debug() {}, error() {}, warn() {} };
/**
 * bpmn-engine's own logger makes three `debug` loggers for every element it builds, and each asks
 * whether stderr is a terminal, a system call: about a sixth of building a big diagram. Its debug
 * output is kept for whoever asks for it with `DEBUG=bpmn-engine:*`.
 */
const logger = process.env.DEBUG?.includes('bpmn-engine') ? undefined : () => silent;

function newEngine(compiled: CompiledDefinition): LiveEngine {
  const tracker = new StepTracker();
  const engine = new SlicedEngine({
    sourceContext: compiled.sourceContext as never,
    expressions: feelExpressions as never,
    timers: tracker.engineTimers as never,
    extensions: { inputOutput: inputOutputExtension(compiled.inputOutput), chainTrampoline } as never,
    ...(logger && { Logger: logger as never }),
  });
  // Only errors nobody caught reach the engine; ones taken by an error boundary do not.
  engine.on('error', (err: Error & { source?: { content?: { id?: string } } }) => {
    tracker.error ??= { message: err.message, elementId: err.source?.content?.id ?? tracker.failedElement };
  });
  engine.on('end', () => {
    tracker.ended = true;
  });
  return { engine, tracker };
}

/**
 * One step: start a new instance, recover a stored one, or go on with the live engine of its
 * previous step; let `act` do the step's one action, run to the next wait states, and report.
 */
export async function runStep(compiled: CompiledDefinition, start: StepStart, act?: (tracker: StepTracker, engine: Engine) => void | Promise<void>): Promise<StepOutcome> {
  const live = 'live' in start ? start.live : newEngine(compiled);
  const { engine, tracker } = live;

  try {
    if ('live' in start) {
      stepCounts.live++;
      tracker.beginStep();
    } else if ('state' in start) {
      stepCounts.recovered++;
      const saved = JSON.parse(start.state);
      await engine.prepareRecover(saved);
      engine.recover(saved);
      await engine.resume({ listener: tracker.listener });
      // Resuming a big diagram took a stretch of its own: the action and the run it starts get the
      // next turn — unless resuming left work for the next turn, which must still come after the action.
      if (engine.big && !tracker.hasDeferredWork) await nextTurn();
      tracker.beginStep();
    } else {
      stepCounts.started++;
      tracker.beginStep();
      await engine.execute({ listener: tracker.listener, variables: start.variables });
    }
    failIfBroken(tracker);
    if (act) await act(tracker, engine);
    await tracker.settle();
  } catch (err) {
    if (!(err instanceof Error) || 'status' in err) throw err;
    // The engine itself threw (a broken script, a stack overflow in a model): the model is at fault.
    const elementId = tracker.failedElement;
    throw new StepFailedError(`${elementId ? `${elementId}: ` : ''}the process failed: ${err.message}`, { elementId });
  }
  failIfBroken(tracker);
  tracker.reconcile(new Set(postponedActivities(engine).map((api) => api.executionId)));

  const { state, text } = await engineStateText(engine);
  return {
    state: text,
    completed: tracker.ended || engine.state === 'idle',
    variables: variablesOf(state),
    tracker,
    live,
  };
}

function failIfBroken(tracker: StepTracker) {
  if (tracker.error) {
    const { elementId, message } = tracker.error;
    throw new StepFailedError(elementId ? `${elementId}: ${message}` : message, { elementId });
  }
}

/** The user's process variables, from a saved engine state. */
export function variablesOf(state: { definitions: Array<Record<string, any>> }): Record<string, unknown> {
  const processes = state.definitions[0]?.execution?.processes ?? [];
  const source = processes[0]?.environment?.variables ?? state.definitions[0]?.environment?.variables ?? {};
  return userVariables(source);
}
