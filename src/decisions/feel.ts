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
  return compileUnaryTests(text, inputVariable)(value, scope);
}

export type CompiledExpression = (scope: Record<string, unknown>) => unknown;
export type CompiledTests = (value: unknown, scope: Record<string, unknown>) => boolean;

/**
 * A FEEL expression made ready to evaluate many times. feelin parses the text on every call, in
 * time that grows with the number of variables in scope (its parser is told every name), so a
 * case with many variables would pay for all of them in every cell. What needs no scope does not
 * get it: a name alone is read from the scope, an expression naming nothing (`"eligible"`, `10`,
 * `date("2025-05-24")`) is evaluated once here.
 */
export function compileExpression(text: string): CompiledExpression {
  const tree = safely(() => parseExpression(text, {}, undefined));
  const top = tree && topNode(tree);
  if (top?.name === 'VariableName' && top.from === 0 && top.to === text.length && !/\s\s/.test(text)) {
    return (scope) => scope[text] ?? null;
  }
  if (tree && !names(tree)) {
    const constant = safely(() => evaluateExpression(text, {}));
    if (constant !== undefined) return () => constant;
  }
  return (scope) => evaluateExpression(text, scope);
}

/**
 * Unary tests made ready to run many times (see `compileExpression`): `-` passes everything; the
 * commonest cells, a number compared (`< 3`, `>= 18`, `100`), strings listed (`"Low","Medium"`),
 * `true` or `false`, are decided here as FEEL decides them (a value of another type or null does
 * not match); other tests naming no variable get only the input value.
 */
export function compileUnaryTests(text: string, inputVariable = 'cellInput'): CompiledTests {
  if (isAnyTest(text)) return () => true;
  const trimmed = text.trim();
  const literal = literalTest(trimmed);
  if (literal) return literal;
  const tree = safely(() => parseUnaryTests(text, {}, undefined));
  if (tree && !names(tree)) return (value) => unaryTest(text, { '?': value }).value === true;
  return (value, scope) => unaryTest(text, { ...scope, [inputVariable]: value, '?': value }).value === true;
}

// helpers

const comparisons: Record<string, (a: number, b: number) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '': (a, b) => a === b,
};

function literalTest(text: string): CompiledTests | undefined {
  const number = /^(<=|>=|<|>)?\s*(-?\d+(?:\.\d+)?)$/.exec(text);
  if (number) {
    const compare = comparisons[number[1] ?? '']!;
    const bound = Number(number[2]);
    return (value) => typeof value === 'number' && compare(value, bound);
  }
  if (/^"[^"\\]*"(?:\s*,\s*"[^"\\]*")*$/.test(text)) {
    const listed = new Set([...text.matchAll(/"([^"\\]*)"/g)].map((m) => m[1]!));
    return (value) => typeof value === 'string' && listed.has(value);
  }
  if (text === 'true' || text === 'false') {
    const wanted = text === 'true';
    return (value) => value === wanted;
  }
  return undefined;
}

interface TreeNode {
  name: string;
  from: number;
  to: number;
}

/** Whether a parsed FEEL text names a variable or function (then it needs the scope). A text that does not parse counts as naming. */
function names(tree: ParsedTree): boolean {
  let found = false;
  tree.iterate({
    enter(node) {
      if (node.type.isError || node.type.name === 'VariableName') found = true;
      return found ? false : undefined;
    },
  });
  return found;
}

/** The one node under the tree's root (Expression → its child), if it has exactly one. */
function topNode(tree: ParsedTree): TreeNode | undefined {
  const child = tree.topNode.firstChild;
  return child && !child.nextSibling ? { name: child.name, from: child.from, to: child.to } : undefined;
}

function safely<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch {
    return undefined;
  }
}

function scopeOfNames(names: Iterable<string>): Record<string, null> {
  return Object.fromEntries([...names].map((name) => [name, null]));
}

interface ParsedTree {
  iterate(spec: { enter(node: { type: { isError: boolean; name: string }; from: number; to: number }): boolean | void }): void;
  topNode: { firstChild: (TreeNode & { nextSibling: unknown }) | null };
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
