import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { startWebApp, taskAt, type WebApp } from './app.js';

/** A check by the State Corporation's operator whose form an analyst changes while cases wait in it. */
const diagram = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="fv-defs" targetNamespace="https://qyzmet.kz/test">
  <process id="stamp-check" name="Stamp check" isExecutable="true">
    <startEvent id="start" name="Received"/>
    <sequenceFlow id="f1" sourceRef="start" targetRef="check"/>
    <userTask id="check" name="Check the stamp" camunda:candidateGroups="stateCorporation" camunda:formKey="stamp-check"/>
    <sequenceFlow id="f2" sourceRef="check" targetRef="done"/>
    <endEvent id="done" name="Checked"/>
  </process>
</definitions>`;

const label = (en: string, ru: string, kk: string) => ({ label: { en, ru, kk } });
const title = { en: 'Stamp check', ru: 'Проверка печати', kk: 'Мөрді тексеру' };
/** Version 1: who checked. */
const v1 = {
  key: 'stamp-check',
  schema: { $schema: 'https://json-schema.org/draft/2020-12/schema', $id: 'https://qyzmet.kz/forms/stamp-check', type: 'object', additionalProperties: false, required: ['checkedBy'], properties: { checkedBy: { type: 'string', minLength: 3 } } },
  ui: { title, order: ['checkedBy'], fields: { checkedBy: label('Checked by', 'Проверил', 'Тексерген') } },
};
/** Version 2, a rule change: the stamp's registry number is now required too. */
const v2 = {
  key: 'stamp-check',
  schema: { ...v1.schema, required: ['checkedBy', 'registryNumber'], properties: { ...v1.schema.properties, registryNumber: { type: 'string', pattern: '^[0-9]{6}$' } } },
  ui: { title, order: ['checkedBy', 'registryNumber'], fields: { ...v1.ui.fields, registryNumber: label('Registry number', 'Номер в реестре', 'Тізілім нөмірі') } },
};

/**
 * Forms deployed through the API after `npm run build` have no validators precompiled in the page:
 * the browser leaves the judgement to the server, whose 400 is shown at the field it names; and a
 * case's task shows the version its diagram version was deployed with.
 */
describe('web app: a task form version the build never saw (Chromium)', function () {
  this.timeout(300_000);
  let app: WebApp;

  before(async () => {
    app = await startWebApp({ QYZMET_CLOCK: 'manual' });
  });
  after(async () => {
    await app?.close();
  });

  const ok = (res: { status: number; body: unknown }, status: number) => expect(res.status, JSON.stringify(res.body)).to.equal(status);
  async function start(businessKey: string) {
    const res = await app.server.call('POST', '/api/definitions/stamp-check/instances', { businessKey, variables: {} });
    ok(res, 201);
    return { id: res.body.id as string, businessKey };
  }
  async function openTask(page: Page, businessKey: string) {
    const row = page.getByRole('row').filter({ has: page.getByRole('button', { name: businessKey }) });
    await row.getByRole('button', { name: 'Claim' }).click();
    await row.getByRole('button', { name: businessKey }).click();
    const form = page.getByRole('region', { name: 'Stamp check' });
    await form.getByLabel(/^Checked by/).waitFor();
    return form;
  }
  /** The texts that describe a field (its errors among them). */
  async function said(page: Page, field: ReturnType<Page['getByLabel']>) {
    const described = (await field.getAttribute('aria-describedby'))?.split(' ').map((id) => `#${id}`).join(', ');
    return described ? page.locator(described).allInnerTexts() : [];
  }

  it('checks an old case with v1 and a new one with v2, each refusal from the server shown at its field', async () => {
    ok(await app.server.call('POST', '/api/forms', v1), 201);
    ok(await app.server.call('POST', '/api/deployments', { name: 'stamp-check.bpmn', xml: diagram }), 201);
    const old = await start('STAMP-0001');
    await taskAt(app, old.id, 'check', 100);
    ok(await app.server.call('POST', '/api/forms', v2), 201);
    ok(await app.server.call('POST', '/api/deployments', { name: 'stamp-check.bpmn', xml: diagram }), 201);
    const fresh = await start('STAMP-0002');
    await taskAt(app, fresh.id, 'check', 100);

    const warnings: string[] = [];
    const page = await app.signIn('operator', { route: '/inbox', locale: 'en-GB' });
    page.on('console', (m) => warnings.push(m.text()));
    await page.getByRole('heading', { level: 1 }).waitFor();

    // The new case: form v2, which the page cannot check; the server refuses and says where.
    let form = await openTask(page, fresh.businessKey);
    const checkedBy = form.getByLabel(/^Checked by/);
    const registry = form.getByLabel(/^Registry number/);
    await checkedBy.fill('Ә');
    await registry.fill('12');
    await form.getByRole('button', { name: 'Complete' }).click();
    await page.getByRole('alert').filter({ hasText: 'Correct the fields marked below.' }).waitFor();
    expect(await said(page, checkedBy)).to.include('At least 3 characters.');
    expect(await said(page, registry)).to.include('Wrong format.');
    expect(warnings.some((w) => /not precompiled/.test(w))).to.equal(true);
    await checkedBy.fill('Серікова Әсел');
    await registry.fill('');
    await form.getByRole('button', { name: 'Complete' }).click();
    await page.getByRole('alert').filter({ hasText: 'Correct the fields marked below.' }).waitFor();
    expect(await said(page, registry)).to.include('Required.');
    await registry.fill('004512');
    await form.getByRole('button', { name: 'Complete' }).click();
    await page.getByRole('status').filter({ hasText: `Task ${fresh.businessKey} completed` }).waitFor();
    await form.waitFor({ state: 'detached' });

    // The old case: still form v1 — no registry number asked, and what was valid then completes it.
    form = await openTask(page, old.businessKey);
    expect(await form.getByLabel(/^Registry number/).count()).to.equal(0);
    await form.getByLabel(/^Checked by/).fill('Серікова Әсел');
    await form.getByRole('button', { name: 'Complete' }).click();
    // Not "Task … is yours now", the claim's status, which is there already.
    await page.getByRole('status').filter({ hasText: `Task ${old.businessKey} completed` }).waitFor();
    const finished = (await app.server.call('GET', `/api/instances/${old.id}`)).body as { status: string; variables: Record<string, unknown> };
    expect(finished.status).to.equal('completed');
    expect(finished.variables).to.include({ checkedBy: 'Серікова Әсел' }).and.not.have.property('registryNumber');
  });
});
