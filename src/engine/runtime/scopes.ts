import { localVariablesKey } from '../behaviours/index.js';
import type { CompiledDefinition } from '../definitions/index.js';
import { userVariables } from '../expressions.js';
import { variablesOf } from './session.js';

type Variables = Record<string, unknown>;
type StateNode = Record<string, any>;

/**
 * What an activity waiting in `executionId` sees, read from a saved engine state: the process
 * variables, over them the locals of each sub-process it lies in, and over those its own input
 * mappings. Handlers of service tasks run outside the engine, so they get their variables from
 * here. Only an activity with input mappings, or inside a sub-process with them, has locals; for
 * any other the process variables are the answer and the state is not read.
 */
export function variablesSeenBy(compiled: CompiledDefinition, elementId: string, executionId: string, state: () => string, processVariables: () => Variables): Variables {
  if (!hasLocals(compiled, elementId)) return processVariables();
  const saved = JSON.parse(state()) as { definitions: StateNode[] };
  const process = saved.definitions[0]?.execution?.processes?.[0];
  return findScope(process?.execution?.children, executionId, variablesOf(saved)) ?? processVariables();
}

// helpers

function hasLocals(compiled: CompiledDefinition, elementId: string): boolean {
  for (let element = compiled.elements.get(elementId); element; element = element.$parent) {
    if (element.id && compiled.inputOutput.get(element.id)?.inputs.length) return true;
  }
  return false;
}

function findScope(children: StateNode[] | undefined, executionId: string, visible: Variables): Variables | undefined {
  for (const child of children ?? []) {
    if (child.executionId === executionId) return { ...visible, ...ownLocals(child, executionId) };
    // A sub-process keeps one execution, a multi-instance one a list of them; each has its own environment.
    const executions: StateNode[] = child.execution?.executions ?? (child.execution?.children ? [child.execution] : []);
    for (const execution of executions) {
      const found = findScope(execution.children, executionId, { ...visible, ...userVariables(execution.environment?.variables ?? {}) });
      if (found) return found;
    }
  }
  return undefined;
}

/** The input mappings an activity started with, from the run message that is waiting in its queue. */
function ownLocals(child: StateNode, executionId: string): Variables {
  for (const queue of (child.broker?.queues ?? []) as StateNode[]) {
    for (const message of (queue.messages ?? []) as StateNode[]) {
      if (message.content?.executionId === executionId && message.content[localVariablesKey]) return message.content[localVariablesKey] as Variables;
    }
  }
  return {};
}
