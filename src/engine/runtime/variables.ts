import type { Engine } from 'bpmn-engine';
import { ValidationError } from '../../errors/index.js';
import { iinProblem } from '../../gateway/index.js';
import { postponedActivities } from './postponed.js';
import type { ActivityApi } from './tracker.js';

/** Names bpmn-engine keeps among process variables for itself. */
const reserved = new Set(['fields', 'content', 'properties', 'environment']);

/** Variables from outside (an API call, a handler's output): an object of well-named values, IINs valid. */
export function checkVariables(variables: unknown, field: string): Record<string, unknown> {
  if (variables === undefined || variables === null) return {};
  if (typeof variables !== 'object' || Array.isArray(variables)) throw new ValidationError(`${field} must be an object`, { field });
  for (const name of Object.keys(variables)) {
    if (reserved.has(name)) throw new ValidationError(`${field}.${name}: "${name}" is reserved by the engine`, { field: `${field}.${name}` });
    if (!/^[\p{L}_][\p{L}\p{N}_]*$/u.test(name)) throw new ValidationError(`${field}.${name}: variable names are letters, digits and _`, { field: `${field}.${name}` });
    // An IIN is checked at the edge, before any lookup could use it: `iin`, `spouseIin`, …
    const value = (variables as Record<string, unknown>)[name];
    if ((name === 'iin' || name.endsWith('Iin')) && value !== null && value !== undefined) {
      const problem = iinProblem(value);
      if (problem) throw new ValidationError(`${field}.${name}: "${String(value)}" is not a valid IIN: ${problem}`, { field: `${field}.${name}` });
    }
  }
  return variables as Record<string, unknown>;
}

/** A business key from outside: PostgreSQL text cannot hold a NUL character, so none may come in. */
export function checkBusinessKey(businessKey: string | null | undefined, field = 'businessKey'): void {
  if (businessKey?.includes('\0')) throw new ValidationError(`${field} must not contain a NUL character (U+0000)`, { field });
}

/** A case's provider: 1–100 characters, as accounts name theirs. */
export function checkProvider(provider: unknown): asserts provider is string {
  if (typeof provider !== 'string' || !provider.trim() || provider.length > 100 || provider.includes('\0')) throw new ValidationError('provider must be 1–100 characters, the provider the case belongs to', { field: 'provider' });
}

/** Sets variables on the process scope, where bpmn-elements persists them. */
export function setVariables(api: ActivityApi, variables: Record<string, unknown>) {
  Object.assign(api.environment.variables, variables);
}

/**
 * Sets variables on the process scope of every running process, where no activity's API is at
 * hand (an instance may wait only in a timer), and on the scopes of the sub-processes it waits in:
 * bpmn-elements gives a sub-process a copy of its parent's variables when it starts, so a value
 * set only on the process would not be seen by the expressions inside. Each scope is persisted
 * with the engine's state.
 */
export function setProcessVariables(engine: Engine, variables: Record<string, unknown>) {
  const scopes = new Set<Record<string, unknown>>();
  for (const definition of engine.execution.definitions) {
    for (const process of definition.getRunningProcesses()) scopes.add(process.environment.variables);
  }
  for (const api of postponedActivities(engine)) scopes.add(api.environment.variables);
  for (const scope of scopes) Object.assign(scope, variables);
}
