import { isDeepStrictEqual } from 'node:util';
import { HitPolicyViolation } from './errors.js';
import { evaluateExpression } from './feel.js';
import type { DecisionTable, OutputClause } from './model.js';

/** A rule whose input entries all matched, with its output entries evaluated (output name → value). */
export interface RuleResult {
  ruleId: string;
  outputs: Record<string, unknown>;
}

/**
 * What a table decided. `matchedRules` are the rules the result comes from (for FIRST and PRIORITY
 * the one chosen); `resultList` is Camunda 7's result list, one output map per rule (or the single
 * aggregate); `value` is the DMN decision value: one output's value or a context of the outputs,
 * a list of those for RULE ORDER, OUTPUT ORDER and COLLECT, a number for an aggregation, null when
 * a single-hit table matched nothing.
 */
export interface TableOutcome {
  matchedRules: string[];
  resultList: Record<string, unknown>[];
  value: unknown;
}

/**
 * Applies the table's hit policy (DMN 1.3 §8.2.11) to the rules that matched, in rule order.
 * `defaults` is the result of the default output entries, used when nothing matched.
 *
 * @throws HitPolicyViolation when UNIQUE matched several rules, or ANY matched rules whose outputs differ.
 */
export function applyHitPolicy(decisionId: string, table: DecisionTable, matches: readonly RuleResult[], defaults?: Record<string, unknown>): TableOutcome {
  const single = (results: readonly RuleResult[]): TableOutcome => ({
    matchedRules: results.map((r) => r.ruleId),
    resultList: results.slice(0, 1).map((r) => r.outputs),
    value: results.length ? valueOf(table.outputs, results[0]!.outputs) : null,
  });
  const many = (results: readonly RuleResult[]): TableOutcome => ({
    matchedRules: results.map((r) => r.ruleId),
    resultList: results.map((r) => r.outputs),
    value: results.map((r) => valueOf(table.outputs, r.outputs)),
  });

  if (!matches.length && defaults) {
    const fallback = { matchedRules: [], resultList: [defaults], value: valueOf(table.outputs, defaults) };
    return isMultiple(table) && !table.aggregation ? { ...fallback, value: [fallback.value] } : fallback;
  }
  switch (table.hitPolicy) {
    case 'UNIQUE':
      if (matches.length > 1) throw new HitPolicyViolation(decisionId, 'UNIQUE', matches.map((m) => m.ruleId), 'more than one rule matches');
      return single(matches);
    case 'ANY': {
      const differing = matches.filter((m) => !isDeepStrictEqual(m.outputs, matches[0]!.outputs));
      if (differing.length) throw new HitPolicyViolation(decisionId, 'ANY', matches.map((m) => m.ruleId), 'the matching rules give different outputs');
      return { ...single(matches), matchedRules: matches.map((m) => m.ruleId) };
    }
    case 'FIRST':
      return single(matches.slice(0, 1));
    case 'PRIORITY':
      return single(byPriority(table.outputs, matches).slice(0, 1));
    case 'OUTPUT ORDER':
      return many(byPriority(table.outputs, matches));
    case 'RULE ORDER':
      return many(matches);
    case 'COLLECT':
      return table.aggregation ? aggregate(table, matches) : many(matches);
  }
}

// helpers

function isMultiple(table: DecisionTable): boolean {
  return table.hitPolicy === 'COLLECT' || table.hitPolicy === 'RULE ORDER' || table.hitPolicy === 'OUTPUT ORDER';
}

/** One output's value, or the context of all outputs by name. */
function valueOf(outputs: readonly OutputClause[], result: Record<string, unknown>): unknown {
  return outputs.length === 1 ? result[outputs[0]!.name] : result;
}

/**
 * Rules sorted by their outputs' places in the output values lists, the first output first
 * (DMN 1.3 §8.2.11: "the output values list gives the priority"); a value not listed comes last;
 * equal priorities keep rule order.
 */
function byPriority(outputs: readonly OutputClause[], matches: readonly RuleResult[]): RuleResult[] {
  const rank = (r: RuleResult): number[] => outputs.filter((o) => o.priorities).map((o) => {
    const i = o.priorities!.findIndex((p) => isDeepStrictEqual(p, r.outputs[o.name]));
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  });
  return matches
    .map((r, order) => ({ r, order, rank: rank(r) }))
    .sort((a, b) => {
      for (let i = 0; i < a.rank.length; i++) if (a.rank[i] !== b.rank[i]) return a.rank[i]! - b.rank[i]!;
      return a.order - b.order;
    })
    .map((x) => x.r);
}

/**
 * COLLECT with an aggregator over the single output: SUM, MIN and MAX as FEEL's sum(), min() and
 * max() over the non-null values (null when there are none), COUNT the number of matched rules (as
 * Camunda 7 counts).
 */
function aggregate(table: DecisionTable, matches: readonly RuleResult[]): TableOutcome {
  const name = table.outputs[0]!.name;
  const values = matches.map((m) => m.outputs[name]).filter((v) => v !== null && v !== undefined);
  const value = table.aggregation === 'COUNT'
    ? matches.length
    : values.length ? evaluateExpression(`${table.aggregation!.toLowerCase()}(values)`, { values }) : null;
  return { matchedRules: matches.map((m) => m.ruleId), resultList: value === null ? [] : [{ [name]: value }], value };
}
