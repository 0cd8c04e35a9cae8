import { QyzmetError, ValidationError } from '../errors/index.js';

/** Where in a DMN file a problem is: decision id, rule id (or `rule N`), column (label or id). */
export interface DecisionProblem {
  decisionId?: string;
  ruleId?: string;
  column?: string;
  message: string;
}

/** A DMN file could not be read: bad XML, an unsupported construct, a FEEL syntax error in a cell. Thrown by `parseDecisions`, before anything is evaluated or stored. */
export class DecisionDefinitionError extends ValidationError {
  declare readonly details: { problems: DecisionProblem[] };

  constructor(problems: DecisionProblem[]) {
    super(`decision definitions rejected: ${problems.map(describe).join('; ')}`, { problems });
  }
}

/**
 * A table broke its hit policy for these variables: UNIQUE matched several rules, or ANY matched
 * rules whose outputs differ. `ruleIds` names every rule involved. Never a silent pick.
 */
export class HitPolicyViolation extends QyzmetError {
  override readonly status = 422;
  declare readonly details: { decisionId: string; hitPolicy: string; ruleIds: string[] };

  constructor(decisionId: string, hitPolicy: string, ruleIds: string[], why: string) {
    super(`decision ${decisionId}: hit policy ${hitPolicy} violated: ${why}: rules ${ruleIds.join(', ')}`, { decisionId, hitPolicy, ruleIds });
  }
}

/** Evaluating a cell failed at run time (a FEEL function threw). Names decision, rule and column. */
export class DecisionEvaluationError extends QyzmetError {
  override readonly status = 422;
  declare readonly details: DecisionProblem;

  constructor(problem: DecisionProblem) {
    super(describe(problem), problem);
  }
}

function describe(p: DecisionProblem): string {
  const where = [p.decisionId && `decision ${p.decisionId}`, p.ruleId && `rule ${p.ruleId}`, p.column && `column ${p.column}`].filter(Boolean);
  return where.length ? `${where.join(', ')}: ${p.message}` : p.message;
}

/** A decision's result does not fit the shape a caller asked for (Camunda 7's mapDecisionResult). */
export class DecisionResultError extends QyzmetError {
  override readonly status = 422;
  declare readonly details: { decisionId: string; mapDecisionResult: string };

  constructor(decisionId: string, mapDecisionResult: string, why: string) {
    super(`decision ${decisionId}: the result cannot be mapped as ${mapDecisionResult}: ${why}`, { decisionId, mapDecisionResult });
  }
}
