import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Engine } from 'bpmn-engine';

/** What of smqp 11's Queue (the copy bpmn-elements 17.3.0 runs on) its state is taken from. */
interface QueueInternals {
  name: string;
  options: Record<string, unknown>;
  messages: unknown[];
}
type GetState = (this: QueueInternals) => { name: string; options: Record<string, unknown>; messages?: unknown[] };

// The module instance bpmn-elements' brokers use, reached by file as processExecution.ts reaches its classes.
const entry = createRequire(import.meta.url).resolve('bpmn-elements');
const queueModule = pathToFileURL(path.join(path.dirname(path.dirname(entry)), 'node_modules', 'smqp', 'src', 'Queue.js')).href;
const { Queue } = (await import(queueModule)) as { Queue: { prototype: { getState: GetState } } };

/** True only while {@link engineStateText} takes a state that is turned into text at once. */
let sharing = false;
const copying = Queue.prototype.getState;
Queue.prototype.getState = function getState(this: QueueInternals) {
  if (!sharing) return copying.call(this);
  const state: ReturnType<GetState> = { name: this.name, options: { ...this.options } };
  if (this.messages.length) state.messages = this.messages;
  return state;
};

/**
 * bpmn-engine's `getState()` of `engine`, as the object and as JSON text (without the definition
 * source, which the definition version supplies: see compileDefinition).
 *
 * smqp's Queue copies its messages for every state it gives (`JSON.parse(JSON.stringify(…))`), so
 * that a state kept as an object does not change with the engine. Here the state is written out as
 * text at once, so the copy is skipped: the text is the same, and the step saves a JSON round trip
 * of every queued message (about 0.1–0.3 ms of main-thread time per bench instance, measured on the
 * runStep chain). The object shares those messages with the engine; read it, do not keep it.
 */
export async function engineStateText(engine: Engine): Promise<{ state: { definitions: Array<Record<string, any>> }; text: string }> {
  let taking: Promise<unknown>;
  sharing = true;
  try {
    // bpmn-engine 25's getState is async only by its declaration: the state is built in this call.
    taking = engine.getState();
  } finally {
    sharing = false;
  }
  const state = (await taking) as { definitions: Array<Record<string, any>> };
  for (const definition of state.definitions) delete definition.source; // left empty: see compileDefinition
  return { state, text: JSON.stringify(state) };
}
