import { expect } from 'chai';
import { diagram } from '../../support/bpmn.js';
import { testQyzmet, type TestQyzmet } from '../../support/app.js';
import { dmn, rule, type TableSpec } from '../../decisions/dmn.js';

// The housing queue's category, one rule per ground.
const category: TableSpec = {
  id: 'queueCategory',
  name: 'Queue category',
  inputs: [{ label: 'Years resident', expression: 'yearsResident' }, { label: 'Owns housing', expression: 'ownsHousing' }],
  outputs: [{ name: 'category', label: 'Category' }],
  rules: [rule('owns-housing', ['-', 'true'], ['"denied"']), rule('domicile-short', ['< 3', 'false'], ['"denied"']), rule('domicile-met', ['>= 3', 'false'], ['"eligible"'])],
};

/** A business rule task deciding the category, then a gateway on it. */
const queueCase = (attributes: string) =>
  diagram(
    'queueCase',
    `<startEvent id="start"/>
    <sequenceFlow id="f1" sourceRef="start" targetRef="decide"/>
    <businessRuleTask id="decide" camunda:decisionRef="queueCategory" ${attributes}/>
    <sequenceFlow id="f2" sourceRef="decide" targetRef="eligible"/>
    <exclusiveGateway id="eligible" default="toDenial"/>
    <sequenceFlow id="toQueue" sourceRef="eligible" targetRef="queue"><conditionExpression>\${category = "eligible"}</conditionExpression></sequenceFlow>
    <sequenceFlow id="toDenial" sourceRef="eligible" targetRef="denial"/>
    <userTask id="queue"/>
    <userTask id="denial"/>`
  );

describe('engine: business rule tasks (camunda:decisionRef)', () => {
  let t: TestQyzmet;
  beforeEach(async () => {
    t = await testQyzmet();
  });
  afterEach(() => t.close());

  const details = async (id: string) => (await t.api.get(`/api/instances/${id}`)).body;
  async function start(variables: Record<string, unknown>, businessKey: string) {
    const res = await t.api.post('/api/definitions/queueCase/instances').send({ businessKey, variables });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    await t.qyzmet.jobs.runDue();
    return details(res.body.id);
  }

  it('sets the result variable as singleEntry and records which rule decided', async () => {
    await t.deploy(dmn(category));
    await t.deploy(queueCase('camunda:resultVariable="category" camunda:mapDecisionResult="singleEntry"'));
    const d = await start({ yearsResident: 5, ownsHousing: false }, 'Q-1');
    expect(d.variables.category).to.equal('eligible');
    expect(d.activities.map((a: { elementId: string }) => a.elementId)).to.deep.equal(['queue']);
    const evaluated = d.history.filter((h: { type: string }) => h.type === 'decision.evaluated');
    expect(evaluated).to.have.length(1);
    expect(evaluated[0]).to.include({ elementId: 'decide', elementType: 'bpmn:BusinessRuleTask' });
    expect(evaluated[0].data).to.deep.equal({ decisionId: 'queueCategory', version: 1, matchedRules: ['domicile-met'], requiredDecisions: [], resultVariable: 'category' });
  });

  it('keeps Camunda 7\'s result shapes: resultList by default, singleResult, collectEntries', async () => {
    await t.deploy(dmn(category));
    await t.deploy(queueCase('camunda:resultVariable="decided"'));
    expect((await start({ yearsResident: 1, ownsHousing: false }, 'Q-2')).variables.decided).to.deep.equal([{ category: 'denied' }]);
    await t.deploy(queueCase('camunda:resultVariable="decided" camunda:mapDecisionResult="singleResult"'));
    expect((await start({ yearsResident: 1, ownsHousing: false }, 'Q-3')).variables.decided).to.deep.equal({ category: 'denied' });
    await t.deploy(queueCase('camunda:resultVariable="decided" camunda:mapDecisionResult="collectEntries"'));
    expect((await start({ yearsResident: 1, ownsHousing: false }, 'Q-4')).variables.decided).to.deep.equal(['denied']);
  });

  it('evaluates the version in effect, or the one decisionRefBinding="version" names', async () => {
    await t.deploy(dmn(category));
    const v2 = { ...category, rules: [category.rules[0]!, rule('domicile-short', ['< 1', 'false'], ['"denied"']), rule('domicile-met', ['>= 1', 'false'], ['"eligible"'])] };
    await t.deploy(dmn(v2));
    await t.deploy(queueCase('camunda:resultVariable="category" camunda:mapDecisionResult="singleEntry"'));
    const latest = await start({ yearsResident: 2, ownsHousing: false }, 'Q-5');
    expect(latest.variables.category).to.equal('eligible');
    expect(latest.history.find((h: { type: string }) => h.type === 'decision.evaluated').data).to.include({ version: 2 });
    await t.deploy(queueCase('camunda:resultVariable="category" camunda:mapDecisionResult="singleEntry" camunda:decisionRefBinding="version" camunda:decisionRefVersion="1"'));
    const pinned = await start({ yearsResident: 2, ownsHousing: false }, 'Q-6');
    expect(pinned.variables.category).to.equal('denied');
    expect(pinned.history.find((h: { type: string }) => h.type === 'decision.evaluated').data).to.deep.include({ version: 1, matchedRules: ['domicile-short'] });
  });

  it('raises an incident naming both rules when a UNIQUE table matches two, at once and without retrying', async () => {
    await t.deploy(dmn({ ...category, rules: [...category.rules, rule('veteran', ['>= 10', '-'], ['"priority"'])] }));
    await t.deploy(queueCase('camunda:resultVariable="category" camunda:mapDecisionResult="singleEntry"'));
    const d = await start({ yearsResident: 12, ownsHousing: false }, 'Q-7');
    expect(d.incidents).to.have.length(1);
    expect(d.incidents[0].elementId).to.equal('decide');
    expect(d.incidents[0].message).to.contain('domicile-met').and.to.contain('veteran').and.to.contain('UNIQUE');
    expect(d.activities.map((a: { elementId: string }) => a.elementId)).to.deep.equal(['decide']);
    expect(d.variables).to.not.have.property('category');
  });

  it('refuses at deploy a decisionRef to no deployed decision, and an unsupported binding or mapping, naming the task', async () => {
    const refused = async (attributes: string) => {
      const res = await t.api.post('/api/deployments').send({ name: 'queue.bpmn', xml: queueCase(attributes) });
      expect(res.status, JSON.stringify(res.body)).to.equal(400);
      return res.body.details.problems.map((p: { elementId: string; message: string }) => `${p.elementId}: ${p.message}`);
    };
    expect(await refused('camunda:resultVariable="category"')).to.deep.equal(['decide: camunda:decisionRef "queueCategory" names no deployed decision: deploy its DMN file first']);
    await t.deploy(dmn(category));
    expect(await refused('camunda:decisionRefBinding="deployment"')).to.deep.equal(['decide: camunda:decisionRefBinding "deployment" is not supported (latest: the version in effect; version: with camunda:decisionRefVersion)']);
    expect(await refused('camunda:decisionRefBinding="version"')).to.deep.equal(['decide: camunda:decisionRefBinding="version" needs camunda:decisionRefVersion, a version number']);
    expect(await refused('camunda:mapDecisionResult="firstEntry"')).to.have.length(1);
  });
});
