import { NotFoundError } from '../errors/index.js';
import { DecisionEvaluationError } from './errors.js';
import { compileExpression, compileUnaryTests, type CompiledExpression, type CompiledTests } from './feel.js';
import { applyHitPolicy, type RuleResult } from './hitPolicies.js';
import type { Decision, DecisionDefinitions, DecisionTable } from './model.js';

/**
 * One decision's evaluation, kept in history: which decision, which rules said so, and what.
 * `resultList` is Camunda 7's (one output map per rule, see `mapDecisionResult`), `value` the DMN
 * decision value (see `TableOutcome`). `requiredDecisions` are the evaluations of the decisions it
 * requires, directly or not, in the order they ran.
 */
export interface DecisionEvaluation {
  decisionId: string;
  decisionName: string;
  matchedRules: string[];
  resultList: Record<string, unknown>[];
  value: unknown;
  requiredDecisions: DecisionEvaluation[];
}

/**
 * Evaluates decision `decisionId` of `definitions` on `variables` (name → value; FEEL values or
 * plain JSON). Its required decisions are evaluated first, each once, and put in scope as Camunda 7
 * does — a single result's outputs by output name, several results' outputs as lists — and as DMN
 * does, the decision's value under its variable name.
 *
 * @throws NotFoundError when the file has no decision with that id.
 * @throws HitPolicyViolation when a table breaks UNIQUE or ANY (names every rule involved).
 * @throws DecisionEvaluationError when a cell fails at run time (names decision, rule, column).
 */
export function evaluateDecision(definitions: DecisionDefinitions, decisionId: string, variables: Record<string, unknown>): DecisionEvaluation {
  const decision = definitions.decisions.get(decisionId);
  if (!decision) throw new NotFoundError(`decision ${decisionId} is not in ${definitions.id || 'these definitions'}`, { decisionId });
  const scope: Record<string, unknown> = { ...variables };
  const done = new Map<string, DecisionEvaluation>();
  const order: DecisionEvaluation[] = [];
  const run = (d: Decision): DecisionEvaluation => {
    const kept = done.get(d.id);
    if (kept) return kept;
    for (const id of d.requiredDecisions) {
      const required = run(definitions.decisions.get(id)!);
      putInScope(scope, definitions.decisions.get(id)!, required);
    }
    const evaluation = evaluateOne(d, scope);
    done.set(d.id, evaluation);
    order.push(evaluation);
    return evaluation;
  };
  const result = run(decision);
  return { ...result, requiredDecisions: order.slice(0, -1) };
}

// helpers

function evaluateOne(decision: Decision, scope: Record<string, unknown>): DecisionEvaluation {
  const base = { decisionId: decision.id, decisionName: decision.name, requiredDecisions: [] };
  const { logic } = decision;
  if (logic.kind === 'literalExpression') {
    const value = cell(decision.id, undefined, undefined, () => compileExpression(logic.text)(scope));
    return { ...base, matchedRules: [], resultList: [{ [decision.variableName]: value }], value };
  }
  return { ...base, ...evaluateTable(decision.id, logic, scope) };
}

function evaluateTable(decisionId: string, table: DecisionTable, scope: Record<string, unknown>): Pick<DecisionEvaluation, 'matchedRules' | 'resultList' | 'value'> {
  const cells = compiledCells(table);
  const inputValues = cells.inputs.map((input, c) => cell(decisionId, undefined, table.inputs[c]!.column, () => input(scope)));
  const matches: RuleResult[] = [];
  table.rules.forEach((rule, r) => {
    const tests = cells.rules[r]!;
    const matched = tests.inputEntries.every((test, c) => cell(decisionId, rule.id, table.inputs[c]!.column, () => test(inputValues[c], scope)));
    if (!matched) return;
    const outputs = Object.fromEntries(table.outputs.map((output, c) => [output.name, cell(decisionId, rule.id, output.column, () => tests.outputEntries[c]!(scope))]));
    matches.push({ ruleId: rule.id, outputs });
  });
  const defaults = table.outputs.some((o) => o.defaultEntry)
    ? Object.fromEntries(table.outputs.map((o) => [o.name, o.defaultEntry ? cell(decisionId, undefined, o.column, () => compileExpression(o.defaultEntry!)(scope)) : null]))
    : undefined;
  return applyHitPolicy(decisionId, table, matches, defaults);
}

interface CompiledCells {
  inputs: CompiledExpression[];
  rules: { inputEntries: CompiledTests[]; outputEntries: CompiledExpression[] }[];
}

/** Each table's cells, compiled the first time it is evaluated; parsed definitions are kept per version, so this is once per version. */
const compiledTables = new WeakMap<DecisionTable, CompiledCells>();
const nothing: CompiledExpression = () => null;

function compiledCells(table: DecisionTable): CompiledCells {
  let cells = compiledTables.get(table);
  if (!cells) {
    cells = {
      inputs: table.inputs.map((input) => compileExpression(input.expression)),
      rules: table.rules.map((rule) => ({
        inputEntries: rule.inputEntries.map((text, c) => compileUnaryTests(text, table.inputs[c]?.inputVariable)),
        outputEntries: table.outputs.map((_, c) => (rule.outputEntries[c]?.trim() ? compileExpression(rule.outputEntries[c]!) : nothing)),
      })),
    };
    compiledTables.set(table, cells);
  }
  return cells;
}

/** A required decision's result in its requirer's scope: Camunda 7's output names, then DMN's variable name. */
function putInScope(scope: Record<string, unknown>, decision: Decision, evaluation: DecisionEvaluation): void {
  const { resultList } = evaluation;
  const multiple = decision.logic.kind === 'decisionTable' && !decision.logic.aggregation
    && ['COLLECT', 'RULE ORDER', 'OUTPUT ORDER'].includes(decision.logic.hitPolicy);
  if (resultList.length === 1 && !multiple) Object.assign(scope, resultList[0]);
  else if (resultList.length) {
    for (const name of new Set(resultList.flatMap((r) => Object.keys(r)))) scope[name] = resultList.map((r) => r[name] ?? null);
  }
  scope[decision.variableName] = evaluation.value;
}

function cell<T>(decisionId: string, ruleId: string | undefined, column: string | undefined, run: () => T): T {
  try {
    return run();
  } catch (err) {
    throw new DecisionEvaluationError({ decisionId, ...(ruleId ? { ruleId } : {}), ...(column ? { column } : {}), message: (err as Error).message });
  }
}
