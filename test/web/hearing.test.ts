import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { screenshot, startWebApp, type WebApp } from './app.js';

/** Monday 7 December 2026, 10:00 in Almaty: the office is open, an application counts at once. */
const monday = '2026-12-07T05:00:00Z';
/** A citizen of the gateway simulator already in the Unified Republican Electronic Database: seed 003 para 15(1), a ground to deny. */
const inDatabase = '920202311681';
/** A citizen whose only home is emergency housing in the same locality: the clerk checks the technical report. */
const emergency = '810808411618';

/** What a reader should never meet in a form: a field named by its variable, an instant in ISO. */
async function unreadable(page: Page): Promise<string[]> {
  const form = page.locator('form.inbox-form, #start-application');
  const titles = await form.locator('label, legend, caption, th').allInnerTexts();
  const values = await form.locator('input, textarea').evaluateAll((es) => es.map((e) => (e as HTMLInputElement).value));
  return [...titles.map((x) => x.replace(/\*$/, '').trim()).filter((x) => /^[a-z]+([A-Z]\w*)?(-\d+)?$/.test(x)), ...values.filter((v) => /\d{4}-\d{2}-\d{2}T\d{2}:/.test(v))];
}

describe('web app: the Housing Provision Center, its hearing and the complaint, in the browser (Chromium)', function () {
  this.timeout(600_000);
  let app: WebApp;

  const call = async (method: string, route: string, body?: unknown) => {
    const res = await app.server.call(method, route, body);
    expect(res.status, `${method} ${route}: ${JSON.stringify(res.body)}`).to.be.lessThan(300);
    return res.body;
  };
  /** The open task of `elementId` with this business key (a called hearing carries its caller's), once the jobs before it have run. */
  async function taskAt(businessKey: string, elementId: string): Promise<{ id: string; instanceId: string }> {
    for (let i = 0; i < 150; i++) {
      const tasks = (await call('GET', '/api/tasks')) as { id: string; instanceId: string; elementId: string; businessKey: string }[];
      const task = tasks.find((x) => x.businessKey === businessKey && x.elementId === elementId);
      if (task) return task;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no task ${elementId} of ${businessKey}`);
  }
  /** The clerk's inbox with the task of this case open, claimed, in `locale`. */
  async function openTask(username: string, businessKey: string, locale: string): Promise<Page> {
    const page = await app.signIn(username, { route: '/inbox', locale });
    await page.getByRole('button', { name: new RegExp(`(^|\\s)${businessKey}(?!\\d)`) }).click();
    await page.locator('form.inbox-form').waitFor();
    return page;
  }

  before(async () => {
    app = await startWebApp({ QYZMET_CLOCK: 'manual' });
    await call('POST', '/api/clock', { now: monday });
  });
  after(async () => {
    await app?.close();
  });

  it('registers a Housing Provision Center application from the start page; the executor sets the hearing its grounds call, in Almaty time, and the case moves on', async () => {
    const page = await app.signIn('operator', { route: '/start', locale: 'ru-RU' });
    await page.getByLabel('Государственная услуга').selectOption('housing-center-registration');
    await page.getByLabel('ИИН заявителя').fill(inDatabase);
    await page.getByRole('button', { name: 'Найти в реестре' }).click();
    await page.getByText(/^Заявитель найден/).waitFor();
    // The IIN found is the application's; nobody types it twice.
    expect(await page.locator('#root_iin').inputValue()).to.equal(inDatabase);
    await page.getByLabel('Номер дела').fill('ЦОЖ-2026-000001');
    await page.locator('#root_certificateSerial').fill(`EDS-${inDatabase}`);
    await page.locator('#root_housingStock').selectOption({ label: 'На общих основаниях' });
    const emergencyHome = page.locator('#root_emergencyHousing');
    await emergencyHome.check();
    await emergencyHome.uncheck();
    for (const consent of ['housingCheckConsent', 'personalDataConsent', 'publicationConsent', 'noCategoryConsent']) await page.locator(`#root_${consent}`).check();
    // The representative's fields are named in Russian, as the others.
    expect(await unreadable(page)).to.deep.equal([]);
    await screenshot(page, 'form-hc-application-ru');
    await page.getByRole('button', { name: 'Зарегистрировать заявление' }).click();
    await page.getByRole('heading', { name: 'Заявление зарегистрировано' }).waitFor();

    // The decision table finds the ground; the hearing is called and waits for its notice.
    await taskAt('ЦОЖ-2026-000001', 'prepareNotice');
    const clerk = await openTask('executor', 'ЦОЖ-2026-000001', 'ru-RU');
    await clerk.getByRole('button', { name: 'Взять в работу' }).first().click();
    const form = clerk.locator('form.inbox-form');
    await form.getByLabel('Место (способ) заслушивания').waitFor();
    // The grounds read whole, in both languages; the notice's deadline in Almaty's time.
    const grounds = form.getByRole('table', { name: /^Основания предварительного решения/ });
    expect(await grounds.locator('th').allInnerTexts()).to.deep.equal(['На казахском', 'На русском']);
    expect(await grounds.locator('td').nth(1).innerText()).to.contain('подпункт 1) пункта 15');
    expect(await form.getByLabel('Крайний срок направления уведомления').inputValue()).to.match(/^\d\d\.\d\d\.2026, \d\d:\d\d$/);
    // Tuesday 11:00 in Almaty, typed by a clerk whose browser is in New York.
    await form.getByLabel('Дата и время заслушивания').fill('08.12.2026 11:00');
    await form.getByLabel('Место (способ) заслушивания').fill('Видеоконференция, ссылка в личном кабинете');
    expect(await unreadable(clerk)).to.deep.equal([]);
    await screenshot(clerk, 'form-hearing-notice-ru');
    await form.getByRole('button', { name: 'Завершить' }).click();
    await clerk.getByRole('status').filter({ hasText: /завершена/ }).waitFor();

    const hearing = (await call('GET', '/api/instances?definition=hearing')) as { id: string; businessKey: string }[];
    const held = (await call('GET', `/api/instances/${hearing.find((h) => h.businessKey === 'ЦОЖ-2026-000001')!.id}`)) as { variables: { hearingAt: string } };
    expect(new Date(held.variables.hearingAt).toISOString()).to.equal('2026-12-08T06:00:00.000Z');

    // At the hearing's hour the executor has the next step: its outcome, in Kazakh too.
    await call('POST', '/api/clock', { now: '2026-12-08T06:00:00Z' });
    await taskAt('ЦОЖ-2026-000001', 'holdHearing');
    const next = await openTask('executor', 'ЦОЖ-2026-000001', 'kk-KZ');
    const outcome = next.locator('form.inbox-form');
    expect(await outcome.getByLabel('Тыңдаудың күні мен уақыты').inputValue()).to.equal('08.12.2026, 11:00');
    expect(await unreadable(next)).to.deep.equal([]);
    await screenshot(next, 'form-hearing-outcome-kk');

    // The case's history in Kazakh says which table decided what, in words, and tells no refusal of consent nobody made (trial finding 9).
    const registrations = (await call('GET', '/api/instances?definition=housing-center-registration')) as { id: string; businessKey: string }[];
    const page2 = await app.signIn('admin', { route: `/monitor/${registrations.find((r) => r.businessKey === 'ЦОЖ-2026-000001')!.id}`, locale: 'kk-KZ' });
    const history = page2.locator('section[aria-labelledby="monitor-history"]');
    await history.getByRole('row', { name: /Шешім кестесі бойынша шешім/ }).first().waitFor();
    const rows = await history.getByRole('row').allInnerTexts();
    const decided = rows.filter((r) => r.includes('Шешім кестесі бойынша шешім'));
    expect(decided).to.have.length(1);
    expect(decided[0]).to.include('«Тұрғын үймен қамтамасыз ету орталығы» базасында есепке қоюдан бас тарту негіздері (нұсқа 1): сәйкес келген ережелер саны — 1');
    expect(rows.join('\n')).to.not.match(/decision\.evaluated|resultVariable|activity\.|decision:/);
    expect(rows.filter((r) => r.includes('Отбасы мүшесі келісім бермеді'))).to.deep.equal([]);
    await screenshot(page2, 'hc-history-kk');
  });

  it('shows the applications of the Housing Provision Center and the complaint on the start page in Kazakh and Russian, every field named; the hearing, which only a case calls, is not offered', async () => {
    const start = await app.signIn('operator', { route: '/start', locale: 'ru-RU' });
    const services = start.getByLabel('Государственная услуга');
    await services.locator('option[value="housing-center-registration"]').waitFor({ state: 'attached' });
    const offered = await services.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    expect(offered).to.include.members(['housing-center-registration', 'complaint']);
    expect(offered).to.not.include('hearing');
    await start.close();
    for (const [service, file] of [
      ['housing-center-registration', 'hc-application'],
      ['complaint', 'complaint-application'],
    ] as const) {
      for (const [language, locale, find] of [
        ['ru', 'ru-RU', 'Найти в реестре'],
        ['kk', 'kk-KZ', 'Тізілімнен табу'],
      ] as const) {
        const page = await app.signIn('operator', { route: '/start', locale });
        await page.locator('main select').first().selectOption(service);
        await page.locator('main input').first().fill(inDatabase);
        await page.getByRole('button', { name: find }).click();
        await page.locator('#start-application').waitFor();
        await screenshot(page, `form-${file}-${language}`);
        expect(await unreadable(page), `${file} (${language})`).to.deep.equal([]);
        await page.close();
      }
    }
  });

  it('shows the technical-report check and the complaint forms in Kazakh and Russian, every field named and every moment in Almaty time', async () => {
    await call('POST', '/api/definitions/housing-center-registration/instances', { businessKey: 'ЦОЖ-2026-000002', variables: { iin: emergency, certificateSerial: `EDS-${emergency}`, housingStock: 'general', emergencyHousing: true, technicalReport: 'ТЗ № 17-04/2024 от 12.02.2024, эксперт Сейтказин А.', housingCheckConsent: true, personalDataConsent: true, consentedMembers: [], publicationConsent: true, noCategoryConsent: true } });
    const complainant = { complainantLastName: 'Ахметов', complainantFirstName: 'Ерлан', complainantMiddleName: 'Серікұлы', postalAddress: 'г. Алматы, ул. Толе би, д. 59, кв. 12, 050000', iin: '840512310075', subject: 'refusal', complaintAddressee: 'provider', complaintText: 'Не согласен с отказом: доход семьи посчитан неверно.', filedThrough: 'mail' };
    await call('POST', '/api/definitions/complaint/instances', { businessKey: 'Ж-2026-000001', variables: { ...complainant, caseNumber: 'ЦОЖ-2026-000001', answerBy: 'mail' } });
    await call('POST', '/api/definitions/complaint/instances', { businessKey: 'Ж-2026-000002', variables: { ...complainant, caseNumber: 'ЦОЖ-2026-000002', answerBy: 'office' } });
    const look = async (username: string, businessKey: string, elementId: string, name: string) => {
      await taskAt(businessKey, elementId);
      for (const [language, locale] of [
        ['ru', 'ru-RU'],
        ['kk', 'kk-KZ'],
      ] as const) {
        const page = await openTask(username, businessKey, locale);
        expect(await unreadable(page), `${name} (${language})`).to.deep.equal([]);
        await screenshot(page, `form-${name}-${language}`);
        await page.close();
      }
    };
    await look('executor', 'ЦОЖ-2026-000002', 'checkTechnicalReport', 'hc-report-check');
    await look('head', 'Ж-2026-000001', 'considerAtProvider', 'complaint-decision');
    // The inbox names the complainant as it names an applicant.
    const inbox = await app.signIn('head', { route: '/inbox', locale: 'ru-RU' });
    const complaintRow = inbox.getByRole('row').filter({ has: inbox.getByRole('button', { name: / Ж-2026-000001(?!\d)/ }) });
    expect(await complaintRow.getByRole('cell').nth(2).innerText()).to.match(/^Ахметов Е\. С\.\n\*{8}0075$/);
    for (const key of ['Ж-2026-000001', 'Ж-2026-000002']) {
      const task = await taskAt(key, 'considerAtProvider');
      await call('POST', `/api/tasks/${task.id}/claim`, { user: 'admin' });
      await call('POST', `/api/tasks/${task.id}/complete`, { variables: { complaintDecision: 'rejected', answerText: 'Доход семьи посчитан по сведениям налоговых органов верно; жалоба не подлежит удовлетворению.', answeredBy: 'Жұмабаева Г. Ә.' } });
    }
    await look('admin', 'Ж-2026-000001', 'sendAnswerByMail', 'complaint-mailing');
    await look('admin', 'Ж-2026-000002', 'handOverAnswer', 'complaint-handover');
  });
});
