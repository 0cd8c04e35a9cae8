import { expect } from 'chai';
import { evaluate, unaryTest } from 'feelin';
import { compileExpression, compileUnaryTests, expressionSyntaxError, unaryTestsSyntaxError } from '../../src/decisions/feel.js';

/**
 * The compiled cells decide exactly as feelin does on the same text (the evaluator skips feelin
 * only where the answer is certain), and syntax errors are located.
 */
describe('decisions: FEEL cells', () => {
  // Values of each test's own type (and null): there feelin follows FEEL. Across types feelin
  // compares as JavaScript does ('x' >= 18 is true to it); FEEL says null, no match — see below.
  const numbers = [null, 0, 2, 3, 3.5, 18, 100, -5];
  const strings = [null, 'Low', 'Medium', 'x', ''];
  const booleans = [null, true, false];
  const scope = { x: 2, limit: 18 };
  const cases: [string, unknown[]][] = [
    ['< 3', numbers], ['<= 3', numbers], ['> 3', numbers], ['>= 18', numbers], ['100', numbers], ['-5', numbers], ['3.5', numbers],
    ['[1..5]', numbers], ['? > x', numbers], ['>= limit', numbers], ['null', numbers],
    ['"Low","Medium"', strings], ['"Low"', strings], ['not("Low")', strings],
    ['true', booleans], ['false', booleans],
  ];

  for (const [text, values] of cases) {
    it(`the unary tests "${text}" match what feelin matches`, () => {
      const compiled = compileUnaryTests(text);
      for (const value of values) expect(compiled(value, scope), `${JSON.stringify(value)}`).to.equal(unaryTest(text, { ...scope, '?': value }).value === true);
    });
  }

  it('matches anything with "-" or an empty cell', () => {
    for (const value of [null, 1, 'x', true]) {
      expect(compileUnaryTests('-')(value, {})).to.equal(true);
      expect(compileUnaryTests('')(value, {})).to.equal(true);
    }
  });

  it('never matches a literal test against a value of another type (FEEL: the comparison is null)', () => {
    for (const [text, value] of [['< 3', 'x'], ['>= 18', 'x'], ['< 3', true], ['3', '3'], ['"3"', 3], ['true', 'true'], ['< 3', [1]]] as const) {
      expect(compileUnaryTests(text)(value, {}), `${text} on ${JSON.stringify(value)}`).to.equal(false);
    }
  });

  it('gives Camunda\'s cellInput (or camunda:inputVariable) the input value', () => {
    expect(compileUnaryTests('cellInput > 2')(3, {})).to.equal(true);
    expect(compileUnaryTests('season = "Winter"', 'season')('Winter', {})).to.equal(true);
  });

  for (const text of ['applicant', 'Approval Status', '"eligible"', '1 + 2', 'count(members)', 'x * 2', 'date("2025-05-24")', 'missing', 'applicant.name']) {
    it(`the expression "${text}" evaluates as feelin evaluates it`, () => {
      const vars = { applicant: { name: 'Aigerim' }, 'Approval Status': 'Approved', members: [1, 2, 3], x: 4 };
      expect(compileExpression(text)(vars)).to.deep.equal(evaluate(text, vars).value ?? null);
    });
  }

  it('reads the scope on every call of an expression that names a variable or function', () => {
    const today = compileExpression('x + 1');
    expect(today({ x: 1 })).to.equal(2);
    expect(today({ x: 5 })).to.equal(6);
  });

  it('locates a syntax error', () => {
    expect(expressionSyntaxError('yearsResident +', [])).to.match(/character 16/);
    expect(unaryTestsSyntaxError('"a" "b"', [])).to.match(/character 5: unexpected ""b""/);
    expect(unaryTestsSyntaxError('>= 18', [])).to.equal(undefined);
  });
});
