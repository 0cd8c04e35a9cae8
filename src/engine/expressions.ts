import { evaluate } from 'feelin';
import { termScope as termFunctions } from './terms.js';
import { iterationVariables } from './behaviours/MultiInstance.js';

/**
 * `${…}` expressions in diagrams are FEEL (the DMN expression language, as in Camunda 8), evaluated
 * by `feelin`: no JavaScript is ever run. The scope is the process variables, plus `environment`
 * and `content` so that bpmn-engine's own forms (`${environment.variables.x}`) keep working.
 *
 *   ${approved}                      a boolean variable
 *   ${amount > 1000}                 comparison
 *   ${status = "complete" and n < 3} equality is `=`, logic is `and`/`or`/`not(…)`
 *   ${count(members) >= 2}           built-in functions
 *   Заявка ${applicationNumber}      text around an expression is interpolated
 *   ${workingDays(8)}                a statutory term (see terms.ts)
 */
const whole = /^\$\{([\s\S]+)\}$/;
const embedded = /\$\{([^}]+)\}/g;

/** Properties that bpmn-elements stores among process variables; they are not the user's variables. */
export const engineVariableKeys: ReadonlySet<string> = new Set(['fields', 'content', 'properties']);

interface ExpressionContext {
  environment?: { variables?: Record<string, unknown>; services?: Record<string, unknown>; settings?: unknown };
  content?: Record<string, unknown>;
  [key: string]: unknown;
}

/** The user's variables among an engine environment's. */
export function userVariables(variables: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(variables).filter(([k]) => !engineVariableKeys.has(k)));
}

export function scopeOf(context: ExpressionContext): Record<string, unknown> {
  const scope = userVariables(context.environment?.variables ?? {});
  // An iteration of a multi-instance activity also sees loopCounter, nrOf…Instances and its item.
  Object.assign(scope, iterationVariables(context.content, context.environment));
  // Output of the previous step (a signal's payload) is also visible, as bpmn-engine does.
  const output = context.content?.output;
  if (output && typeof output === 'object' && !Array.isArray(output)) Object.assign(scope, output);
  scope.environment = context.environment;
  scope.content = context.content;
  scope.properties = context.properties;
  Object.assign(scope, termFunctions);
  return scope;
}

export function evaluateFeel(expression: string, scope: Record<string, unknown>): unknown {
  return evaluate(expression, scope).value;
}

/** Returns a message if `expression` is not valid FEEL, else undefined. Used at deploy time. */
export function feelSyntaxError(expression: string): string | undefined {
  try {
    evaluate(expression, { ...termFunctions });
    return undefined;
  } catch (err) {
    if ((err as { status?: number }).status === 400) return `"${expression}": ${(err as Error).message}`;
    return `"${expression}" is not a valid FEEL expression (${(err as Error).message})`;
  }
}

/**
 * What a deploy-time evaluation of an expression without variables tells: the value if it needs
 * none, and the functions it calls that do not exist (`workingDayz(8)`).
 */
export function evaluateStatically(expression: string): { value: unknown; unknownFunctions: string[] } {
  const { value, warnings } = evaluate(expression, { ...termFunctions }) as { value: unknown; warnings: { type: string; message: string }[] };
  const unknownFunctions = warnings
    .filter((w) => w.type === 'NO_VARIABLE_FOUND')
    .map((w) => /Variable '([^']+)' not found/.exec(w.message)?.[1])
    .filter((name): name is string => !!name && new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\(`).test(expression));
  return { value, unknownFunctions };
}

/**
 * Each `${…}` inside a text, for deploy-time checks. A text that is one expression is read whole, as
 * resolveExpression reads it, so a FEEL context or a list of contexts (`${{kk: "…", ru: "…"}}`) is
 * checked as written rather than cut at its first closing brace.
 */
export function expressionsIn(text: string): string[] {
  const single = whole.exec(text);
  if (single && !single[1]!.includes('${')) return [single[1]!];
  return [...text.matchAll(embedded)].map((m) => m[1]!);
}

/** The `expressions` handler bpmn-elements calls for conditions, timers, and other `${…}` values. */
export const feelExpressions = {
  isExpression(text: unknown): boolean {
    return typeof text === 'string' && whole.test(text);
  },
  hasExpression(text: unknown): boolean {
    return typeof text === 'string' && text.includes('${');
  },
  resolveExpression(template: unknown, context: ExpressionContext): unknown {
    if (typeof template !== 'string') return template;
    const single = whole.exec(template);
    if (single && !single[1]!.includes('${')) return evaluateFeel(single[1]!, scopeOf(context));
    if (!template.includes('${')) return template;
    const scope = scopeOf(context);
    return template.replace(embedded, (_, expr: string) => {
      const value = evaluateFeel(expr, scope);
      return value === undefined || value === null ? '' : String(value);
    });
  },
};
