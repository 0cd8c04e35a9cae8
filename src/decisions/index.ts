/**
 * Decisions: DMN 1.3 decision tables and literal expressions, read from DMN 1.1–1.5 files and
 * evaluated with FEEL (feelin). A leaf: it imports only `errors`.
 */
export { parseDecisions } from './parse.js';
export { evaluateDecision, type DecisionEvaluation } from './evaluate.js';
export { mapDecisionResult, mapDecisionResultKinds, type MapDecisionResult } from './results.js';
export { DecisionDefinitionError, DecisionEvaluationError, DecisionResultError, HitPolicyViolation, type DecisionProblem } from './errors.js';
export { declaresDmn, type DmnVersion } from './migrate.js';
export type { Aggregation, Decision, DecisionDefinitions, DecisionTable, HitPolicy, InputClause, LiteralExpression, OutputClause, Rule } from './model.js';
