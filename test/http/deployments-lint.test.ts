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
    // The second way out of the gateway has no condition and is not the default: which way a case goes is left open.
    const xml = diagram(
      'leave',
      `<startEvent id="start" name="Applied"/><exclusiveGateway id="decide" name="Approved?"/><endEvent id="granted" name="Granted"/><endEvent id="refused" name="Refused"/>
${flow('start', 'decide')}
${flow('decide', 'granted', '${approved}')}
${flow('decide', 'refused')}`
    );
    for (const route of ['/api/deployments', '/api/deployments/validate']) {
      const res = await t.api.post(route).send(route.endsWith('validate') ? { xml } : { name: 'leave.bpmn', xml });
      expect(res.status, route).to.equal(400);
      const line = xml.split('\n').findIndex((l) => l.includes('id="decide-to-refused"')) + 1;
      expect(res.body.details.problems, route).to.deep.equal([{ rule: 'conditional-flows', elementId: 'decide-to-refused', line, message: 'Sequence flow is missing condition (bpmnlint conditional-flows)' }]);
      expect(res.body.error, route).to.contain('decide-to-refused: Sequence flow is missing condition');
    }
    expect(await t.qyzmet.store.counts()).to.deep.equal(before);
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

  it('lints with the same rules as the modeler in the browser', () => {
    expect(browserLintConfig).to.deep.equal(lintConfig);
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
