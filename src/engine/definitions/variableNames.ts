import { parseExpression } from 'feelin';
import type { ModdleElement } from './parse.js';
import { callSpecOf } from './calls.js';
import { inputOutputOf } from './inputOutput.js';
import { applicationFormOf } from './properties.js';

/** Camunda 7's variables of a multi-instance body and its iterations (user guide, "Multiple Instance"). */
export const multiInstanceVariables: readonly string[] = ['nrOfInstances', 'nrOfActiveInstances', 'nrOfCompletedInstances', 'loopCounter'];

/**
 * The variables a FEEL expression reads: the first name of each variable or path (`a` of `a.b`),
 * not the functions it calls and not the names it binds itself (`x` of `some x in xs`, a filter's
 * `item`). Text that does not parse yields none; the syntax check reports it.
 */
export function freeVariables(expression: string): string[] {
  let tree: ReturnType<typeof parseExpression>;
  try {
    tree = parseExpression(expression, {}, undefined);
  } catch {
    return [];
  }
  const read = new Set<string>();
  const bound = new Set(['item']);
  const cursor = tree.cursor();
  do {
    const text = () => expression.slice(cursor.from, cursor.to).trim();
    if (cursor.name === 'Name' && cursor.node.parent?.name === 'InExpression') bound.add(text());
    if (cursor.name !== 'VariableName') continue;
    const parent = cursor.node.parent;
    // A function's name is a VariableName too: the first child of the invocation.
    if (parent?.name === 'FunctionInvocation' && parent.firstChild?.from === cursor.from) continue;
    read.add(text());
  } while (cursor.next());
  return [...read].filter((name) => !bound.has(name));
}

/**
 * A known name that `name` is probably a misspelling of (case aside, or at most two letters off),
 * for "did you mean"; undefined if none is that close.
 */
export function closestName(name: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = candidate.toLowerCase() === name.toLowerCase() ? 0.5 : editDistance(candidate, name);
    if (distance <= 2 && (!best || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

/** The variable names a process can come to hold, and whether anything may add names not known before it runs. */
export interface ProcessVariables {
  names: ReadonlySet<string>;
  /** A service, script, message, call returning all its variables or task without a known form may set any name. */
  open: boolean;
}

/**
 * The variables `process` can hold, read from the diagram: its application form's and its task
 * forms' fields, call activity and output mapping targets, input mapping and element variable
 * names. `formFields(key)` gives a form's top-level field names (undefined: no such form).
 */
export function processVariables(process: ModdleElement, formFields: (key: string) => readonly string[] | undefined): ProcessVariables {
  const names = new Set<string>(multiInstanceVariables);
  let open = false;
  const fieldsOf = (key: unknown) => {
    const fields = typeof key === 'string' && !key.includes('${') ? formFields(key) : undefined;
    if (fields) fields.forEach((f) => names.add(f));
    else open = true;
  };
  const visit = (container: ModdleElement) => {
    for (const element of (container.flowElements ?? []) as ModdleElement[]) {
      const loop = element.loopCharacteristics;
      if (loop?.elementVariable) names.add(loop.elementVariable);
      const io = inputOutputOf(element);
      for (const { name } of [...(io?.inputs ?? []), ...(io?.outputs ?? [])]) names.add(name);
      switch (element.$type) {
        case 'bpmn:CallActivity':
          for (const out of callSpecOf(element).outputs) {
            if (out.all) open = true;
            else if (out.target) names.add(out.target);
          }
          break;
        case 'bpmn:UserTask':
          fieldsOf(element.formKey);
          break;
        case 'bpmn:ManualTask':
        case 'bpmn:ServiceTask':
        case 'bpmn:SendTask':
        case 'bpmn:BusinessRuleTask':
        case 'bpmn:ScriptTask':
        case 'bpmn:ReceiveTask':
          open = true;
          break;
      }
      // Messages and signals bring variables of their own.
      if ((element.eventDefinitions ?? []).some((d: ModdleElement) => d.$type === 'bpmn:MessageEventDefinition' || d.$type === 'bpmn:SignalEventDefinition')) open = true;
      if (element.flowElements) visit(element);
    }
  };
  // The start variables: what the application form allows.
  fieldsOf(applicationFormOf(process));
  visit(process);
  return { names, open };
}
