import { expect } from 'chai';
import { lintConfig } from '../../src/engine/index.js';
import browserLintConfig from '../../src/web/modeler/bpmnlintrc.json' with { type: 'json' };
import { chain, diagram, flow } from '../support/bpmn.js';
import { fixture, testQyzmet, type TestQyzmet } from '../support/app.js';

/** Start → a named task → end, plus whatever `extra` adds to the process. */
const small = (extra = '', names = true) =>
  diagram('leave', `<startEvent id="start" ${names ? 'name="Applied"' : ''}/><task id="check" name="Check the request"/><endEvent id="end" ${names ? 'name="Done"' : ''}/>${chain('start', 'check', 'end')}${extra}`);

describe('deployments: bpmnlint at deploy, the cases on each version', () => {
  let t: TestQyzmet;
  beforeEach(async () => {
    t = await testQyzmet({ services: { 'test.lookup': async () => ({ score: 42 }) } });
  });
  afterEach(() => t.close());

  it('refuses a diagram with a bpmnlint error, naming the element and the rule, and stores nothing', async () => {
    const before = await t.qyzmet.store.counts();
    // Two blank start events: which one does a case start at?
    const xml = diagram(
      'leave',
      `<startEvent id="applied" name="Applied"/><startEvent id="appliedAgain" name="Applied again"/><task id="check" name="Check the request"/><endEvent id="done" name="Done"/>
${chain('applied', 'check', 'done')}
${flow('appliedAgain', 'check')}`
    );
    for (const route of ['/api/deployments', '/api/deployments/validate']) {
      const res = await t.api.post(route).send(route.endsWith('validate') ? { xml } : { name: 'leave.bpmn', xml });
      expect(res.status, route).to.equal(400);
      const line = xml.split('\n').findIndex((l) => l.includes('id="leave"')) + 1;
      expect(res.body.details.problems, route).to.deep.equal([{ rule: 'single-blank-start-event', elementId: 'leave', line, message: 'Process has multiple blank start events (bpmnlint single-blank-start-event)' }]);
      expect(res.body.error, route).to.contain('leave: Process has multiple blank start events');
    }
    expect(await t.qyzmet.store.counts()).to.deep.equal(before);
  });

  it('accepts an unconditioned flow out of a gateway with a warning, which the modeler calls an error', async () => {
    const xml = diagram(
      'leave',
      `<startEvent id="start" name="Applied"/><exclusiveGateway id="decide" name="Approved?"/><endEvent id="granted" name="Granted"/><endEvent id="refused" name="Refused"/>
${flow('start', 'decide')}
${flow('decide', 'granted', '${approved}')}
${flow('decide', 'refused')}`
    );
    const res = await t.api.post('/api/deployments/validate').send({ xml });
    expect(res.status).to.equal(200);
    expect(res.body.warnings.filter((w: { rule: string }) => w.rule === 'conditional-flows').map((w: { elementId: string }) => w.elementId)).to.deep.equal(['decide-to-refused']);
  });

  it('deploys a diagram with warnings only, and returns the warnings by element', async () => {
    const res = await t.api.post('/api/deployments').send({ name: 'leave.bpmn', xml: small('', false) });
    expect(res.status).to.equal(201);
    const unnamed = (res.body.warnings as { rule: string; elementId: string }[]).filter((w) => w.rule === 'label-required').map((w) => w.elementId);
    expect(unnamed.sort()).to.deep.equal(['end', 'start']);
    const checked = await t.api.post('/api/deployments/validate').send({ xml: small() });
    expect(checked.status).to.equal(200);
    expect(checked.body.processes).to.deep.equal([{ id: 'leave', name: null }]);
    // Named, but written without diagram interchange: only no-bpmndi remains, as a warning.
    expect(new Set(checked.body.warnings.map((w: { rule: string }) => w.rule))).to.deep.equal(new Set(['no-bpmndi']));
  });

  it('warns of a step named in Russian only, naming it: its Kazakh name is missing', async () => {
    const ru = (text: string) => `<extensionElements><camunda:properties><camunda:property name="name:ru" value="${text}"/></camunda:properties></extensionElements>`;
    const xml = diagram('leave', `<startEvent id="start" name="Өтініш берілді"/><task id="check">${ru('Проверить заявление')}</task><endEvent id="end" name="Аяқталды"/>${chain('start', 'check', 'end')}`);
    const res = await t.api.post('/api/deployments/validate').send({ xml });
    expect(res.status).to.equal(200);
    expect(res.body.warnings.filter((w: { rule: string }) => w.rule === 'qyzmet/kazakh-name').map((w: { elementId: string; message: string }) => [w.elementId, w.message])).to.deep.equal([
      ['check', 'Element has no Kazakh name (name), only "Проверить заявление" (bpmnlint qyzmet/kazakh-name)'],
    ]);
    // Named, if not in Kazakh: label-required says nothing more.
    expect(res.body.warnings.filter((w: { rule: string }) => w.rule === 'label-required')).to.deep.equal([]);
  });

  it('lints with the rules of the modeler in the browser, which is stricter only about conditions', () => {
    const { 'conditional-flows': strict, ...browserRules } = browserLintConfig.rules;
    const { 'conditional-flows': lenient, ...serverRules } = lintConfig.rules;
    expect([strict, lenient]).to.deep.equal(['error', 'warn']);
    expect({ ...browserLintConfig, rules: browserRules }).to.deep.equal({ ...lintConfig, rules: serverRules });
  });

  it('counts the running and all cases on each version of a key', async () => {
    await t.deploy(fixture('review.bpmn'));
    const start = async (businessKey: string) => (await t.api.post('/api/definitions/review/instances').send({ businessKey, variables: {} })).body as { id: string };
    const first = await start('R-1');
    await start('R-2');
    await t.deploy(fixture('review-v2.bpmn'));
    await start('R-3');
    await t.api.post(`/api/instances/${first.id}/cancel`).expect(200);
    const res = await t.api.get('/api/definitions/review').expect(200);
    expect(res.body.versions.map((v: { version: number; instances: unknown }) => [v.version, v.instances])).to.deep.equal([
      [1, { running: 1, total: 2 }],
      [2, { running: 1, total: 1 }],
    ]);
  });
});
