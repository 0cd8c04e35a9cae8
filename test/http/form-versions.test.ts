import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { fixture, testQyzmet, type TestQyzmet } from '../support/app.js';
import { databaseTargets } from '../support/databases.js';

const fixtureForms = path.resolve(import.meta.dirname, '..', 'fixtures', 'forms');
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(fixtureForms, file), 'utf8')) as Record<string, any>;

/** The fixture form `decision` as a rule change would make it: who checked the file is now required. */
function decisionV2() {
  const schema = read('decision.schema.json');
  const ui = read('decision.ui.json');
  schema.properties.checkedBy = { type: 'string', minLength: 3 };
  schema.required = [...schema.required, 'checkedBy'];
  ui.fields.checkedBy = { label: { kk: 'Тексерген', ru: 'Проверил', en: 'Checked by' } };
  return { key: 'decision', schema, ui };
}

for (const database of databaseTargets()) describe(`task forms versioned with the diagrams (${database.name})`, () => {
  let t: TestQyzmet;
  after(() => database.stop());
  afterEach(() => t?.close());
  /** A Qyzmet with the review fixture's lookup; `env` for its configuration. */
  const open = async (env: Record<string, string> = {}) => testQyzmet({ databaseUrl: await database.fresh(), services: { 'test.lookup': async ({ businessKey }) => ({ score: 42, applicant: businessKey }) }, env });

  async function start(businessKey: string) {
    const res = await t.api.post('/api/definitions/review/instances').send({ businessKey, variables: {} });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    await t.qyzmet.jobs.runDue();
    const [task] = (await t.api.get('/api/tasks').query({ instance: res.body.id })).body as { id: string; elementId: string }[];
    expect(task?.elementId).to.equal('decide');
    return { instance: res.body as { id: string; definitionVersion: number }, taskId: task!.id };
  }
  const complete = (taskId: string, variables: Record<string, unknown>) => t.api.post(`/api/tasks/${taskId}/complete`).send({ variables });
  const formOf = async (taskId: string) => (await t.api.get(`/api/tasks/${taskId}/form`).expect(200)).body as { key: string; version: number; schema: Record<string, any> };

  it('keeps a case started on form v1 on v1 after form v2 and diagram v2 are deployed; a new case gets v2', async () => {
    t = await open();
    expect((await t.api.get('/api/forms/decision').expect(200)).body).to.include({ key: 'decision', version: 1, source: 'file', sourceFile: 'decision.schema.json', deployedBy: 'qyzmet serve' });
    await t.deploy(fixture('review.bpmn'));
    const old = await start('FV-1');
    expect((await formOf(old.taskId)).version).to.equal(1);

    const deployed = await t.as('analyst').then((analyst) => analyst.post('/api/forms').send(decisionV2()));
    expect(deployed.status, JSON.stringify(deployed.body)).to.equal(201);
    expect(deployed.body).to.include({ key: 'decision', version: 2, created: true, source: 'api', deployedBy: 'analyst' });
    expect((await t.api.get('/api/forms/decision')).body.version).to.equal(2);
    // The form alone changes no case: diagram v1 is still bound to form v1, even for a case started now.
    const before = await start('FV-2');
    expect((await formOf(before.taskId)).version).to.equal(1);

    // The same diagram deployed again binds the new form: a new version though its XML is unchanged.
    const [v2] = await t.deploy(fixture('review.bpmn'));
    expect(v2).to.include({ version: 2, created: true });
    expect((v2 as unknown as { formVersions: unknown }).formVersions).to.deep.equal({ decision: 2 });
    const versions = (await t.api.get('/api/definitions/review')).body.versions as { version: number; formVersions: Record<string, number> }[];
    expect(versions.map((v) => [v.version, v.formVersions])).to.deep.equal([[1, { decision: 1 }], [2, { decision: 2 }]]);

    const fresh = await start('FV-3');
    expect(fresh.instance.definitionVersion).to.equal(2);
    const freshForm = await formOf(fresh.taskId);
    expect(freshForm.version).to.equal(2);
    expect(freshForm.schema.required).to.include('checkedBy');
    expect((await complete(fresh.taskId, { approved: true })).body.details.fields).to.deep.equal([{ field: 'variables.checkedBy', message: 'is required' }]);

    // The old case's task shows and validates with v1: what was valid when it was created still is, and v2's field is unknown to it.
    const oldForm = await formOf(old.taskId);
    expect(oldForm.version).to.equal(1);
    expect(oldForm.schema.properties).not.to.have.property('checkedBy');
    expect((await complete(old.taskId, { approved: true, checkedBy: 'Ерлан' })).body.details.fields).to.deep.equal([{ field: 'variables', message: 'has an unknown field "checkedBy"' }]);
    expect((await complete(old.taskId, { approved: true })).status).to.equal(200);
    expect((await complete(fresh.taskId, { approved: true, checkedBy: 'Ерлан' })).status).to.equal(200);
  });

  it('tells which diagrams use a form and which version their newest version binds, out of date until deployed again', async () => {
    t = await open();
    await t.deploy(fixture('review.bpmn'));
    // Without the process's names in three languages, which the modeler's tests cover.
    const withoutNames = (rows: Record<string, unknown>[]) => rows.map(({ names: _names, ...rest }) => rest);
    const bindings = async (query: string) => withoutNames((await t.api.get(`/api/form-bindings${query}`).expect(200)).body);
    const row = { definition: 'review', name: 'Review', form: 'decision' };
    expect(await bindings('?form=decision')).to.deep.equal([{ ...row, definitionVersion: 1, formTitle: read('decision.ui.json').title, bound: 1, newest: 1, outdated: false }]);

    await (await t.as('analyst')).post('/api/forms').send(decisionV2()).expect(201);
    // A clerk reads it too (the forms are everyone's to read); the diagram's newest version still binds v1.
    const clerk = await t.as('operator');
    expect(withoutNames((await clerk.get('/api/form-bindings').query({ definition: 'review' }).expect(200)).body)).to.deep.equal([{ ...row, definitionVersion: 1, formTitle: read('decision.ui.json').title, bound: 1, newest: 2, outdated: true }]);

    await t.deploy(fixture('review.bpmn'));
    expect((await bindings('?form=decision')).map((b) => [b.definitionVersion, b.bound, b.newest, b.outdated])).to.deep.equal([[2, 2, 2, false]]);
    // A form no diagram uses has no rows; an unknown form or diagram is a 404 naming it.
    expect((await bindings('?form=ha-review')).filter((b) => b.definition === 'review')).to.deep.equal([]);
    expect((await t.api.get('/api/form-bindings?form=nope')).status).to.equal(404);
    expect((await t.api.get('/api/form-bindings?definition=nope')).body.error).to.match(/nope/);
    expect((await t.api.get('/api/form-bindings?colour=red')).status).to.equal(400);
  });

  it('keeps the binding across a restart; the unchanged forms/ file makes no version over the analyst\'s newer one', async () => {
    t = await open();
    await t.deploy(fixture('review.bpmn'));
    const old = await start('FV-4');
    await (await t.as('analyst')).post('/api/forms').send(decisionV2()).expect(201);
    await t.deploy(fixture('review.bpmn'));

    await t.restart();
    expect(((await t.api.get('/api/forms/decision/versions').expect(200)).body as { version: number; source: string }[]).map((v) => [v.version, v.source])).to.deep.equal([[1, 'file'], [2, 'api']]);
    expect((await formOf(old.taskId)).version).to.equal(1);
    expect((await complete(old.taskId, { approved: true, checkedBy: 'Ерлан' })).status).to.equal(400);
    const fresh = await start('FV-5');
    expect((await formOf(fresh.taskId)).version).to.equal(2);
    expect((await complete(fresh.taskId, { approved: false, reason: 'income above the threshold' })).body.details.fields).to.deep.equal([{ field: 'variables.checkedBy', message: 'is required' }]);
    expect((await complete(old.taskId, { approved: false, reason: 'income above the threshold' })).status).to.equal(200);
  });

  it('makes no version of a form or a diagram deployed again unchanged, through the API or at a restart', async () => {
    t = await open();
    const same = { key: 'decision', schema: read('decision.schema.json'), ui: read('decision.ui.json') };
    const again = await (await t.as('analyst')).post('/api/forms').send(same);
    expect(again.status).to.equal(200);
    expect(again.body).to.include({ version: 1, created: false, source: 'file' });
    await t.deploy(fixture('review.bpmn'));
    expect((await t.deploy(fixture('review.bpmn')))[0]).to.include({ version: 1, created: false });
    await t.restart();
    expect((await t.api.get('/api/forms/decision/versions')).body).to.have.length(1);
    expect((await t.deploy(fixture('review.bpmn')))[0]).to.include({ version: 1, created: false });
  });

  it('deploys a forms/ file changed on disk as the next version at the next start', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-forms-'));
    for (const file of ['decision.schema.json', 'decision.ui.json']) fs.copyFileSync(path.join(fixtureForms, file), path.join(folder, file));
    try {
      t = await open({ QYZMET_FORMS: folder });
      await t.deploy(fixture('review.bpmn'));
      const old = await start('FV-6');
      const { schema, ui } = decisionV2();
      fs.writeFileSync(path.join(folder, 'decision.schema.json'), JSON.stringify(schema, null, 2));
      fs.writeFileSync(path.join(folder, 'decision.ui.json'), JSON.stringify(ui, null, 2));
      await t.restart();
      expect((await t.api.get('/api/forms/decision')).body).to.include({ version: 2, source: 'file', sourceFile: 'decision.schema.json' });
      expect((await formOf(old.taskId)).version).to.equal(1);
      expect((await t.deploy(fixture('review.bpmn')))[0]).to.include({ version: 2, created: true });
      expect((await formOf((await start('FV-7')).taskId)).version).to.equal(2);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('checks a start against the application form its diagram version binds, and the start page is given that version', async () => {
    t = await open();
    const approval = fixture('approval.bpmn').replace('<startEvent id="start"/>', '<startEvent id="start" camunda:formKey="decision"/>');
    const startApproval = (businessKey: string, variables: Record<string, unknown>) => t.api.post('/api/definitions/approval/instances').send({ businessKey, variables });
    await t.deploy(approval);
    await (await t.as('analyst')).post('/api/forms').send(decisionV2()).expect(201);
    expect((await t.api.get('/api/definitions/approval/start-form').expect(200)).body).to.include({ key: 'decision', version: 1 });
    expect((await startApproval('SF-1', { approved: true })).status).to.equal(201);

    await t.deploy(approval);
    expect((await t.api.get('/api/definitions/approval/start-form').expect(200)).body).to.include({ key: 'decision', version: 2 });
    expect((await startApproval('SF-2', { approved: true })).body.details.fields).to.deep.equal([{ field: 'variables.checkedBy', message: 'is required' }]);
    expect((await startApproval('SF-2', { approved: true, checkedBy: 'Ерлан' })).status).to.equal(201);
    expect((await t.api.get('/api/definitions/review/start-form')).status).to.equal(404);
  });

  it('refuses a broken form with a 400 naming the field, and stores nothing', async () => {
    t = await open();
    const analyst = await t.as('analyst');
    const good = decisionV2();
    const before = await t.qyzmet.store.counts();
    const refused = async (body: unknown) => {
      const res = await analyst.post('/api/forms').send(body as object);
      expect(res.status, JSON.stringify(res.body)).to.equal(400);
      return res.body as { error: string; details: { field?: string; fields?: { field: string }[] } };
    };
    const notCompiled = await refused({ ...good, schema: { type: 'object', properties: { approved: { type: 'yes-or-no' } } } });
    expect(notCompiled.details.field).to.equal('schema');
    expect(notCompiled.error).to.match(/schema/);
    const strayLabel = await refused({ ...good, ui: { ...good.ui, fields: { ...good.ui.fields, colour: { label: { kk: 'Түс', ru: 'Цвет', en: 'Colour' } } } } });
    expect(strayLabel.details.field).to.equal('ui.fields.colour');
    expect(strayLabel.error).to.match(/labels "colour", which the schema does not have/);
    const unlabelled = await refused({ ...good, ui: { ...good.ui, fields: { ...good.ui.fields, checkedBy: undefined } } });
    expect(unlabelled.details.field).to.equal('ui.fields.checkedBy');
    expect((await refused({ ...good, schema: { ...good.schema, $async: true } })).details.field).to.equal('schema.$async');
    const unknownRule = await refused({ ...good, schema: { ...good.schema, 'x-qyzmet-rules': ['nobodysRule'] } });
    expect(unknownRule.details.field).to.equal('schema.x-qyzmet-rules');
    expect(unknownRule.error).to.match(/"nobodysRule"/);
    expect((await refused({ ...good, key: '../etc' })).details.fields!.map((f) => f.field)).to.deep.equal(['key']);
    expect((await refused({ key: 'decision', schema: good.schema })).details.fields!.map((f) => f.field)).to.deep.equal(['ui']);
    expect(await t.qyzmet.store.counts()).to.deep.equal(before);
    expect((await t.api.get('/api/forms/nope')).status).to.equal(404);
  });

  it('takes deployments of one form and of one diagram sent at the same moment, each its own version, never a 500', async () => {
    t = await open();
    const analyst = await t.as('analyst');
    const variants = [1, 2, 3, 4].map((n) => {
      const form = decisionV2();
      form.schema.properties.checkedBy.minLength = n + 3;
      return form;
    });
    const forms = await Promise.all(variants.map((form) => analyst.post('/api/forms').send(form)));
    expect(forms.map((r) => r.status), JSON.stringify(forms.map((r) => r.body))).to.deep.equal([201, 201, 201, 201]);
    expect(forms.map((r) => r.body.version).sort()).to.deep.equal([2, 3, 4, 5]);
    // Every version holds the schema its own request sent.
    const stored = (await t.api.get('/api/forms/decision/versions').expect(200)).body as { version: number; schema: Record<string, any> }[];
    for (const [i, r] of forms.entries()) {
      expect(stored.find((v) => v.version === r.body.version)!.schema.properties.checkedBy.minLength).to.equal(variants[i]!.schema.properties.checkedBy.minLength);
    }
    const xml = fixture('review.bpmn');
    const diagrams = await Promise.all([1, 2, 3].map((n) => analyst.post('/api/deployments').send({ name: `review-${n}`, xml: xml.replace('</definitions>', `<!-- ${n} --></definitions>`) })));
    expect(diagrams.map((r) => r.status), JSON.stringify(diagrams.map((r) => r.body))).to.deep.equal([201, 201, 201]);
    expect(diagrams.map((r) => r.body.definitions[0].version).sort()).to.deep.equal([1, 2, 3]);
  });
});
