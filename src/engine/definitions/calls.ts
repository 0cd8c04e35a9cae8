import type { ModdleElement } from './parse.js';

/** One `camunda:in` / `camunda:out` mapping of a call activity. */
export type VariableMapping = { all: true } | { all: false; source?: string; sourceExpression?: string; target: string };

/** A call activity that starts an instance of another deployed definition. */
export interface CallSpec {
  calledElement: string;
  /** Caller → called instance. Without mappings nothing is passed, as in Camunda. */
  inputs: VariableMapping[];
  /** Called instance → caller, when it ends. */
  outputs: VariableMapping[];
  /** `camunda:in businessKey="${…}"`; without it the called instance keeps the caller's business key. */
  businessKey?: string;
}

export function callSpecOf(element: ModdleElement): CallSpec {
  const mappings = (type: string) =>
    ((element.extensionElements?.values ?? []) as ModdleElement[])
      .filter((e) => e.$type === type && !e.businessKey)
      .map((e): VariableMapping => (e.variables === 'all' ? { all: true } : { all: false, source: e.source, sourceExpression: e.sourceExpression, target: e.target }));
  const businessKey = ((element.extensionElements?.values ?? []) as ModdleElement[]).find((e) => e.$type === 'camunda:In' && e.businessKey)?.businessKey;
  return { calledElement: element.calledElement, inputs: mappings('camunda:In'), outputs: mappings('camunda:Out'), businessKey };
}

/** Problems of a call activity's mappings, for deploy-time validation. */
export function callMappingProblems(element: ModdleElement): string[] {
  const problems: string[] = [];
  for (const e of (element.extensionElements?.values ?? []) as ModdleElement[]) {
    if (e.$type !== 'camunda:In' && e.$type !== 'camunda:Out') continue;
    const tag = e.$type === 'camunda:In' ? 'camunda:in' : 'camunda:out';
    if (e.local) problems.push(`${tag} local="true" is not supported`);
    if (e.businessKey !== undefined) {
      if (e.$type === 'camunda:Out') problems.push('camunda:out cannot set a businessKey');
      continue;
    }
    if (e.variables !== undefined) {
      if (e.variables !== 'all') problems.push(`${tag} variables="${e.variables}" is not supported (only "all")`);
      continue;
    }
    if (!e.target) problems.push(`${tag} needs a target (or variables="all")`);
    if (!e.source === !e.sourceExpression) problems.push(`${tag} target="${e.target ?? ''}" needs exactly one of source or sourceExpression`);
  }
  return problems;
}
