import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { application, office } from '../support/cases.js';
import { screenshot, startWebApp, taskAt, type WebApp } from './app.js';

/** Monday 1 February 2027, 09:00 in Almaty: a working week without holidays. */
const monday = '2027-02-01T04:00:00Z';

/**
 * The clerks' inbox in Chromium against `npm start`'s server with the manual clock: housing-assistance
 * cases filed through the API, then worked by the State Corporation operator, the executor and the
 * head, each in their own browser profile, as a clerk would — by role and label.
 */
describe('web app: the clerks\' inbox (Chromium)', function () {
  this.timeout(300_000);
  let app: WebApp;
  let counter: { id: string; businessKey: string };
  let portal: { id: string; businessKey: string };

  async function file(businessKey: string, iin: string, channel: 'stateCorporation' | 'portal') {
    const res = await app.server.call('POST', '/api/definitions/housing-assistance/instances', { businessKey, variables: { ...application, iin, channel, certificateSerial: `EDS-${iin}` } });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return { id: res.body.id as string, businessKey };
  }
  const moveClock = async (now: string) => expect((await app.server.call('POST', '/api/clock', { now })).status).to.equal(200);
  const row = (page: Page, businessKey: string) => page.getByRole('row').filter({ has: page.getByRole('button', { name: businessKey }) });
  const inbox = async (username: string, locale = 'ru-RU') => {
    const page = await app.signIn(username, { route: '/inbox', locale });
    await page.getByRole('heading', { level: 1 }).waitFor();
    return page;
  };

  before(async () => {
    // Sessions outlast the week the clock is moved through.
    app = await startWebApp({ QYZMET_CLOCK: 'manual' });
    await moveClock(monday);
    counter = await file('ALM-2027-0001', '510203410142', 'stateCorporation');
    portal = await file('ALM-2027-0002', '840512310075', 'portal');
    await taskAt(app, counter.id, 'checkCompleteness', 100);
    await taskAt(app, portal.id, 'reviewCompleteness', 100);
  });
  after(async () => {
    await app?.close();
  });

  it('shows an operator the counter case due first, with its applicant masked, and keeps the filters per user', async () => {
    const page = await inbox('operator', 'en-GB');
    const counterRow = row(page, counter.businessKey);
    await counterRow.waitFor();
    // The operator works the State Corporation's lane only: the portal case's review is the executors'.
    expect(await row(page, portal.businessKey).count()).to.equal(0);
    const cells = await counterRow.getByRole('cell').allInnerTexts();
    expect(cells.slice(0, 5)).to.deep.equal([counter.businessKey, 'Бекова Р. Т.\n********0142', 'Check the documents are complete', 'State Corporation employee', 'Less than an hour left']);

    // Filters are kept for this user across a reload (and are not another user's).
    await page.getByLabel('Whose').selectOption('unassigned');
    await page.getByLabel('Overdue only').check();
    await page.getByText('No open tasks match the filters.').waitFor();
    await page.reload();
    await page.getByText('No open tasks match the filters.').waitFor();
    expect(await page.getByLabel('Whose').inputValue()).to.equal('unassigned');
    expect(await page.getByLabel('Overdue only').isChecked()).to.equal(true);
    await page.getByLabel('Overdue only').uncheck();
    await counterRow.waitFor();
  });

  it('names the step, the lane and the process in the clerk\'s language: Russian, English, Kazakh', async () => {
    const languages = {
      'ru-RU': { process: ['Процесс', 'Назначение жилищной помощи (Правила, приказ № 539)'], step: ['Этап', 'Проверка полноты документов'], lane: 'Работник Государственной корпорации' },
      'en-GB': { process: ['Process', 'Assignment of housing assistance (national Rules, Order No. 539)'], step: ['Step', 'Check the documents are complete'], lane: 'State Corporation employee' },
      'kk-KZ': { process: ['Процесс', 'Тұрғын үй көмегін тағайындау (Қағидалар, № 539 бұйрық)'], step: ['Кезең', 'Құжаттардың толықтығын тексеру'], lane: 'Мемлекеттік корпорация қызметкері' },
    };
    for (const [locale, names] of Object.entries(languages)) {
      const page = await inbox('operator', locale);
      const counterRow = row(page, counter.businessKey);
      await counterRow.waitFor();
      expect((await counterRow.getByRole('cell').allInnerTexts()).slice(2, 4), locale).to.deep.equal([names.step[1], names.lane]);
      // The filters offer the process and its steps by the same names.
      const process = page.getByLabel(new RegExp(`^${names.process[0]}`));
      await process.selectOption('housing-assistance');
      expect(await process.locator('option:checked').innerText(), locale).to.equal(names.process[1]);
      const step = page.getByLabel(new RegExp(`^${names.step[0]}`));
      await step.selectOption('checkCompleteness');
      expect(await step.locator('option:checked').innerText(), locale).to.equal(names.step[1]);
      await counterRow.waitFor();
      // Back to every process: the operator's filters are kept for the tests that follow.
      await process.selectOption('');
      await page.close();
    }
  });

  it('lets the operator claim the task, shows the server\'s refusal at the field it names, and complete it', async () => {
    const page = await inbox('operator');
    const counterRow = row(page, counter.businessKey);
    await counterRow.getByRole('button', { name: 'Взять в работу' }).click();
    await counterRow.getByRole('cell', { name: 'я', exact: true }).waitFor();
    await counterRow.getByRole('button', { name: counter.businessKey }).click();
    const form = page.getByRole('region', { name: 'Проверка полноты документов' });
    await form.waitFor();
    // The task's lane in the reader's language, as in the list.
    expect(await form.locator('dt', { hasText: 'Роль' }).locator('xpath=following-sibling::dd[1]').textContent()).to.equal('Работник Государственной корпорации');
    // Read-only data from the gateway; the clerk cannot change it.
    expect(await form.getByLabel('ИИН').inputValue()).to.equal('510203410142');
    expect(await form.getByLabel('ИИН').isEditable()).to.equal(false);
    expect(await form.getByLabel('Фамилия').inputValue()).to.equal('Бекова');

    for (const document of ['Документ, удостоверяющий личность', 'Документы, подтверждающие доходы семьи', 'Справка с места работы либо о регистрации в качестве безработного', 'Банковский счёт', 'Счета о расходах на содержание жилища', 'Счета за коммунальные услуги', 'Счёт за услуги телекоммуникаций', 'Счёт о размере арендной платы']) {
      await form.getByLabel(document).selectOption({ label: 'Представлен' });
    }
    await form.getByLabel('Сведения об алиментах на детей и других иждивенцев').selectOption({ label: 'Не требуется' });
    const employee = form.getByLabel('ФИО работника Государственной корпорации');
    await employee.fill('Ә');
    await form.getByLabel(/^Номер отдела\*?$/).fill(office.department);
    await form.getByLabel(/^Филиал\*?$/).fill(office.branch);
    await form.getByLabel(/^Адрес\*?$/).fill(office.address);
    // Enter submits; the server refuses the one-letter name, and says so at that field.
    await employee.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'Исправьте отмеченные ниже поля.' }).waitFor();
    const described = (await employee.getAttribute('aria-describedby'))!.split(' ').map((id) => `#${id}`).join(', ');
    expect(await page.locator(described).allInnerTexts()).to.include('Не менее 3 символов.');
    await screenshot(page, 'task-form');

    await employee.fill('Серікова Әсел Қайратқызы');
    await form.getByRole('button', { name: 'Завершить' }).click();
    await page.getByRole('status').filter({ hasText: `Задача ${counter.businessKey} завершена.` }).waitFor();
    await form.waitFor({ state: 'detached' });
    await page.getByText('Нет открытых задач по выбранным фильтрам.').waitFor();
  });

  it('shows the executor the next step with the receipt of the earlier one; a commission member does not see it', async () => {
    await taskAt(app, counter.id, 'reviewCompleteness', 100);
    const page = await inbox('executor', 'en-GB');
    const counterRow = row(page, counter.businessKey);
    await counterRow.waitFor();
    expect((await counterRow.getByRole('cell').allInnerTexts())[2]).to.equal('Review the application for completeness');
    await counterRow.getByRole('button', { name: counter.businessKey }).click();
    const task = page.getByRole('region', { name: 'Completeness review' });
    await task.waitFor();
    // The application's answer read-only, by its name: "Owner", not the stored value "owner".
    expect(await task.getByLabel('Housing tenure').locator('option:checked').textContent()).to.equal('Owner');
    // The State Corporation's receipt of acceptance, opened as a PDF in a new tab.
    const [tab] = await Promise.all([page.waitForEvent('popup'), task.getByRole('button', { name: 'Receipt of acceptance of documents' }).click()]);
    await tab.waitForURL(/^blob:/);
    expect(await tab.evaluate(() => document.contentType)).to.equal('application/pdf');
    await tab.close();

    const commission = await inbox('commission', 'en-GB');
    await commission.getByText('No open tasks match the filters.').waitFor();
    expect(await row(commission, counter.businessKey).count()).to.equal(0);
  });

  it('completes a task and opens the case\'s next step of the same clerk without a reload', async () => {
    const page = await inbox('executor', 'en-GB');
    const counterRow = row(page, counter.businessKey);
    await counterRow.getByRole('button', { name: 'Claim' }).click();
    await counterRow.getByRole('button', { name: 'Give back' }).waitFor();
    // By keyboard: the case's button opens the task, and focus goes to its heading, then on to Close, outlined.
    await counterRow.getByRole('button', { name: counter.businessKey }).focus();
    await page.keyboard.press('Enter');
    const review = page.getByRole('region', { name: 'Completeness review' });
    await review.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).to.equal('Completeness review');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).to.equal('Close');
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).to.equal('solid');
    await review.getByRole('radio', { name: 'Yes' }).check();
    await review.getByRole('button', { name: 'Complete' }).click();
    // Gateway lookups run in between; then the decision, the executor's too, opens by itself.
    await page.getByRole('region', { name: 'Decision on housing assistance' }).waitFor({ timeout: 15_000 });
    await page.getByRole('status').filter({ hasText: /Next step opened: Verify the information and draft the decision/ }).waitFor();
  });

  it('lets the head reassign several tasks at once to another clerk (one on leave)', async () => {
    await moveClock('2027-02-01T05:00:00Z');
    const page = await inbox('head', 'en-GB');
    await page.getByLabel(new RegExp(`Select task ${counter.businessKey}`)).check();
    await page.getByLabel(new RegExp(`Select task ${portal.businessKey}`)).check();
    // The head picks from the provider's clerks: the auditor, who works no tasks, is not offered.
    const to = page.getByLabel('Reassign to');
    expect(await to.locator('option').allInnerTexts()).to.deep.equal(['— choose a clerk —', 'Асқар Мұқанов (admin)', 'Бауыржан Тілеуов (commission)', 'Ерлан Сейітов (executor)', 'Гүлнар Әбенова (head)', 'Айгүл Омарова (operator)']);
    // One disabled while the page was open is refused by the server, and the alert names them.
    await app.server.call('POST', '/api/users', { username: 'dana', password: 'correct horse battery', displayName: 'Дана Ерланқызы', roles: ['executor'], provider: 'default' });
    await page.reload();
    await page.getByLabel(new RegExp(`Select task ${counter.businessKey}`)).check();
    await page.getByLabel(new RegExp(`Select task ${portal.businessKey}`)).check();
    await to.selectOption('dana');
    await app.server.call('POST', '/api/users/dana/disable');
    await page.getByRole('button', { name: 'Reassign 2 selected tasks' }).click();
    await page.getByRole('alert').filter({ hasText: '“dana” is not an active clerk of this provider.' }).waitFor();
    await to.selectOption('executor');
    await page.getByRole('button', { name: 'Reassign 2 selected tasks' }).click();
    // People by their names, not their usernames.
    await page.getByRole('status').filter({ hasText: '2 tasks reassigned to Ерлан Сейітов.' }).waitFor();
    for (const key of [counter.businessKey, portal.businessKey]) expect((await row(page, key).getByRole('cell').allInnerTexts())[6]).to.equal('Ерлан Сейітов');
    await screenshot(page, 'inbox');
    const held = (await app.server.call('GET', '/api/tasks?assignee=executor')).body as { businessKey: string }[];
    expect(held.map((x) => x.businessKey).sort()).to.deep.equal([counter.businessKey, portal.businessKey]);
  });

  it('words the deadline exactly, with the plural forms of each language, coloured by urgency', async () => {
    // Registered on Monday 09:00, the review is due on Wednesday 3 February at 18:30 (2 working days).
    const deadline = async (locale: string) => {
      const page = await inbox('executor', locale);
      const cell = row(page, portal.businessKey).locator('.deadline');
      return { page, text: await cell.innerText(), urgency: await cell.getAttribute('class') };
    };
    expect((await deadline('en-GB')).text).to.equal('2 working days left');
    const kk = await deadline('kk-KZ');
    expect(kk.text).to.equal('2 жұмыс күні қалды');
    expect(kk.urgency).to.contain('deadline-ok');
    await screenshot(kk.page, 'inbox-kk');
    expect((await deadline('ru-RU')).text).to.equal('Осталось 2 рабочих дня');

    await moveClock('2027-02-03T10:30:00Z'); // Wednesday 15:30
    const soon = await deadline('ru-RU');
    expect([soon.text, soon.urgency]).to.deep.equal(['Осталось 3 часа', 'deadline deadline-soon']);
    expect((await deadline('en-GB')).text).to.equal('3 hours left');

    await moveClock('2027-02-04T07:00:00Z'); // Thursday 12:00
    const late = await deadline('ru-RU');
    expect([late.text, late.urgency]).to.deep.equal(['Просрочено на 1 рабочий день', 'deadline deadline-late']);
    expect((await deadline('kk-KZ')).text).to.equal('Мерзімі 1 жұмыс күніне өтті');

    await moveClock('2027-02-09T07:00:00Z'); // the next Tuesday: Thursday, Friday, Monday, Tuesday
    expect((await deadline('ru-RU')).text).to.equal('Просрочено на 4 рабочих дня');
    expect((await deadline('en-GB')).text).to.equal('Overdue by 4 working days');
  });
});
