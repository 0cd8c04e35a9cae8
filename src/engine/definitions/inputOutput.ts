import type { ModdleElement } from './parse.js';

/**
 * The value of a `camunda:inputParameter` or `camunda:outputParameter` (Camunda 7 reference,
 * "Extension Elements": inputOutput, inputParameter, outputParameter, list, map):
 *
 *   <camunda:inputParameter name="x">text or ${FEEL}</camunda:inputParameter>   text
 *   <camunda:inputParameter name="x"/>                                          null
 *   <camunda:list><camunda:value>…</camunda:value>…</camunda:list>              list (nests)
 *   <camunda:map><camunda:entry key="k">…</camunda:entry>…</camunda:map>        map (nests)
 */
export type ParameterValue =
  | { kind: 'null' }
  | { kind: 'text'; text: string }
  | { kind: 'list'; items: ParameterValue[] }
  | { kind: 'map'; entries: { key: string; value: ParameterValue }[] };

export interface Parameter {
  name: string;
  value: ParameterValue;
}

/** An activity's `camunda:inputOutput`: local variables while it runs, and what it hands back. */
export interface InputOutputSpec {
  /** Evaluated in the enclosing scope when the activity starts; they become its local variables. */
  inputs: Parameter[];
  /** Evaluated in the activity's scope when it completes; set on the enclosing scope. */
  outputs: Parameter[];
}

/** The element's `camunda:inputOutput`, or null. Call only on a diagram that passed validation. */
export function inputOutputOf(element: ModdleElement): InputOutputSpec | null {
  const io = extensionOf(element);
  if (!io) return null;
  const parameters = (list: ModdleElement[] | undefined) => (list ?? []).map((p) => ({ name: p.name as string, value: valueOf(p, p.definition) }));
  return { inputs: parameters(io.inputParameters), outputs: parameters(io.outputParameters) };
}

/**
 * Evaluates a parameter value: text through `resolve` (a `${…}` is FEEL, other text is a
 * constant), lists and maps item by item, in document order.
 */
export function parameterValue(value: ParameterValue, resolve: (text: string) => unknown): unknown {
  switch (value.kind) {
    case 'null':
      return null;
    case 'text':
      return resolve(value.text);
    case 'list':
      return value.items.map((item) => parameterValue(item, resolve));
    case 'map':
      return Object.fromEntries(value.entries.map(({ key, value: v }) => [key, parameterValue(v, resolve)]));
  }
}

/** Every text of a parameter value, for deploy-time expression checks. */
export function textsOf(value: ParameterValue): string[] {
  switch (value.kind) {
    case 'null':
      return [];
    case 'text':
      return [value.text];
    case 'list':
      return value.items.flatMap(textsOf);
    case 'map':
      return value.entries.flatMap((e) => textsOf(e.value));
  }
}

/** What makes an element's `camunda:inputOutput` unusable, as deploy problems (element-independent rules only). */
export function inputOutputProblems(element: ModdleElement): string[] {
  const io = extensionOf(element);
  if (!io) return [];
  const problems: string[] = [];
  if (io.connectorId) problems.push('camunda:inputOutput of a camunda:connector is not supported');
  for (const [tag, list] of [
    ['camunda:inputParameter', io.inputParameters],
    ['camunda:outputParameter', io.outputParameters],
  ] as const) {
    for (const parameter of (list ?? []) as ModdleElement[]) {
      const name = parameter.name as string | undefined;
      if (!name) problems.push(`${tag} needs a name`);
      else if (!/^[\p{L}_][\p{L}\p{N}_]*$/u.test(name)) problems.push(`${tag} name "${name}": variable names are letters, digits and _`);
      problems.push(...definitionProblems(parameter.definition, `${tag} "${name ?? ''}"`));
    }
  }
  return problems;
}

// helpers

function extensionOf(element: ModdleElement): ModdleElement | undefined {
  return ((element.extensionElements?.values ?? []) as ModdleElement[]).find((e) => e.$type === 'camunda:InputOutput');
}

/** A parameter or entry: its nested list, map or value element, else its own text (trimmed, as Camunda does). */
function valueOf(owner: ModdleElement, definition: ModdleElement | undefined): ParameterValue {
  if (definition?.$type === 'camunda:List') return { kind: 'list', items: ((definition.items ?? []) as ModdleElement[]).map((item) => valueOf(item, item.$type === 'camunda:Value' ? undefined : item)) };
  if (definition?.$type === 'camunda:Map') {
    return { kind: 'map', entries: ((definition.entries ?? []) as ModdleElement[]).map((entry) => ({ key: entry.key as string, value: valueOf(entry, entry.definition) })) };
  }
  const text = typeof owner.value === 'string' ? owner.value.trim() : '';
  return text === '' ? { kind: 'null' } : { kind: 'text', text };
}

function definitionProblems(definition: ModdleElement | undefined, what: string): string[] {
  if (!definition) return [];
  switch (definition.$type) {
    case 'camunda:Script':
      return [`${what}: camunda:script is not supported; write the value as text or \${FEEL}`];
    case 'camunda:List':
      return ((definition.items ?? []) as ModdleElement[]).flatMap((item) => (item.$type === 'camunda:Value' ? [] : definitionProblems(item, what)));
    case 'camunda:Map':
      return ((definition.entries ?? []) as ModdleElement[]).flatMap((entry) => [
        ...(entry.key ? [] : [`${what}: a camunda:entry needs a key`]),
        ...definitionProblems(entry.definition, what),
      ]);
    default:
      return [];
  }
}
