import { DmnModdle } from 'dmn-moddle';
import { DecisionDefinitionError, type DecisionProblem } from './errors.js';
import { evaluateExpression, expressionSyntaxError, isAnyTest, unaryTestsSyntaxError } from './feel.js';
import { newerConstructs, toDmn13 } from './migrate.js';
import type { Aggregation, Decision, DecisionDefinitions, DecisionTable, HitPolicy, InputClause, OutputClause, Rule } from './model.js';

type Element = Record<string, any> & { $type: string };

const hitPolicies: readonly HitPolicy[] = ['UNIQUE', 'FIRST', 'PRIORITY', 'ANY', 'COLLECT', 'RULE ORDER', 'OUTPUT ORDER'];
const aggregations: readonly Aggregation[] = ['SUM', 'MIN', 'MAX', 'COUNT'];

/**
 * Reads a DMN file (1.1 to 1.5, see `toDmn13`) into checked `DecisionDefinitions`: every input
 * expression, input entry, output entry and default output entry is parsed as FEEL now, so a
 * syntax error is found on deploy, not on the case it would decide.
 *
 * Evaluated: decision tables (every DMN 1.3 hit policy) and literal expressions. Other boxed
 * expressions (contexts, invocations of business knowledge models, relations, lists, functions)
 * are refused by name.
 *
 * @throws DecisionDefinitionError listing every problem, each with decision id, rule id (or
 *   `rule N`) and column (`input "label"` / `output "label"`, else the clause id).
 * @throws ValidationError when the file names no DMN namespace or an unknown DMN version.
 */
export async function parseDecisions(xml: string): Promise<DecisionDefinitions> {
  const { xml: dmn13, version } = await toDmn13(xml);
  let root: Element;
  let warnings: { message: string }[];
  try {
    ({ rootElement: root, warnings } = await new DmnModdle().fromXML(dmn13, 'dmn:Definitions'));
  } catch (err) {
    throw new DecisionDefinitionError([{ message: `not readable as DMN: ${firstLine((err as Error).message)}` }]);
  }
  const problems: DecisionProblem[] = warnings.map((w) => ({ message: unknownConstruct(w.message) }));

  const elements: Element[] = root.drgElement ?? [];
  const inputData = elements.filter((e) => e.$type === 'dmn:InputData').map((e) => String(e.variable?.name ?? e.name ?? e.id));
  const decisionElements = elements.filter((e) => e.$type === 'dmn:Decision');
  const names = new Set<string>(inputData);
  for (const d of decisionElements) {
    names.add(String(d.name ?? d.id));
    if (d.variable?.name) names.add(String(d.variable.name));
    for (const o of d.decisionLogic?.output ?? []) if (o.name) names.add(String(o.name));
  }

  const decisions = new Map<string, Decision>();
  for (const element of decisionElements) {
    const decision = readDecision(element, names, problems);
    if (decision) decisions.set(decision.id, decision);
  }
  checkRequirements(decisions, problems);
  if (problems.length) throw new DecisionDefinitionError(problems);
  return { id: String(root.id ?? ''), name: String(root.name ?? root.id ?? ''), dmnVersion: version, decisions, inputData };
}

// helpers

