import { expect } from 'chai';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { commissionMembers as members, commissionPassword as password } from '../support/commission.js';
import { callAs, screenshot, screenshots, startWebApp, taskAt, type WebApp } from './app.js';

/** Monday 7 December 2026, 10:00 in Almaty. */
const monday = '2026-12-07T05:00:00Z';

/**
 * What the trial's privatization case page showed wrong (trial findings 6 and 9): the commission's
 * decision listed only on the vote case, documents named by their file names, and a history that
 * told of a family member's refusal nobody made.
 */
describe('web app: a privatization case page lists what the case issued, as it happened (Chromium)', function () {
  this.timeout(600_000);
  let app: WebApp;
  let id: string;

  const complete = async (page: Page, taskId: string, variables: Record<string, unknown>) => {
    const res = await callAs(page, 'POST', `/api/tasks/${taskId}/complete`, { variables });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
  };
  const calledVote = async () => ((await app.server.call('GET', `/api/instances/${id}`)).body.activities as { kind: string; instanceId: string }[]).find((a) => a.kind === 'call');

  before(async () => {
    app = await startWebApp({ QYZMET_CLOCK: 'manual', QYZMET_SESSION_HOURS: '8760' });
    expect((await app.server.call('POST', '/api/clock', { now: monday })).status).to.equal(200);
    // A commission of two, the chair first: the chair's vote for closes it (the other can at most tie, and a tie is the chair's).
    for (const [username, displayName] of members.slice(0, 2)) expect((await app.server.call('POST', '/api/users', { username, password, displayName, roles: ['commission'], provider: 'default' })).status).to.equal(201);
    expect((await app.server.call('PUT', '/api/providers/default/commission', { members: ['zhanar', 'bolat'], chair: 'zhanar' })).status).to.equal(200);
    // The trial's applicant: a communal tenant with no other adult in the family.
    const started = await app.server.call('POST', '/api/definitions/privatization/instances', {
      businessKey: 'ГК-0002',
      variables: { iin: '600308412595', channel: 'portal', certificateSerial: 'EDS-600308412595', provider: 'default', address: 'Алматы қ., Фурманов көшесі 200, 44-пәтер', tenancyAgreementNumber: 'KZh-2004/55', tenancyAgreementDate: '2004-05-20', privatizationMethod: 'redemption', residualValue: 12_500_000 },
    });
    expect(started.status, JSON.stringify(started.body)).to.equal(201);
    id = started.body.id;
    const executor = await app.signIn('executor', { route: '/inbox', locale: 'ru-RU' });
    await complete(executor, (await taskAt(app, id, 'checkDocuments', 150)).id, { missingDocuments: [], expiredDocuments: [] });
    for (let i = 0; i < 150 && !(await calledVote()); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    const vote = (await calledVote())!.instanceId;
    const chair = await app.signIn('zhanar', { route: '/inbox', locale: 'ru-RU', password });
    const open = ((await app.server.call('GET', `/api/tasks?instance=${vote}`)).body as { id: string; elementId: string; assignee: string | null }[]).find((x) => x.elementId === 'castVote' && x.assignee === 'zhanar');
    await complete(chair, open!.id, { vote: 'for' });
    const head = await app.signIn('head', { route: '/inbox', locale: 'ru-RU' });
    await complete(head, (await taskAt(app, vote, 'registerDecision', 150)).id, { decisionNumber: 'РК-15', signedBy: 'Әбенова Г.', signature: true });
    await complete(executor, (await taskAt(app, id, 'concludeAgreement', 150)).id, { agreementNumber: 'PRV-2026-000120', agreementDate: '2026-12-07' });
  });
  after(async () => {
    await app?.close();
  });

  for (const [locale, decision, agreement, step, refused, name] of [
    ['kk-KZ', 'Тұрғын үй комиссиясының шешімі № РК-15, 07.12.2026 (PDF)', 'Тұрғын үйді жекешелендіру туралы шарт № PRV-2026-000120, 07.12.2026 (PDF)', 'Қалыптастырған қадам: Комиссия шешімін қалыптастыру (PDF)', 'Отбасы мүшесі келісім бермеді', 'case-documents-kk'],
    ['ru-RU', 'Решение жилищной комиссии № РК-15 от 07.12.2026 (PDF)', 'Договор о приватизации жилища № PRV-2026-000120 от 07.12.2026 (PDF)', 'Сформирован на шаге: Формирование решения комиссии (PDF)', 'Член семьи не дал согласия', 'case-documents-ru'],
  ] as const) {
    it(`lists on the privatization case the commission's decision its vote issued, each document by its title, number and date and the step that issued it; its history tells no refusal nobody made (${locale})`, async () => {
      const page = await app.signIn('admin', { route: `/monitor/${id}`, locale });
      const documents = page.locator('section[aria-labelledby="monitor-documents"]');
      await documents.getByRole('button', { name: decision }).waitFor();
      await documents.getByRole('button', { name: agreement }).waitFor();
      const text = await documents.innerText();
      expect(text).to.include(step).and.not.include('.pdf');
      // The decision's PDF opens from here, as the case's own documents do.
      const [tab] = await Promise.all([page.waitForEvent('popup'), documents.getByRole('button', { name: decision }).click()]);
      await tab.waitForURL(/^blob:/);
      await tab.close();
      const history = page.locator('section[aria-labelledby="monitor-history"]');
      await history.getByRole('row').nth(5).waitFor();
      const rows = await history.getByRole('row').allInnerTexts();
      expect(rows.filter((r) => r.includes(refused)), 'a refusal nobody made').to.deep.equal([]);
      expect(rows.join('\n')).to.not.match(/decision\.evaluated|activity\.|resultVariable/);
      await screenshot(page, name);
      await documents.screenshot({ path: path.join(screenshots, `${name}-list.png`) });
      await page.context().close();
    });
  }
});
