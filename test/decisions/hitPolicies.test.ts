import { expect } from 'chai';
import { evaluateDecision, HitPolicyViolation, parseDecisions } from '../../src/decisions/index.js';
import { dmn, rule, type TableSpec } from './dmn.js';

/**
 * Each DMN 1.3 hit policy on a small housing-queue table, parsed from DMN text and evaluated as a
 * business rule task would: which rules said so, and what they decided.
 */
async function decide(spec: Omit<TableSpec, 'id' | 'inputs'> & Partial<Pick<TableSpec, 'inputs'>>, variables: Record<string, unknown>) {
  const table: TableSpec = { id: 'queue', inputs: [{ label: 'Years resident', expression: 'yearsResident' }, { label: 'Owns housing', expression: 'ownsHousing' }], ...spec };
  return evaluateDecision(await parseDecisions(dmn(table)), 'queue', variables);
}

const category = [{ name: 'category', label: 'Category' }];

describe('decisions: hit policies', () => {
  describe('UNIQUE', () => {
    const rules = [rule('r-owner', ['-', 'true'], ['"denied"']), rule('r-new', ['< 3', 'false'], ['"denied"']), rule('r-settled', ['>= 3', 'false'], ['"eligible"'])];

    it('gives the one matching rule\'s output and its id', async () => {
      const result = await decide({ outputs: category, rules }, { yearsResident: 5, ownsHousing: false });
      expect(result).to.include({ decisionId: 'queue', value: 'eligible' });
      expect(result.matchedRules).to.deep.equal(['r-settled']);
      expect(result.resultList).to.deep.equal([{ category: 'eligible' }]);
    });

    it('is the default hit policy, and gives null when no rule matches', async () => {
      const result = await decide({ outputs: category, rules: rules.slice(1) }, { yearsResident: 5, ownsHousing: true });
      expect(result.value).to.equal(null);
      expect(result.matchedRules).to.deep.equal([]);
      expect(result.resultList).to.deep.equal([]);
    });

    it('refuses to pick when two rules match, naming both', async () => {
      const overlapping = [...rules, rule('r-veteran', ['>= 10', '-'], ['"priority"'])];
      const attempt = decide({ hitPolicy: 'UNIQUE', outputs: category, rules: overlapping }, { yearsResident: 12, ownsHousing: false });
      const err = await attempt.then(() => undefined, (e: unknown) => e);
      expect(err).to.be.instanceOf(HitPolicyViolation);
      expect((err as HitPolicyViolation).details).to.deep.equal({ decisionId: 'queue', hitPolicy: 'UNIQUE', ruleIds: ['r-settled', 'r-veteran'] });
      expect((err as Error).message).to.contain('r-settled').and.to.contain('r-veteran').and.to.contain('queue');
    });
  });

  describe('ANY', () => {
    const rules = [rule('r-owner', ['-', 'true'], ['"denied"']), rule('r-new', ['< 3', '-'], ['"denied"']), rule('r-settled', ['>= 3', 'false'], ['"eligible"'])];

    it('accepts several matching rules that agree, and names them all', async () => {
      const result = await decide({ hitPolicy: 'ANY', outputs: category, rules }, { yearsResident: 1, ownsHousing: true });
      expect(result.value).to.equal('denied');
      expect(result.matchedRules).to.deep.equal(['r-owner', 'r-new']);
      expect(result.resultList).to.deep.equal([{ category: 'denied' }]);
    });

    it('refuses matching rules whose outputs differ, naming them', async () => {
      const disagreeing = [...rules, rule('r-veteran', ['>= 10', '-'], ['"priority"'])];
      const err = await decide({ hitPolicy: 'ANY', outputs: category, rules: disagreeing }, { yearsResident: 12, ownsHousing: false }).then(() => undefined, (e: unknown) => e);
      expect(err).to.be.instanceOf(HitPolicyViolation);
      expect((err as HitPolicyViolation).details.ruleIds).to.deep.equal(['r-settled', 'r-veteran']);
    });
  });

  describe('FIRST', () => {
    it('takes the first matching rule in table order', async () => {
      const rules = [rule('r-veteran', ['>= 10', '-'], ['"priority"']), rule('r-settled', ['>= 3', '-'], ['"eligible"']), rule('r-any', ['-', '-'], ['"denied"'])];
      const result = await decide({ hitPolicy: 'FIRST', outputs: category, rules }, { yearsResident: 4, ownsHousing: false });
      expect(result.value).to.equal('eligible');
      expect(result.matchedRules).to.deep.equal(['r-settled']);
    });
  });

  describe('PRIORITY', () => {
    it('takes the match whose output comes first in the output values, not the first rule', async () => {
      const outputs = [{ name: 'category', values: '"denied", "priority", "eligible"' }];
      const rules = [rule('r-settled', ['>= 3', '-'], ['"eligible"']), rule('r-owner', ['-', 'true'], ['"denied"']), rule('r-veteran', ['>= 10', '-'], ['"priority"'])];
      const veteranOwner = await decide({ hitPolicy: 'PRIORITY', outputs, rules }, { yearsResident: 12, ownsHousing: true });
      expect(veteranOwner.value).to.equal('denied');
      expect(veteranOwner.matchedRules).to.deep.equal(['r-owner']);
      const veteran = await decide({ hitPolicy: 'PRIORITY', outputs, rules }, { yearsResident: 12, ownsHousing: false });
      expect(veteran.value).to.equal('priority');
    });

    it('breaks a tie on the first output by the next output\'s values', async () => {
      const outputs = [{ name: 'category', values: '"denied", "eligible"' }, { name: 'queue', values: '"general", "priority"' }];
      const rules = [rule('r-general', ['>= 3', '-'], ['"eligible"', '"general"']), rule('r-priority', ['>= 10', '-'], ['"eligible"', '"priority"'])];
      const result = await decide({ hitPolicy: 'PRIORITY', outputs, rules }, { yearsResident: 12, ownsHousing: false });
      expect(result.value).to.deep.equal({ category: 'eligible', queue: 'general' });
      expect(result.matchedRules).to.deep.equal(['r-general']);
    });
  });

  describe('RULE ORDER', () => {
    it('gives every match, in table order', async () => {
      const rules = [rule('r-settled', ['>= 3', '-'], ['"eligible"']), rule('r-owner', ['-', 'true'], ['"denied"']), rule('r-veteran', ['>= 10', '-'], ['"priority"'])];
      const result = await decide({ hitPolicy: 'RULE ORDER', outputs: category, rules }, { yearsResident: 12, ownsHousing: true });
      expect(result.value).to.deep.equal(['eligible', 'denied', 'priority']);
      expect(result.matchedRules).to.deep.equal(['r-settled', 'r-owner', 'r-veteran']);
      expect(result.resultList).to.deep.equal([{ category: 'eligible' }, { category: 'denied' }, { category: 'priority' }]);
    });
  });

  describe('OUTPUT ORDER', () => {
    it('gives every match, ordered by the output values', async () => {
      const outputs = [{ name: 'category', values: '"denied", "priority", "eligible"' }];
      const rules = [rule('r-settled', ['>= 3', '-'], ['"eligible"']), rule('r-owner', ['-', 'true'], ['"denied"']), rule('r-veteran', ['>= 10', '-'], ['"priority"'])];
      const result = await decide({ hitPolicy: 'OUTPUT ORDER', outputs, rules }, { yearsResident: 12, ownsHousing: true });
      expect(result.value).to.deep.equal(['denied', 'priority', 'eligible']);
      expect(result.matchedRules).to.deep.equal(['r-owner', 'r-veteran', 'r-settled']);
    });
  });

  describe('COLLECT', () => {
    // Points toward the queue place, one rule per ground.
    const points = [{ name: 'points' }];
    const rules = [rule('r-years', ['>= 3', '-'], ['10']), rule('r-decade', ['>= 10', '-'], ['25']), rule('r-tenant', ['-', 'false'], ['5'])];
    const veteranTenant = { yearsResident: 12, ownsHousing: false };

    it('without an aggregator gives every match', async () => {
      const result = await decide({ hitPolicy: 'COLLECT', outputs: points, rules }, veteranTenant);
      expect(result.value).to.deep.equal([10, 25, 5]);
      expect(result.matchedRules).to.deep.equal(['r-years', 'r-decade', 'r-tenant']);
    });

    for (const [aggregation, expected] of [['SUM', 40], ['MIN', 5], ['MAX', 25], ['COUNT', 3]] as const) {
      it(`with ${aggregation} gives ${expected}, and names the rules it counted`, async () => {
        const result = await decide({ hitPolicy: 'COLLECT', aggregation, outputs: points, rules }, veteranTenant);
        expect(result.value).to.equal(expected);
        expect(result.resultList).to.deep.equal([{ points: expected }]);
        expect(result.matchedRules).to.deep.equal(['r-years', 'r-decade', 'r-tenant']);
      });
    }

    it('with SUM over no match gives null, with COUNT 0', async () => {
      const owner = { yearsResident: 1, ownsHousing: true };
      expect((await decide({ hitPolicy: 'COLLECT', aggregation: 'SUM', outputs: points, rules }, owner)).value).to.equal(null);
      expect((await decide({ hitPolicy: 'COLLECT', aggregation: 'COUNT', outputs: points, rules }, owner)).value).to.equal(0);
    });
  });

  it('gives the default output entry when no rule matches', async () => {
    const outputs = [{ name: 'category', defaultEntry: '"review"' }];
    const result = await decide({ outputs, rules: [rule('r-owner', ['-', 'true'], ['"denied"'])] }, { yearsResident: 1, ownsHousing: false });
    expect(result.value).to.equal('review');
    expect(result.matchedRules).to.deep.equal([]);
  });
});
