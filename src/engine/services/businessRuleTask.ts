import { mapDecisionResult, mapDecisionResultKinds, type MapDecisionResult } from '../../decisions/index.js';
import type { Decisions } from '../decisions/index.js';
import type { ModdleElement } from '../definitions/index.js';
import type { ServiceHandler } from './index.js';

/** What a business rule task says about its decision (Camunda 7's attributes). */
export interface BusinessRule {
  /** camunda:decisionRef: the deployed decision's key (its DMN id). */
  decisionRef: string;
  /** camunda:decisionRefBinding `version` with camunda:decisionRefVersion; absent: `latest`, the version in effect now. */
  version?: number;
  /** camunda:resultVariable; absent: the result is only in history. */
  resultVariable?: string;
  /** camunda:mapDecisionResult, `resultList` by default as in Camunda 7. */
  mapDecisionResult: MapDecisionResult;
}

/** The business rule a task element calls, or undefined for a task that runs a service handler. */
export function businessRuleOf(element: ModdleElement | undefined): BusinessRule | undefined {
  if (!element || element.$type !== 'bpmn:BusinessRuleTask' || !element.decisionRef) return undefined;
  const kind = (element.mapDecisionResult ?? 'resultList') as MapDecisionResult;
  return {
    decisionRef: String(element.decisionRef),
    ...(element.decisionRefBinding === 'version' ? { version: Number(element.decisionRefVersion) } : {}),
    ...(element.resultVariable ? { resultVariable: String(element.resultVariable) } : {}),
    mapDecisionResult: mapDecisionResultKinds.includes(kind) ? kind : 'resultList',
  };
}

/**
 * The handler of a business rule task: evaluates its decision on the variables the task sees,
 * records `decision.evaluated` in the case's history (decision id, version, the matched rule ids
 * of the decision and of those it requires: which rule said so) and sets the result, shaped by
 * mapDecisionResult, as the result variable.
 *
 * @throws HitPolicyViolation naming the rules, DecisionResultError, NotFoundError: the job executor
 *   raises an incident at once, since evaluating again on the same variables fails the same way.
 */
export function businessRuleHandler(decisions: Decisions, rule: BusinessRule): ServiceHandler {
  return async (input) => {
    const outcome = await decisions.evaluate(rule.decisionRef, { ...input.variables }, rule.version === undefined ? {} : { version: rule.version });
    const result = mapDecisionResult(outcome.decisionId, outcome.resultList, rule.mapDecisionResult);
    input.record?.({
      type: 'decision.evaluated',
      data: { decisionId: outcome.decisionId, version: outcome.version, matchedRules: outcome.matchedRules, requiredDecisions: outcome.requiredDecisions, ...(rule.resultVariable ? { resultVariable: rule.resultVariable } : {}) },
    });
    return rule.resultVariable ? { [rule.resultVariable]: result } : {};
  };
}
