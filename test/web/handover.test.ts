import { expect } from 'chai';
import { allDocumentsPresent, application } from '../support/cases.js';
import { screenshot, startWebApp, taskAt, type WebApp } from './app.js';

/** Бекова Раушан Тулегеновна of the gateway simulator, who files at the State Corporation. */
const bekova = '510203410142';
const assign = { decision: 'assign', assistanceAmount: 9120, assistanceFrom: '2026-04-01', assistanceMonths: 6, amountBasis: { monthlyHousingCosts: 19_120, familyMonthlyIncome: 100_000, allowedSharePercent: 10 } };

describe('web app: the State Corporation records that the recipient came for the result (Chromium)', function () {
  this.timeout(300_000);
  let app: WebApp;
  let caseId: string;
  const businessKey = 'ЦОН-2026-000077';

  const call = async (method: string, route: string, body?: unknown) => {
    const res = await app.server.call(method, route, body);
    expect(res.status, `${method} ${route}: ${JSON.stringify(res.body)}`).to.be.lessThan(300);
    return res.body;
  };
  /** Completes the case's task at `elementId` as the admin (taking it over from whoever holds it). */
  const complete = async (elementId: string, variables: Record<string, unknown> = {}) => {
    const task = await taskAt(app, caseId, elementId, 150);
    await call('POST', `/api/tasks/${task.id}/claim`, { user: 'admin' });
    await call('POST', `/api/tasks/${task.id}/complete`, { variables });
  };

  before(async () => {
    app = await startWebApp();
    // An Almaty case filed at the State Corporation, decided and its notice sent there (actions 0–5).
    caseId = (await call('POST', '/api/definitions/housing-assistance-almaty/instances', { businessKey, variables: { ...application, iin: bekova, channel: 'stateCorporation' } })).id;
    await complete('action0Accept', { checklist: allDocumentsPresent, employeeName: 'Серікова А.' });
    await complete('action1Register');
    await complete('action2Resolution', { responsibleSpecialist: 'aigerim' });
    await complete('action3ToCommission');
    await complete('action4CommissionDecision', assign);
    await complete('action5PrepareNotice', { signedBy: 'Омарова Динара Қанатқызы', signature: true });
    for (let i = 0; i < 150; i++) {
      const activities = (await call('GET', `/api/instances/${caseId}`)).activities as { elementId: string }[];
      if (activities.some((a) => a.elementId === 'recipientArrivedAlmaty')) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the case does not wait for the recipient');
  });
  after(async () => {
    await app?.close();
  });

  it('offers an operator, on the case waiting for the recipient, a button that posts ResultRecipientArrived; the hand-over task follows', async () => {
    // An auditor reads the case but records nothing.
    const auditor = await app.signIn('auditor', { route: `/monitor/${caseId}`, locale: 'ru-RU' });
    await auditor.locator('.monitor-waiting li').first().waitFor();
    expect(await auditor.getByRole('button', { name: 'Получатель пришёл' }).count()).to.equal(0);
    await auditor.close();

    const page = await app.signIn('operator', { route: `/monitor/${caseId}`, locale: 'kk-KZ' });
    const arrived = page.getByRole('button', { name: 'Алушы келді' });
    await arrived.waitFor();
    await screenshot(page, 'handover-recipient-arrived-kk');
    await arrived.click();
    await page.locator('.monitor-waiting li').filter({ hasText: '6 іс-әрекет' }).waitFor();
    expect(await arrived.count()).to.equal(0);
    const task = await taskAt(app, caseId, 'action6HandOver', 150);
    expect(task.elementId).to.equal('action6HandOver');
    const history = (await call('GET', `/api/instances/${caseId}`)).history as { type: string; actor: string; elementId: string | null }[];
    expect(history.some((h) => h.elementId === 'recipientArrivedAlmaty' && h.actor === 'operator')).to.equal(true);
  });
});
