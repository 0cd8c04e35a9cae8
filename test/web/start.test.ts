import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { allDocumentsPresent, office } from '../support/cases.js';
import { callAs, screenshot, settled, startWebApp, type WebApp } from './app.js';

/** Бекова Раушан Тулегеновна, a pensioner of the gateway simulator (src/gateway/simulator/citizens.ts). */
const bekova = '510203410142';
/**
 * Monday 14 December 2037, 18:30 in Almaty: the office has just closed, so the application counts
 * from Tuesday 09:00 (seed 000 para 9.1), and its 8 working days skip Independence Day (16 December)
 * and the weekends: due Monday 28 December at 18:30. (The manual clock only moves forward, hence a
 * year to come; 2037 has 2026's weekdays.) The admin session of `app.server.call` does not outlive
 * that move, so the checks behind the page go through the operator's own signed-in browser.
 */
const filedAt = '2037-12-14T13:30:00Z';

describe('web app: an operator starts a housing-assistance case (Chromium)', function () {
  this.timeout(300_000);
  let app: WebApp;

  before(async () => {
    app = await startWebApp({ QYZMET_CLOCK: 'manual' });
    const moved = await app.server.call('POST', '/api/clock', { now: filedAt });
    expect(moved.status, JSON.stringify(moved.body)).to.equal(200);
  });
  after(async () => {
    await app?.close();
  });


  /** Chooses the national housing assistance service and finds the applicant by IIN. */
  async function findApplicant(page: Page, iin: string) {
    await page.getByLabel('Государственная услуга').selectOption('housing-assistance');
    await page.getByLabel('ИИН заявителя').fill(iin);
    await page.getByRole('button', { name: 'Найти в реестре' }).click();
  }

  /** What the operator types from the citizen's papers: a tenant living alone. */
  async function fillApplication(page: Page, bankAccount: string, caseNumber: string) {
    await page.getByLabel(/^Наименование отдела, которому адресовано заявление/).fill('Отдел занятости и социальных программ Алмалинского района города Алматы');
    await page.getByLabel('Наниматель (арендатор)').check();
    await page.getByLabel('Состав семьи, человек').fill('1');
    await page.getByLabel('Номер банковского счета (IBAN)').fill(bankAccount);
    await page.getByLabel('Наименование банка').fill('Halyk Bank');
    await page.getByLabel(/^Согласен на использование сведений/).check();
    await page.getByLabel(/^Согласен на сбор и обработку моих персональных данных/).check();
    await page.getByLabel('Номер дела').fill(caseNumber);
  }

  it("fills the applicant from the register read-only, shows a wrong field's error at the field, then registers the case with its number, registration moment and due date", async () => {
    const page = await app.signIn('operator', { route: '/start', locale: 'ru-RU' });
    await page.getByRole('heading', { name: 'Регистрация заявления' }).waitFor();

    // A mistyped IIN (wrong check digit) is said at the field; nothing is filled.
    await findApplicant(page, '510203410143');
    await page.locator('#start-iin-error').getByText('ИИН — 12 цифр с верной контрольной цифрой.').waitFor();
    expect(await page.getByLabel('Фамилия').count()).to.equal(0);

    await page.getByLabel('ИИН заявителя').fill(bekova);
    await page.getByRole('button', { name: 'Найти в реестре' }).click();
    await page.getByText('Заявитель найден: Бекова Раушан Тулегеновна').waitFor();
    const lastName = page.getByLabel('Фамилия', { exact: true });
    expect(await lastName.inputValue()).to.equal('Бекова');
    expect(await lastName.isEditable()).to.equal(false);
    expect(await page.getByLabel('Имя', { exact: true }).inputValue()).to.equal('Раушан');
    expect(await page.getByLabel('Отчество (при его наличии)').inputValue()).to.equal('Тулегеновна');
    expect(await page.getByLabel('Год рождения').inputValue()).to.equal('1951');
    expect(await page.getByLabel(/^ИИН\*?$/).first().inputValue()).to.equal(bekova);
    expect(await page.getByLabel(/^ИИН\*?$/).first().isEditable()).to.equal(false);
    expect(await page.getByLabel('Адрес места жительства').inputValue()).to.not.equal('');
    // The application is dated by the server's clock in Almaty.
    expect(await page.getByLabel('Дата заявления').inputValue()).to.equal('14.12.2037');

    // Sent empty: the required fields are asked for, the optional representative's are not.
    await page.getByRole('button', { name: 'Зарегистрировать заявление' }).click();
    await page.locator('[id="root_bankAccount__error"]').waitFor();
    expect(await page.locator('[id^="root_representative"][id$="__error"]').count()).to.equal(0);
    // The representative's group says it is filled only for a representative, though its own fields are starred.
    await page.getByText(/^Заполняется, только если заявление подаёт представитель:/).waitFor();

    await fillApplication(page, 'KZ12', 'ЦОН-2037-000117');
    await page.getByRole('button', { name: 'Зарегистрировать заявление' }).click();
    const bankField = page.locator('.form-group', { has: page.getByLabel('Номер банковского счета (IBAN)') });
    await bankField.getByText('IBAN: KZ, 2 цифры и 16 букв или цифр').waitFor();
    expect((await callAs(page, 'GET', '/api/instances')).body).to.deep.equal([]);

    await page.getByLabel('Номер банковского счета (IBAN)').fill('KZ86125KZT5004100100');
    expect(await bankField.getByText('IBAN: KZ, 2 цифры и 16 букв или цифр').count()).to.equal(0);
    await screenshot(page, 'start-case-form');
    await page.getByRole('button', { name: 'Зарегистрировать заявление' }).click();

    await page.getByRole('heading', { name: 'Заявление зарегистрировано' }).waitFor();
    expect(await page.locator('dd[data-field="businessKey"]').textContent()).to.equal('ЦОН-2037-000117');
    expect(await page.locator('dd[data-field="registeredAt"]').textContent()).to.equal('15.12.2037, 09:00');
    expect(await page.locator('dd[data-field="dueAt"]').textContent()).to.equal('28.12.2037, 18:30');
    // The receipt names the body that provides the service, as the case's documents do (the providers directory).
    await page.locator('dd[data-field="provider"]').getByText('Отдел занятости и социальных программ', { exact: true }).waitFor();

    const [started] = (await callAs(page, 'GET', '/api/instances')).body as { id: string; businessKey: string; startedBy: string; registeredAt: string; dueAt: string }[];
    expect(started).to.include({ businessKey: 'ЦОН-2037-000117', startedBy: 'operator', registeredAt: '2037-12-15T04:00:00.000Z', dueAt: '2037-12-28T13:30:00.000Z' });
    const variables = (await callAs(page, 'GET', `/api/instances/${started!.id}`)).body.variables;
    expect(variables).to.include({ iin: bekova, channel: 'stateCorporation', housingTenure: 'tenant', bankAccount: 'KZ86125KZT5004100100', personalDataConsent: true });
    // The register's data is the case's own lookup, not what the browser sent.
    expect(variables).to.not.have.property('applicantLastName');

    // The receipt of acceptance follows the completeness check; the page shows it when the case issues it.
    await page.getByText(/Расписка о приеме документов выдаётся после проверки полноты документов/).waitFor();
    const tasks = (await callAs(page, 'GET', `/api/tasks?instance=${started!.id}`)).body as { id: string; elementId: string }[];
    expect(tasks.map((x) => x.elementId)).to.deep.equal(['checkCompleteness']);
    const done = await callAs(page, 'POST', `/api/tasks/${tasks[0]!.id}/complete`, { variables: { checklist: allDocumentsPresent, employeeName: 'Серікова Әсел Қайратқызы', office } });
    expect(done.status, JSON.stringify(done.body)).to.equal(200);
    const open = page.getByRole('button', { name: 'Открыть «Расписка о приеме документов» (PDF) для печати' });
    await open.waitFor({ timeout: 20_000 });
    await screenshot(page, 'start-case');
    // The tab opens at the click (pop-up blockers allow only that) and then shows the file.
    const [pdf] = await Promise.all([page.waitForEvent('popup'), open.click()]);
    await pdf.waitForURL(/^blob:/);
    expect(pdf.url()).to.match(/^blob:/);
    expect(await pdf.evaluate(() => document.contentType)).to.equal('application/pdf');
  });

  it("says at the case number field the server's 400 for it, and that a running case already has the number", async () => {
    const page = await app.signIn('operator', { route: '/start', locale: 'ru-RU' });
    await findApplicant(page, bekova);
    await page.getByText('Заявитель найден: Бекова Раушан Тулегеновна').waitFor();
    // The browser does not limit the number's length; the server's 400 names the field and is said there.
    await fillApplication(page, 'KZ86125KZT5004100100', 'Ц'.repeat(256));
    await page.getByRole('button', { name: 'Зарегистрировать заявление' }).click();
    await page.locator('#start-business-key-error').getByText('Не более 255 символов').waitFor();

    await page.getByLabel('Номер дела').fill('ЦОН-2037-000117');
    await page.getByRole('button', { name: 'Зарегистрировать заявление' }).click();
    await page.locator('#start-business-key-error').getByText('Дело этой услуги с номером ЦОН-2037-000117 уже ведётся. Сверьтесь с журналом и укажите другой номер.').waitFor();
    expect((await callAs(page, 'GET', '/api/instances')).body).to.have.length(1);
  });

  it('offers the services a citizen applies for, not the processes only another case calls (camunda:isStartableInTasklist="false")', async () => {
    const page = await app.signIn('operator', { route: '/start', locale: 'ru-RU' });
    const services = page.getByLabel('Государственная услуга');
    await services.locator('option[value="housing-assistance"]').waitFor({ state: 'attached' });
    const offered = await services.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    expect(offered).to.include.members(['housing-assistance', 'housing-queue-registration', 'privatization', 'housing-center-registration']);
    expect(offered).to.not.include('commission-vote');
    expect(offered).to.not.include('family-consent');
    expect(offered).to.not.include('hearing');
  });

  it('says in the list and beside the service that its act is abolished, by which act of which date, in Kazakh, Russian and English, and still lets it be filed', async () => {
    const page = await app.signIn('operator', { route: '/start', locale: 'ru-RU' });
    let services = page.getByLabel('Государственная услуга');
    await services.locator('option[value="housing-assistance"]').waitFor({ state: 'attached' });
    const option = (key: string) => services.locator(`option[value="${key}"]`).textContent();
    expect(await option('housing-assistance')).to.match(/ — акт утратил силу$/);
    expect(await option('housing-assistance-almaty')).to.match(/ — акт утратил силу$/);
    expect(await option('housing-center-registration')).to.not.contain('утратил');
    const note = page.getByRole('note');
    await services.selectOption('housing-assistance');
    expect(await note.textContent()).to.equal('Акт утратил силу (основание: приказ Министра промышленности и строительства Республики Казахстан от 8 декабря 2023 года № 117). Заявления по нему регистрируются только в учебных целях.');
    // Still startable: the applicant is looked up and the application shown.
    await page.getByLabel('ИИН заявителя').fill(bekova);
    await page.getByRole('button', { name: 'Найти в реестре' }).click();
    await page.getByRole('heading', { name: 'Заявление о назначении жилищной помощи' }).waitFor();
    await services.selectOption('housing-assistance-almaty');
    expect(await note.textContent()).to.equal('Акт утратил силу (основание: постановление акимата города Алматы от 20 октября 2020 года № 4/438). Заявления по нему регистрируются только в учебных целях.');
    await services.selectOption('privatization');
    expect(await note.count()).to.equal(0);

    await page.getByLabel('Язык', { exact: true }).selectOption('kk');
    services = page.getByLabel('Мемлекеттік қызмет');
    await services.selectOption('housing-assistance-almaty');
    expect(await note.textContent()).to.equal('Акттің күші жойылған (негізі: Алматы қаласы әкімдігінің 2020 жылғы 20 қазандағы № 4/438 қаулысы). Ол бойынша өтініштер тек оқу мақсатында тіркеледі.');
    expect(await option('housing-assistance')).to.match(/ — акттің күші жойылған$/);
    await screenshot(page, 'start-case-abolished-kk');
    await page.getByLabel('Тіл', { exact: true }).selectOption('en');
    services = page.getByRole('combobox', { name: /^Service/ });
    await services.selectOption('housing-assistance');
    expect(await note.textContent()).to.equal('The act has been abolished (by Order of the Minister of Industry and Construction of the Republic of Kazakhstan dated December 08, 2023 No. 117). Cases are registered under it for training only.');
  });

  it("files the Housing Provision Center's application with 'my only dwelling is declared unfit' left unticked: an unticked box is sent as no (trial finding 2), and no receipt is promised where the diagram issues none (finding 8)", async () => {
    const page = await app.signIn('operator', { route: '/start', locale: 'ru-RU' });
    await page.getByLabel('Государственная услуга').selectOption('housing-center-registration');
    await page.getByLabel('ИИН заявителя').fill(bekova);
    await page.getByRole('button', { name: 'Найти в реестре' }).click();
    await page.getByText('Заявитель найден: Бекова Раушан Тулегеновна').waitFor();
    await page.getByLabel(/^Серийный номер сертификата ЭЦП/).fill('EDS-510203410142');
    await page.getByRole('combobox', { name: /^Жилищный фонд/ }).selectOption({ label: 'На общих основаниях' });
    await page.getByLabel(/^Не возражаю против проверки меня/).check();
    await page.getByLabel(/^Согласен на сбор и обработку персональных данных/).check();
    const unfit = page.getByLabel(/^Мое единственное жилище признано аварийным/);
    expect(await unfit.isChecked()).to.equal(false);
    await page.getByLabel('Номер дела').fill('ЦОН-2037-000301');
    await page.getByRole('button', { name: 'Зарегистрировать заявление' }).click();
    await page.getByRole('heading', { name: 'Заявление зарегистрировано' }).waitFor();
    await screenshot(page, 'start-case-hc-unticked');
    const started = ((await callAs(page, 'GET', '/api/instances?definition=housing-center-registration')).body as { id: string; businessKey: string }[]).find((c) => c.businessKey === 'ЦОН-2037-000301')!;
    const variables = (await callAs(page, 'GET', `/api/instances/${started.id}`)).body.variables;
    expect(variables).to.include({ emergencyHousing: false, publicationConsent: false, noCategoryConsent: false, housingCheckConsent: true, personalDataConsent: true });
    // Its diagram issues no receipt (only the reasoned denial, seed 003 paras 16–17): none is promised (trial finding 8), in Russian and Kazakh.
    const services = (await callAs(page, 'GET', '/api/definitions')).body as { key: string; documents: string[] }[];
    expect(services.find((x) => x.key === 'housing-center-registration')!.documents).to.deep.equal(['housingCenterDenial']);
    expect(services.find((x) => x.key === 'housing-assistance')!.documents).to.include.members(['acceptanceReceipt', 'refusalReceipt']);
    await page.locator('[data-field="noReceipt"]').getByText('Расписка о приеме документов по этой услуге в системе не формируется.').waitFor();
    expect(await page.getByText(/как только дело её выдаст|выдаётся после проверки/).count()).to.equal(0);
    await page.getByLabel('Язык', { exact: true }).selectOption('kk');
    await page.locator('[data-field="noReceipt"]').getByText('Бұл қызмет бойынша құжаттарды қабылдағаны туралы қолхат жүйеде жасалмайды.').waitFor();
    await screenshot(page, 'start-case-no-receipt-kk');
  });

  it('marks the required fields (the case number among them) and not the optional ones; the representative, "if any", asks for its fields only once it is used (trial finding 7)', async () => {
    const page = await app.signIn('operator', { route: '/start', locale: 'ru-RU' });
    await page.getByLabel('Государственная услуга').selectOption('housing-center-registration');
    await page.getByLabel('ИИН заявителя').fill(bekova);
    await page.getByRole('button', { name: 'Найти в реестре' }).click();
    await page.getByText('Заявитель найден: Бекова Раушан Тулегеновна').waitFor();
    const caseNumber = page.getByLabel('Номер дела');
    expect(await caseNumber.getAttribute('aria-required')).to.equal('true');
    // The star is seen, not read: the field's name stays the words.
    expect(await page.getByLabel('Номер дела', { exact: true }).count()).to.equal(1);
    expect(await page.locator('.start-business-key label .required').textContent()).to.equal('*');
    const starred = (id: string) => page.locator(`label[for="${id}"] .required`).count();
    expect(await starred('root_housingStock'), 'the housing stock is required').to.equal(1);
    expect(await starred('root_certificateSerial'), 'the EDS certificate is required').to.equal(1);
    expect(await starred('root_mobilePhone'), 'the phone is optional').to.equal(0);
    expect(await starred('root_category'), 'the category is optional').to.equal(0);
    const representative = page.locator('fieldset#root_representative');
    await representative.waitFor();
    expect(await representative.locator('.required').count(), 'no asterisk in the unused representative group').to.equal(0);
    expect(await representative.locator('[required], [aria-required="true"]').count(), 'nothing in it required').to.equal(0);
    await screenshot(page, 'start-case-required-ru');
    // Used, the group asks for its own required fields.
    await page.locator('#root_representative_fullName').fill('Беков Арман Серікұлы');
    await representative.locator('label[for="root_representative_fullName"] .required').waitFor();
    expect(await representative.locator('.required').count()).to.be.greaterThan(1);
    await page.getByLabel('Язык', { exact: true }).selectOption('kk');
    await page.locator('#root_representative_fullName').fill('');
    await page.getByLabel('Іс нөмірі').waitFor();
    expect(await representative.locator('.required').count()).to.equal(0);
    await screenshot(page, 'start-case-required-kk');
  });

  it('shows an unknown person at the IIN field, and the application of a service in force, in Kazakh', async () => {
    const page = await app.signIn('operator', { route: '/start', locale: 'kk-KZ' });
    await page.getByLabel('Мемлекеттік қызмет').selectOption('housing-center-registration');
    await page.getByLabel('Өтініш берушінің ЖСН').fill('900101300126');
    await page.getByRole('button', { name: 'Тізілімнен табу' }).click();
    await page.locator('#start-iin-error').getByText('Жеке тұлғалар тізілімінде мұндай ЖСН бар адам жоқ.').waitFor();
    await page.getByLabel('Өтініш берушінің ЖСН').fill(bekova);
    await page.getByRole('button', { name: 'Тізілімнен табу' }).click();
    await page.getByRole('heading', { name: '«Тұрғын үймен қамтамасыз ету орталығы» электрондық базасында есепке қою туралы өтініш' }).waitFor();
    expect(await page.getByLabel('Тегі', { exact: true }).inputValue()).to.equal('Бекова');
    // The register's birth date, read-only, as every date on screen: dd.mm.yyyy (trial finding 9).
    expect(await page.getByLabel('Туған күні', { exact: true }).inputValue()).to.equal('03.02.1951');
    expect(await page.getByRole('note').count(), 'no abolition note beside a service in force').to.equal(0);
    await page.getByRole('combobox', { name: /^Тұрғын үй қоры/ }).selectOption({ label: 'Жалпы негізде' });
    await screenshot(page, 'start-case-kk');
  });

  it("proposes a complaint's own number, the next free `<case number>/<n>`, once the complained case's number is entered, and says what that number is, in Russian and Kazakh", async () => {
    const complained = 'ЦОН-2037-000117';
    const complaint = { complainantLastName: 'Бекова', complainantFirstName: 'Раушан', postalAddress: 'г. Алматы, ул. Жибек жолы, д. 50, кв. 7, 050002', iin: bekova, caseNumber: complained, subject: 'inaction', complaintAddressee: 'provider', complaintText: 'Срок рассмотрения заявления истёк, ответа нет.', answerBy: 'mail', filedThrough: 'mail' };
    const page = await app.signIn('operator', { route: '/start', locale: 'ru-RU' });
    // A complaint about the case is already under way, numbered /1 by the same convention.
    const first = await callAs(page, 'POST', '/api/definitions/complaint/instances', { businessKey: `${complained}/1`, variables: complaint });
    expect(first.status, JSON.stringify(first.body)).to.equal(201);

    await page.getByLabel('Государственная услуга').selectOption('complaint');
    await page.getByLabel('ИИН заявителя').fill(bekova);
    await page.getByRole('button', { name: 'Найти в реестре' }).click();
    const number = page.getByLabel('Номер жалобы', { exact: true });
    await number.waitFor();
    // The hint says what the number is: the complaint's own, not an application's journal number.
    expect(await page.locator('#start-business-key-help').textContent()).to.match(/^Собственный номер жалобы: номер обжалуемого дела, косая черта и порядковый номер жалобы по этому делу/);
    expect(await number.inputValue()).to.equal('');
    await page.getByLabel('Номер дела, на которое подана жалоба').fill(complained);
    expect(await settled(() => number.inputValue(), `${complained}/2`)).to.equal(`${complained}/2`);

    await page.getByLabel(/^Фамилия\*?$/).fill(complaint.complainantLastName);
    await page.getByLabel(/^Имя\*?$/).fill(complaint.complainantFirstName);
    await page.getByLabel('Почтовый адрес').fill(complaint.postalAddress);
    await page.getByLabel('Что обжалуется').selectOption({ label: 'Бездействие (срок нарушен, ответа нет)' });
    await page.locator('#root_complaintAddressee').getByRole('radio', { name: 'Руководителю услугодателя' }).check();
    await page.getByLabel('Текст жалобы').fill(complaint.complaintText);
    await page.locator('#root_answerBy').getByRole('radio', { name: 'По почте' }).check();
    await page.locator('#root_filedThrough').getByRole('radio', { name: 'Нарочно через канцелярию' }).check();
    await page.locator('.start-business-key').scrollIntoViewIfNeeded();
    await screenshot(page, 'start-complaint-number-ru');
    await page.getByRole('button', { name: 'Зарегистрировать заявление' }).click();
    await page.locator('dd[data-field="businessKey"]').getByText(`${complained}/2`, { exact: true }).waitFor();
    const listed = (await callAs(page, 'GET', `/api/instances?definition=complaint&businessKeyStartsWith=${encodeURIComponent(`${complained}/`)}`)).body as { businessKey: string }[];
    expect(listed.map((c) => c.businessKey).sort()).to.deep.equal([`${complained}/1`, `${complained}/2`]);

    // In Kazakh, the next complaint about the case is its /3; a number the clerk typed is kept.
    const kk = await app.signIn('operator', { route: '/start', locale: 'kk-KZ' });
    await kk.getByLabel('Мемлекеттік қызмет').selectOption('complaint');
    await kk.getByLabel('Өтініш берушінің ЖСН').fill(bekova);
    await kk.getByRole('button', { name: 'Тізілімнен табу' }).click();
    const kkNumber = kk.getByLabel('Шағым нөмірі', { exact: true });
    await kkNumber.waitFor();
    expect(await kk.locator('#start-business-key-help').textContent()).to.match(/^Шағымның өз нөмірі: шағым жасалған істің нөмірі, көлбеу сызық/);
    await kk.locator('#root_caseNumber').fill(complained);
    expect(await settled(() => kkNumber.inputValue(), `${complained}/3`)).to.equal(`${complained}/3`);
    await kk.locator('.start-business-key').scrollIntoViewIfNeeded();
    await screenshot(kk, 'start-complaint-number-kk');
    await kkNumber.fill('Ш-2037-00001');
    // Once the page has read the complaints about the new case number, the typed number stays.
    const read = Promise.all([false, true].map((archived) => kk.waitForResponse((r) => decodeURIComponent(r.url()).includes('businessKeyStartsWith=ЦОН-2037-000118/') && r.url().includes('archived=true') === archived)));
    await kk.locator('#root_caseNumber').fill('ЦОН-2037-000118');
    await read;
    await kk.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
    expect(await kkNumber.inputValue()).to.equal('Ш-2037-00001');
  });
});
