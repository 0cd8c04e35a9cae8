import { expect } from 'chai';
import { evaluateDecision, parseDecisions } from '../../src/decisions/index.js';
import { NotFoundError } from '../../src/errors/index.js';
import { dmn, rule, type TableSpec } from './dmn.js';

// A decision requirements graph: the denial decision requires the household's size and its grounds.
const household: TableSpec = {
  id: 'household',
  name: 'Household size',
  inputs: [{ label: 'Members', expression: 'count(members)' }],
  outputs: [{ name: 'size', label: 'Size' }],
  rules: [rule('r-single', ['1'], ['"single"']), rule('r-family', ['> 1'], ['"family"'])],
};
const grounds: TableSpec = {
  id: 'grounds',
  name: 'Denial grounds',
  hitPolicy: 'COLLECT',
  inputs: [{ label: 'Owns housing', expression: 'ownsHousing' }, { label: 'Years resident', expression: 'yearsResident' }],
  outputs: [{ name: 'ground', label: 'Ground' }],
  rules: [rule('g-owner', ['true', '-'], ['"owns housing"']), rule('g-domicile', ['-', '< 3'], ['"domicile under 3 years"'])],
};
const denial: TableSpec = {
  id: 'denial',
  name: 'Denial',
  requires: ['household', 'grounds'],
  inputs: [{ label: 'Size', expression: 'size' }, { label: 'Grounds', expression: 'count(Denial grounds)' }],
  outputs: [{ name: 'denied', label: 'Denied' }, { name: 'reason', label: 'Reason' }],
  rules: [
    rule('d-none', ['-', '0'], ['false', 'null']),
    rule('d-single', ['"single"', '> 0'], ['true', 'ground[1]']),
    rule('d-family', ['"family"', '> 0'], ['true', 'string join(ground, "; ")']),
  ],
};

describe('decisions: evaluating a decision requirements graph', () => {
  it('evaluates the required decisions first and names every rule that decided', async () => {
    const definitions = await parseDecisions(dmn(household, grounds, denial));
    const result = evaluateDecision(definitions, 'denial', { members: ['A', 'B'], ownsHousing: true, yearsResident: 1 });
    expect(result.value).to.deep.equal({ denied: true, reason: 'owns housing; domicile under 3 years' });
    expect(result.matchedRules).to.deep.equal(['d-family']);
    expect(result.requiredDecisions.map((d) => [d.decisionId, d.matchedRules])).to.deep.equal([
      ['household', ['r-family']],
      ['grounds', ['g-owner', 'g-domicile']],
    ]);
  });

  it('puts a required decision in scope by output name (Camunda 7) and by decision name (DMN)', async () => {
    const definitions = await parseDecisions(dmn(household, grounds, denial));
    // size: the single result's output; Denial grounds: the COLLECT list under the decision's name;
    // ground: the collected outputs under the output name, as Camunda 7 collects entries.
    const single = evaluateDecision(definitions, 'denial', { members: ['A'], ownsHousing: false, yearsResident: 1 });
    expect(single.value).to.deep.equal({ denied: true, reason: 'domicile under 3 years' });
    const none = evaluateDecision(definitions, 'denial', { members: ['A'], ownsHousing: false, yearsResident: 5 });
    expect(none.value).to.deep.equal({ denied: false, reason: null });
    expect(none.matchedRules).to.deep.equal(['d-none']);
  });

  it('evaluates a literal expression decision', async () => {
    const xml = dmn(household).replace('</definitions>', `  <decision id="summary" name="Summary"><variable name="summary"/><literalExpression id="l1"><text>"Household: " + size</text></literalExpression><informationRequirement id="i1"><requiredDecision href="#household"/></informationRequirement></decision>\n</definitions>`);
    const result = evaluateDecision(await parseDecisions(xml), 'summary', { members: ['A'] });
    expect(result.value).to.equal('Household: single');
    expect(result.resultList).to.deep.equal([{ summary: 'Household: single' }]);
  });

  it('reads an input data name with spaces, as the compatibility kit writes them', async () => {
    const spaced: TableSpec = { ...household, inputs: [{ label: 'Members', expression: 'count(Family members)' }] };
    const xml = dmn(spaced).replace('</definitions>', '  <inputData id="members" name="Family members"/>\n</definitions>');
    expect(evaluateDecision(await parseDecisions(xml), 'household', { 'Family members': ['A', 'B', 'C'] }).value).to.equal('family');
  });

  it('answers not found for a decision the file does not have', async () => {
    const definitions = await parseDecisions(dmn(household));
    expect(() => evaluateDecision(definitions, 'nope', {})).to.throw(NotFoundError, 'nope');
  });
});
