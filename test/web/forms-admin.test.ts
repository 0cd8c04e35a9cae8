import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { application } from '../support/cases.js';
import { callAs, screenshot, settled, startWebApp, taskAt, type WebApp } from './app.js';

/** Monday 1 February 2027, 09:00 in Almaty: a working week without holidays. */
const monday = '2027-02-01T04:00:00Z';
/** The State Corporation employee's field of the completeness checklist, relabelled by the analyst. */
const relabelled = { kk: 'Құжаттарды қабылдаған қызметкер', ru: 'Работник, принявший документы', en: 'Employee who accepted the documents' };

/**
 * An analyst rolls a form change out in the browser, as the README's "Rolling out a form change"
 * says: a new version of the completeness checklist (ha-completeness, used by both housing-assistance
 * regulations) deployed on the forms screen, a broken edit refused first; then the national
 * regulation's diagram, unchanged, deployed again from the modeler to bind it. The clerk's inbox
 * shows the new label on a case started after that, the old one on the cases started before.
 */
describe('web app: analysts roll out a form change (Chromium)', function () {
  this.timeout(300_000);
  let app: WebApp;
  const cases: Record<'first' | 'between' | 'after', { id: string; businessKey: string }> = {} as never;

  async function file(businessKey: string) {
    const iin = '510203410142';
    const res = await app.server.call('POST', '/api/definitions/housing-assistance/instances', { businessKey, variables: { ...application, iin, channel: 'stateCorporation', certificateSerial: `EDS-${iin}` } });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    await taskAt(app, res.body.id as string, 'checkCompleteness', 100);
    return { id: res.body.id as string, businessKey };
  }
  const boundVersion = async (c: { id: string }) => {
    const task = await taskAt(app, c.id, 'checkCompleteness', 1);
    return (await app.server.call('GET', `/api/tasks/${task.id}/form`)).body.version as number;
  };
  /** The row of `definition` in the table of the diagrams that use the form (named `table` in the page's language). */
  const bindingRow = (page: Page, definition: string, table = 'Diagrams that use this form') => page.getByRole('table', { name: table }).getByRole('row').filter({ has: page.getByText(definition, { exact: true }) });

  before(async () => {
    // Sessions outlast the manual clock's distance from the real one.
    app = await startWebApp({ QYZMET_CLOCK: 'manual' });
    expect((await app.server.call('POST', '/api/clock', { now: monday })).status).to.equal(200);
    cases.first = await file('FRM-2027-0001');
  });
  after(async () => {
    await app?.close();
  });

  it('deploys a relabelled form version after the server refuses a broken edit, and rolls it out from the modeler', async () => {
    const page = await app.signIn('analyst', { route: '/forms', locale: 'en-GB' });
    const listed = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Completeness checklist', exact: true }) });
    await listed.waitFor();
    expect((await listed.getByRole('cell').allInnerTexts()).map((c) => c.trim())).to.deep.equal(['ha-completeness', 'v1', '2', '0']);
    await screenshot(page, 'forms-list');
    await listed.getByRole('link', { name: 'Completeness checklist', exact: true }).click();
    await page.waitForURL(/\/forms\/ha-completeness$/);

    // Version 1 from the forms folder, drawn as the clerk sees it; both regulations bind it.
    const versions = page.getByRole('table', { name: 'Versions' });
    const cellsOf = async (version: number) => {
      const row = versions.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^v${version}\\b`) }) });
      await row.waitFor();
      return (await row.getByRole('cell').allInnerTexts()).map((c) => c.trim());
    };
    expect((await cellsOf(1)).slice(1)).to.deep.equal(['qyzmet serve', 'file ha-completeness.schema.json']);
    const preview = (version: number) => page.getByRole('region', { name: `Version ${version} as the clerk sees it` });
    await preview(1).getByLabel(/^State Corporation employee/).waitFor();
    for (const definition of ['housing-assistance', 'housing-assistance-almaty']) expect(await bindingRow(page, definition).getByRole('cell').last().innerText()).to.equal('Up to date');

    // A broken edit: the label keyed by a name the schema lacks. The server names the field.
    const ui = page.getByRole('textbox', { name: 'UI schema' });
    const form = JSON.parse(await ui.inputValue()) as { fields: Record<string, { label: Record<string, string> }> };
    const { employeeName, ...others } = form.fields;
    await ui.fill(JSON.stringify({ ...form, fields: { ...others, employeeNam: employeeName } }, null, 2));
    await page.getByRole('button', { name: 'Deploy as version 2' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'The server refused the form at ui.fields.employeeNam' });
    await refusal.waitFor();
    expect(await ui.getAttribute('aria-invalid')).to.equal('true');
    expect((await app.server.call('GET', '/api/forms/ha-completeness/versions')).body).to.have.length(1);

    // JSON that does not parse is named before anything is sent.
    await ui.fill('{ "title": ');
    await page.getByRole('button', { name: 'Deploy as version 2' }).click();
    await page.getByRole('alert').filter({ hasText: /^UI schema is not valid JSON/ }).waitFor();

    // The label changed in three languages: version 2.
    await ui.fill(JSON.stringify({ ...form, fields: { ...form.fields, employeeName: { ...employeeName, label: relabelled } } }, null, 2));
    await page.getByRole('button', { name: 'Deploy as version 2' }).click();
    await page.getByRole('status').filter({ hasText: 'Version 2 deployed.' }).waitFor();
    await preview(2).getByLabel(new RegExp(`^${relabelled.en}`)).waitFor();
    expect(await cellsOf(2)).to.deep.equal(['01.02.2027, 09:00', 'analyst', 'forms screen or API']);
    for (const definition of ['housing-assistance', 'housing-assistance-almaty']) expect(await bindingRow(page, definition).getByRole('cell').last().innerText()).to.match(/^Out of date: binds v1, newest is v2/);
    // The same again changes nothing.
    await page.getByRole('button', { name: 'Deploy as version 3' }).click();
    await page.getByRole('status').filter({ hasText: 'Nothing changed: the form equals version 2.' }).waitFor();
    expect((await app.server.call('GET', '/api/forms/ha-completeness')).body).to.include({ version: 2, source: 'api', deployedBy: 'analyst' });
    await screenshot(page, 'forms-admin');

    // The form alone changes no case: one filed now still gets version 1.
    cases.between = await file('FRM-2027-0002');
    expect(await boundVersion(cases.between)).to.equal(1);

    // To the national regulation's diagram in the modeler: unchanged, yet deployable, and it says why.
    await bindingRow(page, 'housing-assistance').getByRole('link', { name: /^Roll out in the modeler: / }).click();
    await page.waitForURL(/\/modeler\/housing-assistance$/);
    const notice = page.getByRole('region', { name: 'Newer form versions' });
    await notice.waitFor();
    expect(await notice.getByRole('listitem').allInnerTexts()).to.deep.equal(['Completeness checklist (ha-completeness): this diagram binds v1, newest is v2']);
    await page.locator('.djs-element[data-element-id="checkCompleteness"]').waitFor();
    const deploy = page.getByRole('button', { name: 'Deploy as version 2' });
    expect(await settled(() => deploy.isEnabled(), true)).to.equal(true);
    expect(await page.locator('#modeler-deploy-hint').innerText()).to.equal('The diagram is unchanged: deploying binds the newest form versions.');
    await screenshot(page, 'modeler-rollout');
    await deploy.click();
    await page.getByRole('status').filter({ hasText: 'Version 2 deployed' }).waitFor();
    await notice.waitFor({ state: 'detached' });
    expect(await page.getByRole('button', { name: 'Deploy as version 3' }).isDisabled()).to.equal(true);
    const definition = (await app.server.call('GET', '/api/definitions/housing-assistance')).body as { versions: { version: number; formVersions: Record<string, number> }[] };
    expect(definition.versions.map((v) => [v.version, v.formVersions['ha-completeness']])).to.deep.equal([[1, 1], [2, 2]]);

    // Back on the form's page: the national regulation is up to date, Almaty's still waits.
    await page.goto(`${app.url}/forms/ha-completeness`);
    expect(await bindingRow(page, 'housing-assistance').getByRole('cell').last().innerText()).to.equal('Up to date');
    expect(await bindingRow(page, 'housing-assistance-almaty').getByRole('cell').last().innerText()).to.match(/^Out of date/);

    cases.after = await file('FRM-2027-0003');
    expect(await boundVersion(cases.after)).to.equal(2);
    expect(await boundVersion(cases.first)).to.equal(1);
  });

  it('shows the clerk the new label on the case filed after the roll-out, and the old one on the cases filed before', async () => {
    const page = await app.signIn('operator', { route: '/inbox', locale: 'en-GB' });
    await page.getByRole('heading', { level: 1 }).waitFor();
    const labels = async (businessKey: string) => {
      await page.getByRole('row').filter({ has: page.getByRole('button', { name: businessKey }) }).getByRole('button', { name: businessKey }).click();
      const task = page.getByRole('region', { name: 'Completeness checklist', exact: true });
      await task.getByText(businessKey).first().waitFor();
      await task.getByLabel(new RegExp(`^State Corporation employee|^${relabelled.en}`)).waitFor();
      const found = { old: await task.getByLabel(/^State Corporation employee/).count(), relabelled: await task.getByLabel(new RegExp(`^${relabelled.en}`)).count() };
      await task.getByRole('button', { name: 'Close' }).click();
      return found;
    };
    expect(await labels(cases.after.businessKey)).to.deep.equal({ old: 0, relabelled: 1 });
    expect(await labels(cases.between.businessKey)).to.deep.equal({ old: 1, relabelled: 0 });
    expect(await labels(cases.first.businessKey)).to.deep.equal({ old: 1, relabelled: 0 });
  });

  it('keeps forms to analysts: a clerk has no Forms section and the API refuses their deployment; the page in Kazakh', async () => {
    const clerk = await app.signIn('operator', { route: '/forms/ha-completeness', locale: 'en-GB' });
    // A section the role may not open lands on its first one.
    await clerk.waitForURL(/\/inbox$/);
    expect(await clerk.getByRole('navigation').getByRole('link', { name: 'Forms' }).count()).to.equal(0);
    const refused = await callAs(clerk, 'POST', '/api/forms', { key: 'ha-completeness', schema: { type: 'object' }, ui: { title: relabelled, fields: {} } });
    expect(refused.status).to.equal(403);

    const page = await app.signIn('analyst', { route: '/forms/ha-completeness', locale: 'kk-KZ' });
    await page.getByRole('table', { name: 'Нұсқалар' }).waitFor();
    await page.getByRole('region', { name: '2-нұсқа қызметкердің көзімен' }).getByLabel(new RegExp(`^${relabelled.kk}`)).waitFor();
    expect(await bindingRow(page, 'housing-assistance-almaty', 'Осы нысанды пайдаланатын сызбалар').getByRole('cell').last().innerText()).to.match(/^Ескірген: v1 нұсқасымен байланған, соңғысы v2/);
    // An older version is one click away, drawn with its own label.
    await page.getByRole('button', { name: '1-нұсқаны көрсету' }).click();
    await page.getByRole('region', { name: '1-нұсқа қызметкердің көзімен' }).getByLabel(/^Қызметкердің аты-жөні/).waitFor();
    await screenshot(page, 'forms-admin-kk');
  });
});