function readDecision(element: Element, names: ReadonlySet<string>, problems: DecisionProblem[]): Decision | undefined {
  const id = element.id as string | undefined;
  if (!id) {
    problems.push({ message: `a decision${element.name ? ` named "${element.name}"` : ''} has no id` });
    return undefined;
  }
  const name = String(element.name ?? id);
  const variableName = String(element.variable?.name ?? name);
  const requiredDecisions = (element.informationRequirement ?? [])
    .map((r: Element) => r.requiredDecision?.href as string | undefined)
    .filter((href: string | undefined): href is string => !!href)
    .map((href: string) => href.replace(/^#/, ''));
  const logic = element.decisionLogic as Element | undefined;
  const at = (p: Omit<DecisionProblem, 'decisionId'>): void => { problems.push({ decisionId: id, ...p }); };
  const knowledge = (element.knowledgeRequirement ?? []).map((r: Element) => String(r.requiredKnowledge?.href ?? '').replace(/^#/, ''));
  if (knowledge.length) {
    at({ message: `requires business knowledge model ${knowledge.join(', ')}; business knowledge models are not evaluated (decision tables and literal expressions are)` });
    return undefined;
  }
  if (!logic) {
    at({ message: 'the decision has no decision logic (a decision table or a literal expression)' });
    return undefined;
  }
  if (logic.$type === 'dmn:LiteralExpression') {
    const text = String(logic.text ?? '');
    const error = text.trim() ? expressionSyntaxError(text, names) : 'the literal expression is empty';
    if (error) at({ message: error });
    return { id, name, variableName, requiredDecisions, logic: { kind: 'literalExpression', text } };
  }
  if (logic.$type !== 'dmn:DecisionTable') {
    at({ message: `its logic is a ${logic.$type.replace(/^dmn:/, '')}; only decision tables and literal expressions are evaluated` });
    return undefined;
  }
  const table = readTable(logic, variableName, names, at);
  return table && { id, name, variableName, requiredDecisions, logic: table };
}

function readTable(table: Element, variableName: string, names: ReadonlySet<string>, at: (p: Omit<DecisionProblem, 'decisionId'>) => void): DecisionTable | undefined {
  const hitPolicy = (table.hitPolicy ?? 'UNIQUE') as HitPolicy;
  const aggregation = table.aggregation as Aggregation | undefined;
  if (!hitPolicies.includes(hitPolicy)) at({ message: `unknown hit policy "${hitPolicy}"` });
  if (aggregation && !aggregations.includes(aggregation)) at({ message: `unknown aggregation "${aggregation}"` });
  if (aggregation && hitPolicy !== 'COLLECT') at({ message: `aggregation ${aggregation} needs hit policy COLLECT, not ${hitPolicy}` });

  const inputs: InputClause[] = (table.input ?? []).map((input: Element, i: number) => {
    const column = columnOf('input', input, i);
    const expression = String(input.inputExpression?.text ?? '');
    const error = expression.trim() ? expressionSyntaxError(expression, names) : 'the input has no input expression';
    if (error) at({ column, message: error });
    return { column, expression, inputVariable: String(input.$attrs?.['camunda:inputVariable'] ?? 'cellInput') };
  });

  const outputElements: Element[] = table.output ?? [];
  if (!outputElements.length) at({ message: 'the decision table has no output' });
  if (aggregation && outputElements.length > 1) at({ message: `aggregation ${aggregation} needs exactly one output, the table has ${outputElements.length}` });
  const ordered = hitPolicy === 'PRIORITY' || hitPolicy === 'OUTPUT ORDER';
  const outputs: OutputClause[] = outputElements.map((output, i) => {
    const column = columnOf('output', output, i);
    let name = output.name as string | undefined;
    if (!name && outputElements.length > 1) at({ column, message: 'a table with several outputs must name each output' });
    name ??= variableName;
    const clause: OutputClause = { column, name };
    const listed = output.outputValues?.text as string | undefined;
    if (ordered && listed?.trim()) {
      const error = expressionSyntaxError(`[${listed}]`, names);
      const values = error ? undefined : evaluateExpression(`[${listed}]`, {});
      if (Array.isArray(values)) clause.priorities = values;
      else at({ column, message: `hit policy ${hitPolicy} orders by the output values, which must be a list of values: ${error ?? listed}` });
    }
    const defaultEntry = output.defaultOutputEntry?.text as string | undefined;
    if (defaultEntry?.trim()) {
      const error = expressionSyntaxError(defaultEntry, names);
      if (error) at({ column, message: `default output entry: ${error}` });
      clause.defaultEntry = defaultEntry;
    }
    return clause;
  });
  if (ordered && outputs.length && !outputs.some((o) => o.priorities)) at({ message: `hit policy ${hitPolicy} needs output values listed in priority order on an output` });

  const rules: Rule[] = (table.rule ?? []).map((rule: Element, i: number) => {
    const ruleId = String(rule.id ?? `rule ${i + 1}`);
    const inputEntries: string[] = (rule.inputEntry ?? []).map((e: Element) => String(e.text ?? ''));
    const outputEntries: string[] = (rule.outputEntry ?? []).map((e: Element) => String(e.text ?? ''));
    if (inputEntries.length !== inputs.length) at({ ruleId, message: `the rule has ${inputEntries.length} input entries for ${inputs.length} inputs` });
    if (outputEntries.length !== outputs.length) at({ ruleId, message: `the rule has ${outputEntries.length} output entries for ${outputs.length} outputs` });
    inputEntries.forEach((text, c) => {
      const error = isAnyTest(text) ? undefined : unaryTestsSyntaxError(text, names);
      if (error) at({ ruleId, column: inputs[c]?.column ?? `input ${c + 1}`, message: error });
    });
    outputEntries.forEach((text, c) => {
      const error = text.trim() ? expressionSyntaxError(text, names) : undefined;
      if (error) at({ ruleId, column: outputs[c]?.column ?? `output ${c + 1}`, message: error });
    });
    const annotation = (rule.description as string | undefined) ?? (rule.annotationEntry?.[0]?.text as string | undefined);
    return { id: ruleId, inputEntries, outputEntries, ...(annotation ? { annotation } : {}) };
  });

  return { kind: 'decisionTable', hitPolicy, ...(aggregation ? { aggregation } : {}), inputs, outputs, rules };
}

function columnOf(kind: 'input' | 'output', clause: Element, index: number): string {
  const label = clause.label ?? (kind === 'output' ? clause.name : undefined);
  return label ? `${kind} "${label}"` : clause.id ? `${kind} ${clause.id}` : `${kind} ${index + 1}`;
}

/** Every required decision exists, and none requires itself through others. */
function checkRequirements(decisions: ReadonlyMap<string, Decision>, problems: DecisionProblem[]): void {
  for (const d of decisions.values()) {
    for (const required of d.requiredDecisions) {
      if (!decisions.has(required)) problems.push({ decisionId: d.id, message: `requires decision ${required}, which is not in this file` });
    }
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      problems.push({ decisionId: id, message: `the decision requirements form a cycle: ${[...path.slice(path.indexOf(id)), id].join(' → ')}` });
      return;
    }
    state.set(id, 'visiting');
    for (const r of decisions.get(id)?.requiredDecisions ?? []) if (decisions.has(r)) visit(r, [...path, id]);
    state.set(id, 'done');
  };
  for (const id of decisions.keys()) visit(id, []);
}

function unknownConstruct(warning: string): string {
  const type = /unknown type <dmn:(\w+)>/.exec(warning)?.[1];
  if (type && newerConstructs[type]) return `${newerConstructs[type]} is not in DMN 1.3, which this evaluator reads`;
  return `not readable as DMN 1.3: ${warning.replace(/\s+/g, ' ').trim()}`;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!;
}
