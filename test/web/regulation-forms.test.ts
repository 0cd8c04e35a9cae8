import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { callAs, screenshot, settled, startWebApp, taskAt, type WebApp } from './app.js';
import { commissionMembers as members, commissionPassword as password } from '../support/commission.js';

/** Monday 1 March 2027, 09:00 in Almaty: a working day, the offices open. */
const monday = '2027-03-01T04:00:00Z';
/** Есенова Мадина Бауыржановна, a large family's mother on the simulator's waiting list (src/gateway/simulator). */
const yessenova = '850214410915';

/**
 * The forms of seeds 001 and 002 (waiting list, privatization, the housing commission) as the clerks
 * read them in Chromium against `npm start`'s server: the application of Appendix 1 at the start
 * page, and one task of each process in the inbox in Kazakh and Russian — names, not codes, in the
 * reader's language; the registers' data read-only.
 */
describe('web app: the waiting-list, privatization and commission forms as clerks read them (Chromium)', function () {
  this.timeout(300_000);
  let app: WebApp;

  before(async () => {
    // Sessions outlast the clock's move to 2027.
    app = await startWebApp({ QYZMET_CLOCK: 'manual' });
    expect((await app.server.call('POST', '/api/clock', { now: monday })).status).to.equal(200);
    for (const [username, displayName] of members) expect((await app.server.call('POST', '/api/users', { username, password, displayName, roles: ['commission'], provider: 'default' })).status).to.equal(201);
    expect((await app.server.call('PUT', '/api/providers/default/commission', { members: members.map(([u]) => u), chair: 'zhanar' })).status).to.equal(200);
    // hq-forward offers the department's employees by name; Нурлан is one of them.
    expect((await app.server.call('POST', '/api/users', { username: 'nurlan', password, displayName: 'Нұрлан Әлиев', roles: ['executor'], provider: 'default' })).status).to.equal(201);
  });
  after(async () => {
    await app?.close();
  });

  /** Signs `username` in and opens the case's task in the inbox; answers the page and the task's form region. */
  async function openTask(username: string, businessKey: string, locale: string, options: { password?: string } = {}) {
    const page = await app.signIn(username, { route: '/inbox', locale, password: options.password });
    await page.getByRole('button', { name: businessKey }).click();
    const task = page.locator('section.inbox-task');
    await task.locator('form').waitFor();
    return { page, task };
  }
  async function start(key: string, businessKey: string, variables: Record<string, unknown>) {
    const res = await app.server.call('POST', `/api/definitions/${key}/instances`, { businessKey, variables });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.id as string;
  }

  it("shows the waiting-list application (Appendix 1) with the register's data read-only and every choice named, in Russian and Kazakh", async () => {
    const page = await app.signIn('operator', { route: '/start', locale: 'ru-RU' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.getByLabel('Государственная услуга').selectOption('housing-queue-registration');
    await page.getByLabel('ИИН заявителя').fill(yessenova);
    await page.getByRole('button', { name: 'Найти в реестре' }).click();
    await page.getByText('Заявитель найден: Есенова Мадина Бауыржановна').waitFor();
    await page.getByRole('heading', { name: 'Заявление о постановке на учет нуждающихся в жилище из государственного жилищного фонда' }).waitFor();
    expect(errors).to.deep.equal([]);
    // The IIN found is the application's, shown and not typed again; the birth date as dd.mm.yyyy.
    const iin = page.getByLabel(/^ИИН\*?$/).first();
    expect(await iin.inputValue()).to.equal(yessenova);
    expect(await iin.isEditable()).to.equal(false);
    expect(await page.getByLabel('Дата рождения').inputValue()).to.equal('14.02.1985');
    // Row 8's conditions and documents, and the guardian's and emergency dwelling's fields, by name.
    await page.getByRole('checkbox', { name: 'Не соответствует санитарным требованиям' }).waitFor();
    await page.getByRole('checkbox', { name: 'Справка с места работы' }).waitFor();
    await page.getByLabel(/^Номер решения/).waitFor();
    await page.getByLabel(/^Кадастровый номер/).waitFor();
    // Consent to housing below the norms is the applicant's choice: neither answer is made for them.
    expect(await page.getByRole('radio', { name: 'Да, согласен' }).isChecked()).to.equal(false);
    expect(await page.getByRole('radio', { name: 'Нет, не согласен' }).isChecked()).to.equal(false);
    await page.getByRole('radio', { name: 'Нет, не согласен' }).check();
    await page.getByLabel(/^Список учета/).selectOption({ label: 'Социально уязвимые слои населения' });
    await page.getByLabel(/^Категория/).selectOption({ label: 'Многодетная семья' });
    // An income row asks its kind by name.
    await page.locator('#root_additionalIncome__add').click();
    const kinds = await page.getByLabel(/^Вид/).first().locator('option').allInnerTexts();
    expect(kinds).to.include.members(['Заработная плата', 'Алименты', 'Доход от личного подсобного хозяйства']);
    await page.getByRole('button', { name: 'Удалить строку' }).click();
    const shown = await page.locator('#start-application').innerText();
    for (const code of ['unsanitary', 'workplaceCertificate', 'decisionNumber', 'cadastralNumber', 'socialPayments', 'Yes', 'No']) expect(shown, code).to.not.match(new RegExp(`\\b${code}\\b`));
    await screenshot(page, 'hq-application-ru');

    await page.getByLabel('Язык', { exact: true }).selectOption('kk');
    await page.getByRole('heading', { name: 'Мемлекеттік тұрғын үй қорынан тұрғын үйге мұқтаждар есебіне қою туралы өтініш' }).waitFor();
    await page.getByRole('radio', { name: 'Жоқ, келіспеймін' }).waitFor();
    await page.getByRole('checkbox', { name: 'Санитариялық талаптарға сәйкес келмейді' }).waitFor();
    await page.getByLabel(/^Шешімнің нөмірі/).waitFor();
    expect(await page.getByLabel('Туған күні').inputValue()).to.equal('14.02.1985');
    await screenshot(page, 'hq-application-kk');

    // The operator registers the application signed with the applicant's EDS: the case number is shown.
    await page.getByLabel('Тіл', { exact: true }).selectOption('ru');
    await page.getByLabel(/^Список учета/).selectOption({ label: 'Социально уязвимые слои населения' });
    await page.getByLabel(/^Категория/).selectOption({ label: 'Многодетная семья' });
    await page.getByLabel(/^Количество комнат/).fill('4');
    await page.getByRole('radio', { name: 'Нет, не согласен' }).check();
    await page.getByLabel(/^Сертификат ЭЦП/).fill(`EDS-${yessenova}`);
    await page.getByLabel(/^Номер телефона/).fill('+7 701 555 0101');
    await page.getByLabel(/^Не возражаю против проверки/).check();
    await page.getByLabel(/^Согласен на использование сведений/).check();
    await page.getByLabel('Номер дела').fill('HQ-2027-000100');
    await page.getByRole('button', { name: 'Зарегистрировать заявление' }).click();
    await page.getByRole('heading', { name: 'Заявление зарегистрировано' }).waitFor();
    expect(await page.locator('dd[data-field="businessKey"]').textContent()).to.equal('HQ-2027-000100');
    await screenshot(page, 'hq-application-registered');
    await page.getByRole('button', { name: 'Зарегистрировать следующее заявление' }).click();
    await page.getByLabel('ИИН заявителя').fill(yessenova);

    // The waiting-list update (Appendix 3) for the same family: the same register data, read-only.
    await page.getByLabel('Язык', { exact: true }).selectOption('kk');
    await page.getByLabel('Мемлекеттік қызмет').selectOption('waiting-list-update');
    await page.getByRole('button', { name: 'Тізілімнен табу' }).click();
    await page.locator('#start-application').waitFor();
    expect(errors).to.deep.equal([]);
    const applicantIin = page.getByLabel(/^Өтініш берушінің ЖСН\*?$/).last();
    expect(await settled(() => applicantIin.inputValue(), yessenova)).to.equal(yessenova);
    expect(await settled(() => applicantIin.isEditable(), false)).to.equal(false);
    await screenshot(page, 'wlu-application-kk');
  });

  it('registers a privatization application at the counter: the IIN comes from the register, the case number is shown', async () => {
    const page = await app.signIn('operator', { route: '/start', locale: 'ru-RU' });
    await page.getByLabel('Государственная услуга').selectOption('privatization');
    await page.getByLabel('ИИН заявителя').fill('600308412595');
    await page.getByRole('button', { name: 'Найти в реестре' }).click();
    await page.getByText(/^Заявитель найден: Жунусова Роза/).waitFor();
    const iin = page.getByLabel(/^ИИН\*?$/).first();
    expect(await iin.inputValue()).to.equal('600308412595');
    expect(await iin.isEditable()).to.equal(false);
    await page.getByLabel(/^Адрес жилища/).fill('Алматы қ., Фурманов көшесі 200, 44-пәтер');
    await page.getByLabel(/^Номер договора найма/).fill('KZh-2004/55');
    await page.getByLabel(/^Дата договора найма/).fill('20.05.2004');
    await page.getByRole('radio', { name: 'Выкуп по остаточной стоимости (приложение 2)' }).check();
    await page.getByLabel(/^Остаточная стоимость жилища/).fill('12500000');
    await page.getByLabel('Номер дела').fill('PRV-2027-000100');
    await page.getByRole('button', { name: 'Зарегистрировать заявление' }).click();
    await page.waitForTimeout(2000);
    await screenshot(page, 'privatization-application-ru');
    await page.getByRole('heading', { name: 'Заявление зарегистрировано' }).waitFor();
    expect(await page.locator('dd[data-field="businessKey"]').textContent()).to.equal('PRV-2027-000100');
    const started = ((await callAs(page, 'GET', '/api/instances')).body as { id: string; businessKey: string }[]).find((i) => i.businessKey === 'PRV-2027-000100');
    const { variables } = (await callAs(page, 'GET', `/api/instances/${started!.id}`)).body as { variables: Record<string, unknown> };
    expect(variables).to.include({ iin: '600308412595', channel: 'stateCorporation', privatizationMethod: 'redemption', tenancyAgreementDate: '2004-05-20' });
    await screenshot(page, 'privatization-registered');
  });

  it("shows the waiting list's tasks with the list, category, conditions and documents by name, in Kazakh and Russian", async () => {
    const id = await start('housing-queue-registration', 'HQ-2027-000001', {
      iin: yessenova,
      certificateSerial: `EDS-${yessenova}`,
      rooms: 4,
      queueList: 'sociallyVulnerable',
      category: 'large family',
      familyMembers: [],
      acceptsNonMatchingHousing: false,
      housingConditions: ['unsanitary'],
      attachedDocuments: ['sanitaryConclusion'],
      mobilePhone: '+7 701 555 0101',
      housingCheckConsent: true,
      secretDataConsent: true,
    });
    const forward = await taskAt(app, id, 'forwardToEmployee', 150);
    {
      const { page, task } = await openTask('head', 'HQ-2027-000001', 'ru-RU');
      // Read-only, by name: the application's list and category.
      expect(await task.getByLabel('Список учета').locator('option:checked').textContent()).to.equal('Социально уязвимые слои населения');
      expect(await task.getByLabel('Категория').locator('option:checked').textContent()).to.equal('Многодетная семья');
      expect(await task.getByLabel('Категория').isEnabled()).to.equal(false);
      await screenshot(page, 'hq-forward-ru');
      const done = await callAs(page, 'POST', `/api/tasks/${forward.id}/claim`);
      expect(done.status, JSON.stringify(done.body)).to.be.oneOf([200, 204]);
      const sent = await callAs(page, 'POST', `/api/tasks/${forward.id}/complete`, { variables: { responsibleEmployee: 'nurlan' } });
      expect(sent.status, JSON.stringify(sent.body)).to.equal(200);
    }
    await taskAt(app, id, 'checkCompleteness', 150);
    {
      const { page, task } = await openTask('nurlan', 'HQ-2027-000001', 'kk-KZ', { password });
      expect(await task.getByLabel('Санаты').locator('option:checked').textContent()).to.equal('Көп балалы отбасы');
      const conditions = task.locator('fieldset, .form-group', { hasText: 'Тұрғын үй жағдайлары' }).last();
      expect(await conditions.getByRole('checkbox', { name: 'Санитариялық талаптарға сәйкес келмейді' }).isChecked()).to.equal(true);
      expect(await conditions.getByRole('checkbox', { name: 'Санитариялық талаптарға сәйкес келмейді' }).isEnabled()).to.equal(false);
      await screenshot(page, 'hq-completeness-kk');
    }
    {
      const { page, task } = await openTask('nurlan', 'HQ-2027-000001', 'ru-RU', { password });
      await screenshot(page, 'hq-completeness-ru');
      // Nothing ticked is a full package: the form sends the empty list, and the case goes on.
      await task.getByRole('button', { name: 'Завершить' }).click();
      await page.getByRole('status').filter({ hasText: 'Задача HQ-2027-000001 завершена.' }).or(page.getByRole('status').filter({ hasText: /Открыт следующий шаг/ })).first().waitFor();
    }
    await taskAt(app, id, 'verifyData', 150);
    for (const [locale, name, yes, no] of [
      ['kk-KZ', 'hq-verification-kk', 'Иә, анық', 'Жоқ, анық емес'],
      ['ru-RU', 'hq-verification-ru', 'Да, достоверны', 'Нет, недостоверны'],
    ] as const) {
      const { page, task } = await openTask('nurlan', 'HQ-2027-000001', locale, { password });
      await task.getByRole('radio', { name: yes }).waitFor();
      // The employee finds on the documents: nothing is chosen for them, not even "no".
      expect(await task.getByRole('radio', { name: yes }).isChecked()).to.equal(false);
      expect(await task.getByRole('radio', { name: no }).isChecked()).to.equal(false);
      await screenshot(page, name);
    }
    {
      // No income limit is set on this server, so the employee also finds on the large family's income,
      // unanswered until they choose; the choice is what the case records.
      const { page, task } = await openTask('nurlan', 'HQ-2027-000001', 'ru-RU', { password });
      const within = task.getByRole('radio', { name: 'Да, не превышает' });
      const above = task.getByRole('radio', { name: 'Нет, превышает' });
      expect([await within.isChecked(), await above.isChecked()]).to.deep.equal([false, false]);
      await task.getByRole('radio', { name: 'Да, достоверны' }).check();
      await within.check();
      await task.getByRole('button', { name: 'Завершить' }).click();
      await page.getByRole('status').filter({ hasText: 'Задача HQ-2027-000001 завершена.' }).or(page.getByRole('status').filter({ hasText: /Открыт следующий шаг/ })).first().waitFor();
      const { variables } = (await callAs(page, 'GET', `/api/instances/${id}`)).body as { variables: Record<string, unknown> };
      expect(variables).to.include({ documentsReliable: true, incomeWithinLimit: true, incomeLimit: null });
    }
  });

  it("shows privatization's completeness check with the dwelling's holder by name and no empty box for an earlier privatization, in Kazakh and Russian", async () => {
    await start('privatization', 'PRV-2027-000001', {
      iin: '600308412595',
      channel: 'portal',
      certificateSerial: 'EDS-600308412595',
      provider: 'default',
      address: 'Алматы қ., Фурманов көшесі 200, 44-пәтер',
      tenancyAgreementNumber: 'KZh-2004/55',
      tenancyAgreementDate: '2004-05-20',
      privatizationMethod: 'redemption',
      residualValue: 12_500_000,
    }).then((id) => taskAt(app, id, 'checkDocuments', 150));
    for (const [locale, holder, name] of [
      ['kk-KZ', 'Коммуналдық тұрғын үй қоры', 'pr-completeness-kk'],
      ['ru-RU', 'Коммунальный жилищный фонд', 'pr-completeness-ru'],
    ] as const) {
      const { page, task } = await openTask('executor', 'PRV-2027-000001', locale);
      const text = await task.innerText();
      expect(text).to.include(holder === 'Коммунальный жилищный фонд' ? 'Ничего не отмечено — пакет документов полный' : 'Ештеңе белгіленбесе — құжаттар топтамасы толық');
      expect(await task.locator('select option:checked', { hasText: holder }).count()).to.equal(1);
      // A choice the register may leave unset offers no choice called "null": its unset state is the empty first line, in the reader's language (trial finding 9).
      const holders = await task.locator('select', { has: page.locator('option:checked', { hasText: holder }) }).locator('option').evaluateAll((options) => options.map((o) => o.textContent));
      expect(holders).to.not.include('null');
      expect(holders).to.deep.equal(locale === 'kk-KZ' ? ['Көрсетілмеген', 'Коммуналдық тұрғын үй қоры', 'Коммуналдық мемлекеттік мекеме', 'Республикалық мемлекеттік мекеме'] : ['Не указано', 'Коммунальный жилищный фонд', 'Коммунальное государственное учреждение', 'Республиканское государственное учреждение']);
      expect(await task.getByText('privatizedBefore').isVisible()).to.equal(false);
      await screenshot(page, name);
    }
  });

  it("shows a commission member the vote as it comes from a privatization case: its number, the applicant, para 6's deadline, the question and the choices in the reader's language", async () => {
    // The vote is only ever called by privatization (para 9(1)): a communal tenant's complete package goes to the commission.
    const id = await start('privatization', 'PRV-2027-000031', {
      iin: '600308412595',
      channel: 'portal',
      certificateSerial: 'EDS-600308412595',
      provider: 'default',
      address: 'Алматы қ., Фурманов көшесі 200, 44-пәтер',
      tenancyAgreementNumber: 'KZh-2004/55',
      tenancyAgreementDate: '2004-05-20',
      privatizationMethod: 'redemption',
      residualValue: 12_500_000,
    });
    const check = await taskAt(app, id, 'checkDocuments', 150);
    const executor = await app.signIn('executor', { route: '/inbox', locale: 'ru-RU' });
    expect((await callAs(executor, 'POST', `/api/tasks/${check.id}/complete`, { variables: { missingDocuments: [], expiredDocuments: [] } })).status).to.equal(200);
    await executor.close();
    const call = async () => ((await app.server.call('GET', `/api/instances/${id}`)).body.activities as { kind: string; elementId: string; instanceId: string }[]).find((a) => a.kind === 'call');
    for (let i = 0; i < 150 && !(await call()); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await call())?.elementId).to.equal('commissionVote');
    await taskAt(app, (await call())!.instanceId, 'castVote', 150);
    // Para 6: the decision within 30 calendar days of the registration (Monday 1 March 2027 09:00 → Wednesday 31 March, the provider's closing).
    for (const [locale, choices, lane, due, name] of [
      ['kk-KZ', ['Жақтаймын', 'Қарсымын', 'Қалыс қаламын'], 'Тұрғын үй комиссиясы', '31.03.2027, 18:30', 'commission-vote-kk'],
      ['ru-RU', ['За', 'Против', 'Воздержался'], 'Жилищная комиссия', '31.03.2027, 18:30', 'commission-vote-ru'],
      ['en-GB', ['For', 'Against', 'Abstain'], 'Housing commission', '31.03.2027, 18:30', 'commission-vote-en'],
    ] as const) {
      const { page, task } = await openTask('zhanar', 'PRV-2027-000031', locale, { password });
      for (const choice of choices) await task.getByRole('radio', { name: choice, exact: true }).waitFor();
      expect(await task.locator('textarea[readonly]').first().inputValue()).to.include('Фурманов көшесі 200, 44-пәтер');
      const row = page.getByRole('row').filter({ has: page.getByRole('button', { name: 'PRV-2027-000031' }) });
      const text = `${await row.innerText()}\n${await task.innerText()}`;
      expect(text).to.include('Жунусова Р. К.').and.include(lane).and.include(due);
      await screenshot(page, name);
    }
  });
});
