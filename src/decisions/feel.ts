import { evaluate, parseExpression, parseUnaryTests, unaryTest } from 'feelin';

/**
 * The FEEL cells of a decision: input expressions and output entries are FEEL expressions, input
 * entries are FEEL unary tests (DMN 1.3 §8.3.3), all read by `feelin`. A name with spaces
 * (`Approval Status`) is only a name where the parser is told it exists, so every check and every
 * evaluation passes the names in scope.
 */

/** The unary test that matches anything: `-`, or an empty cell as the Camunda modeler leaves it. */
export function isAnyTest(text: string | undefined): boolean {
  const trimmed = (text ?? '').trim();
  return trimmed === '' || trimmed === '-';
}

/** A message locating the first syntax error in a FEEL expression, or undefined if it parses. */
export function expressionSyntaxError(text: string, names: Iterable<string>): string | undefined {
  return firstError(text, parseExpression(text, scopeOfNames(names), undefined));
}

/** A message locating the first syntax error in FEEL unary tests, or undefined if they parse. */
export function unaryTestsSyntaxError(text: string, names: Iterable<string>): string | undefined {
  return firstError(text, parseUnaryTests(text, scopeOfNames(names), undefined));
}

/** The value of a FEEL expression in `scope` (a missing name is null, as FEEL has it). */
export function evaluateExpression(text: string, scope: Record<string, unknown>): unknown {
  return evaluate(text, scope).value ?? null;
}

/**
 * Whether `value` passes the unary tests `text` (`>= 18`, `"Low","Medium"`, `[1..5]`, `? > x`).
 * A test that cannot compare (null, another type) does not match. `inputVariable` is Camunda 7's
 * name for the input value inside the cell (`cellInput` by default), besides FEEL's `?`.
 */
export function passes(text: string, value: unknown, scope: Record<string, unknown>, inputVariable = 'cellInput'): boolean {
  if (isAnyTest(text)) return true;
  return unaryTest(text, { ...scope, [inputVariable]: value, '?': value }).value === true;
}

// helpers

function scopeOfNames(names: Iterable<string>): Record<string, null> {
  return Object.fromEntries([...names].map((name) => [name, null]));
}

interface ParsedTree {
  iterate(spec: { enter(node: { type: { isError: boolean }; from: number; to: number }): boolean | void }): void;
}

function firstError(text: string, tree: ParsedTree): string | undefined {
  let found: { from: number; to: number } | undefined;
  tree.iterate({
    enter(node) {
      if (found) return false;
      if (node.type.isError) found = { from: node.from, to: node.to };
      return undefined;
    },
  });
  if (!found) return undefined;
  const token = text.slice(found.from, found.to);
  return token
    ? `FEEL syntax error at character ${found.from + 1}: unexpected "${token}" in "${text}"`
    : `FEEL syntax error at character ${found.from + 1}: "${text}" is incomplete or has an unexpected token there`;
}
