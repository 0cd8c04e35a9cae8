import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { declaresDmn, DecisionDefinitionError, evaluateDecision, parseDecisions } from '../../src/decisions/index.js';
import { ValidationError } from '../../src/errors/index.js';
import { dmn, rule, type TableSpec } from './dmn.js';

const queue: TableSpec = {
  id: 'queue',
  inputs: [{ label: 'Years resident', expression: 'yearsResident' }, { label: 'Owns housing', expression: 'ownsHousing' }],
  outputs: [{ name: 'category', label: 'Category' }],
  rules: [rule('r-owner', ['-', 'true'], ['"denied"']), rule('r-settled', ['>= 3', 'false'], ['"eligible"'])],
};

async function rejection(xml: string): Promise<DecisionDefinitionError> {
  const err = await parseDecisions(xml).then(() => undefined, (e: unknown) => e);
  expect(err, 'the file was accepted').to.be.instanceOf(DecisionDefinitionError);
  return err as DecisionDefinitionError;
}

describe('decisions: parsing', () => {
  describe('a FEEL syntax error is found when the file is read, naming decision, rule and column', () => {
    it('in an input entry', async () => {
      const err = await rejection(dmn({ ...queue, rules: [...queue.rules, rule('r-bad', ['>= ', 'false'], ['"eligible"'])] }));
      expect(err.details.problems).to.have.length(1);
      expect(err.details.problems[0]).to.include({ decisionId: 'queue', ruleId: 'r-bad', column: 'input "Years resident"' });
      expect(err.message).to.contain('queue').and.to.contain('r-bad').and.to.contain('Years resident');
      expect(err.status).to.equal(400);
    });

    it('in an output entry', async () => {
      const err = await rejection(dmn({ ...queue, rules: [rule('r-owner', ['-', 'true'], ['"denied" "x"'])] }));
      expect(err.details.problems[0]).to.include({ decisionId: 'queue', ruleId: 'r-owner', column: 'output "Category"' });
    });

    it('in a rule without an id, named by its place', async () => {
      const err = await rejection(dmn({ ...queue, rules: [queue.rules[0]!, { inputs: ['[1..', '-'], outputs: ['"x"'] }] }));
      expect(err.details.problems[0]).to.include({ decisionId: 'queue', ruleId: 'rule 2', column: 'input "Years resident"' });
    });

    it('in an input expression, and every problem at once', async () => {
      const err = await rejection(dmn({
        ...queue,
        inputs: [{ label: 'Years resident', expression: 'yearsResident +' }, queue.inputs[1]!],
        rules: [rule('r-owner', ['-', 'true'], ['"denied" +'])],
      }));
      expect(err.details.problems.map((p) => [p.ruleId, p.column])).to.deep.equal([[undefined, 'input "Years resident"'], ['r-owner', 'output "Category"']]);
    });
  });

  it('refuses a rule with a missing cell', async () => {
    const err = await rejection(dmn({ ...queue, rules: [rule('r-short', ['-'], ['"denied"'])] }));
    expect(err.details.problems[0]).to.include({ decisionId: 'queue', ruleId: 'r-short' });
    expect(err.details.problems[0]!.message).to.contain('1 input entries for 2 inputs');
  });

  it('refuses PRIORITY without output values to order by', async () => {
    const err = await rejection(dmn({ ...queue, hitPolicy: 'PRIORITY' }));
    expect(err.details.problems[0]!.message).to.contain('PRIORITY needs output values');
  });

  it('refuses a requirement on a decision that is not there, and a cycle', async () => {
    const missing = await rejection(dmn({ ...queue, requires: ['household'] }));
    expect(missing.details.problems[0]).to.include({ decisionId: 'queue' });
    expect(missing.details.problems[0]!.message).to.contain('household');
    const cycle = await rejection(dmn({ ...queue, requires: ['household'] }, { ...queue, id: 'household', requires: ['queue'] }));
    expect(cycle.message).to.contain('cycle');
  });

  it('refuses logic it does not evaluate, by name', async () => {
    const xml = dmn(queue).replace('</definitions>', `  <decision id="summary" name="Summary"><context id="c1"><contextEntry><variable name="a"/><literalExpression><text>1</text></literalExpression></contextEntry></context></decision>\n</definitions>`);
    const err = await rejection(xml);
    expect(err.details.problems[0]).to.include({ decisionId: 'summary' });
    expect(err.details.problems[0]!.message).to.contain('Context');
  });

  it('refuses a file that is not XML, and one that is not DMN', async () => {
    await rejection('<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"><decision');
    const notDmn = await parseDecisions('<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"/>').then(() => undefined, (e: unknown) => e);
    expect(notDmn).to.be.instanceOf(ValidationError);
    expect((notDmn as Error).message).to.contain('not a DMN file');
  });

  it('tells a DMN file by its root element, not by a DMN namespace a BPMN file declares', async () => {
    // Trisotech's BPMN files declare DMN namespaces for their decision tasks.
    const bpmn = '<?xml version="1.0"?><!-- made by hand --><definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:dmn="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d"><process id="p"/></definitions>';
    expect(declaresDmn(bpmn)).to.equal(false);
    const prefixed = dmn(queue).replace(/<definitions xmlns=/, '<dmn:definitions xmlns:dmn=').replace('</definitions>', '</dmn:definitions>').replace(/<(\/?)(decision|decisionTable|input|inputExpression|text|output|rule|inputEntry|outputEntry|description)([ >])/g, '<$1dmn:$2$3');
    expect(declaresDmn(prefixed)).to.equal(true);
    expect(evaluateDecision(await parseDecisions(prefixed), 'queue', { yearsResident: 4, ownsHousing: false }).value).to.equal('eligible');
    const notDmn = await parseDecisions(bpmn).then(() => undefined, (e: unknown) => e);
    expect((notDmn as Error).message).to.contain('not a DMN file');
  });

  describe('versions', () => {
    it('reads DMN 1.3 as written', async () => {
      const definitions = await parseDecisions(dmn(queue));
      expect(definitions.dmnVersion).to.equal('1.3');
      expect([...definitions.decisions.keys()]).to.deep.equal(['queue']);
    });

    it('migrates a DMN 1.1 file, as the Camunda 7 modeler wrote them, with camunda:inputVariable', async () => {
      const xml = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/DMN/20151101/dmn.xsd" xmlns:camunda="http://camunda.org/schema/1.0/dmn" id="dish-definitions" name="Dish" namespace="http://camunda.org/schema/1.0/dmn">
  <decision id="dish" name="Dish">
    <decisionTable id="table">
      <input id="season" label="Season" camunda:inputVariable="season"><inputExpression id="e1" typeRef="string"><text>weather</text></inputExpression></input>
      <output id="o1" label="Dish" name="desiredDish" typeRef="string" />
      <rule id="r-winter"><inputEntry id="u1"><text>"Winter"</text></inputEntry><outputEntry id="l1"><text>"Roastbeef"</text></outputEntry></rule>
      <rule id="r-summer"><inputEntry id="u2"><text>season = "Summer"</text></inputEntry><outputEntry id="l2"><text>"Salad"</text></outputEntry></rule>
    </decisionTable>
  </decision>
</definitions>`;
      const definitions = await parseDecisions(xml);
      expect(definitions.dmnVersion).to.equal('1.1');
      expect(evaluateDecision(definitions, 'dish', { weather: 'Winter' })).to.include({ value: 'Roastbeef' });
      expect(evaluateDecision(definitions, 'dish', { weather: 'Summer' }).matchedRules).to.deep.equal(['r-summer']);
    });

    it('migrates a DMN 1.2 file', async () => {
      const definitions = await parseDecisions(dmn(queue).replace('https://www.omg.org/spec/DMN/20191111/MODEL/', 'http://www.omg.org/spec/DMN/20180521/MODEL/'));
      expect(definitions.dmnVersion).to.equal('1.2');
      expect(evaluateDecision(definitions, 'queue', { yearsResident: 4, ownsHousing: false }).value).to.equal('eligible');
    });

    it('reads a DMN 1.5 file of the compatibility kit as 1.3', async () => {
      const definitions = await parseDecisions(readFileSync(new URL('../fixtures/dmn-tck/0004-simpletable-U.dmn', import.meta.url), 'utf8'));
      expect(definitions.dmnVersion).to.equal('1.5');
      const approval = [...definitions.decisions.values()].find((d) => d.name === 'Approval Status')!;
      expect(evaluateDecision(definitions, approval.id, { Age: 17, RiskCategory: 'Low', isAffordable: true }).value).to.equal('Declined');
    });

    it('refuses a DMN 1.4 construct that 1.3 lacks, by name', async () => {
      const xml = dmn(queue)
        .replace('https://www.omg.org/spec/DMN/20191111/MODEL/', 'https://www.omg.org/spec/DMN/20211108/MODEL/')
        .replace('</definitions>', `  <decision id="pick" name="Pick"><conditional id="c1"><if><literalExpression><text>true</text></literalExpression></if></conditional></decision>\n</definitions>`);
      const err = await rejection(xml);
      expect(err.message).to.contain('boxed conditional (DMN 1.4)');
    });

    it('refuses a DMN version it does not know, naming its namespace', async () => {
      const err = await parseDecisions(dmn(queue).replace('https://www.omg.org/spec/DMN/20191111/MODEL/', 'https://www.omg.org/spec/DMN/20240513/MODEL/')).then(() => undefined, (e: unknown) => e);
      expect(err).to.be.instanceOf(ValidationError);
      expect((err as Error).message).to.contain('20240513');
    });
  });

  it('keeps each rule\'s description, where a table cites its source', async () => {
    const definitions = await parseDecisions(dmn({ ...queue, rules: [rule('r-owner', ['-', 'true'], ['"denied"'], 'Rules para 15.1')] }));
    const table = definitions.decisions.get('queue')!.logic;
    expect(table.kind === 'decisionTable' && table.rules[0]!.annotation).to.equal('Rules para 15.1');
  });
});
