import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateDecision, parseDecisions, type DecisionDefinitions } from '../../src/decisions/index.js';
import { readTckFile, type TckFile } from './tckCases.js';

/**
 * The DMN Technology Compatibility Kit's compliance-level-2 cases (dmn-tck/tck, Apache 2.0; the
 * files are committed in test/fixtures/dmn-tck, see its README) run through the evaluator. Every
 * case labelled with a hit policy must pass; the others are counted and printed, and their known
 * failures are listed in the fixtures' README.
 */
const folder = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/dmn-tck');

interface Outcome {
  file: string;
  caseId: string;
  hitPolicy: boolean;
  failure?: string;
}

describe('DMN TCK compliance level 2', () => {
  const outcomes: Outcome[] = [];

  before(async () => {
    const files = readdirSync(folder).filter((f) => f.endsWith('-test-01.xml')).sort();
    for (const file of files) {
      const tck = readTckFile(readFileSync(join(folder, file), 'utf8'));
      outcomes.push(...(await runFile(tck)));
    }
    const passed = outcomes.filter((o) => !o.failure).length;
    const lines = [`DMN TCK compliance-level-2: ${passed} of ${outcomes.length} cases pass`];
    for (const o of outcomes.filter((x) => x.failure)) lines.push(`  ${o.file} #${o.caseId}: ${o.failure}`);
    console.log(lines.join('\n'));
  });

  it('reads every case of the kit', () => {
    expect(outcomes.length).to.be.greaterThan(100);
  });

  it('passes every hit-policy case (UNIQUE, ANY, PRIORITY, FIRST, RULE ORDER, OUTPUT ORDER, COLLECT and its aggregators)', () => {
    const hitPolicyCases = outcomes.filter((o) => o.hitPolicy);
    expect(hitPolicyCases.length).to.be.greaterThan(30);
    expect(hitPolicyCases.filter((o) => o.failure).map((o) => `${o.file} #${o.caseId}: ${o.failure}`)).to.deep.equal([]);
  });
});

async function runFile(tck: TckFile): Promise<Outcome[]> {
  const hitPolicy = tck.labels.some((l) => l.startsWith('Hit Policy:') || l.startsWith('Aggregator:'));
  let definitions: DecisionDefinitions;
  try {
    definitions = await parseDecisions(readFileSync(join(folder, tck.modelName), 'utf8'));
  } catch (err) {
    return tck.cases.map((c) => ({ file: tck.modelName, caseId: c.id, hitPolicy, failure: `not parsed: ${(err as Error).message}` }));
  }
  const byName = new Map([...definitions.decisions.values()].map((d) => [d.name, d.id]));
  return tck.cases.map((c) => {
    const failures: string[] = [];
    for (const result of c.results) {
      const id = byName.get(result.name);
      if (!id) {
        failures.push(`no decision named ${result.name}`);
        continue;
      }
      try {
        const { value } = evaluateDecision(definitions, id, c.inputs);
        if (result.errorResult) failures.push(`${result.name}: expected an error, got ${JSON.stringify(value)}`);
        else if (!same(value, result.expected)) failures.push(`${result.name}: expected ${JSON.stringify(result.expected)}, got ${JSON.stringify(value)}`);
      } catch (err) {
        if (!result.errorResult) failures.push(`${result.name}: ${(err as Error).message}`);
      }
    }
    return { file: tck.modelName, caseId: c.id, hitPolicy, ...(failures.length ? { failure: failures.join('; ') } : {}) };
  });
}

/** Equal as the TCK means it: numbers to 1e-9 relative, lists in order, contexts by their entries. */
function same(actual: unknown, expected: unknown): boolean {
  if (expected === null) return actual === null || actual === undefined;
  if (typeof expected === 'number') return typeof actual === 'number' && Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
  if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => same(actual[i], e));
  if (typeof expected === 'object') {
    if (!actual || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const keys = Object.keys(expected as object);
    return keys.length === Object.keys(actual).length && keys.every((k) => same((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k]));
  }
  return actual === expected;
}
