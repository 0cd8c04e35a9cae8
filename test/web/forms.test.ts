import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { screenshot, settled, startWebApp, type WebApp } from './app.js';

/** Бекова Раушан Тулегеновна, a pensioner of the gateway simulator (src/gateway/simulator/citizens.ts). */
const bekova = '510203410142';

describe('web app: date fields in dd.mm.yyyy in every language (Chromium)', function () {
  this.timeout(300_000);
  let app: WebApp;

  before(async () => {
    app = await startWebApp({ QYZMET_CLOCK: 'manual' });
    // Monday 14 December 2037, 11:00 in Almaty: the application is dated that day.
    const moved = await app.server.call('POST', '/api/clock', { now: '2037-12-14T06:00:00Z' });
    expect(moved.status, JSON.stringify(moved.body)).to.equal(200);
  });
  after(async () => {
    await app?.close();
  });

  async function application(page: Page) {
    await page.getByRole('combobox', { name: 'Service' }).selectOption('housing-assistance');
    await page.getByLabel("Applicant's IIN").fill(bekova);
    await page.getByRole('button', { name: 'Find in the register' }).click();
    await page.getByText(/^Applicant found: Бекова Раушан Тулегеновна/).waitFor();
  }

  it('shows and takes dd.mm.yyyy on an American-English browser, says an impossible date at the field, and sends ISO to the server', async () => {
    // en-US: Chromium's own date input would show mm/dd/yyyy here.
    const page = await app.signIn('operator', { route: '/start', locale: 'en-US' });
    // (The app offers kk, ru and en, and does not take en-US for en; the clerk picks English.)
    await page.getByLabel(/^(Язык|Тіл|Language)$/).selectOption('en');
    await application(page);
    const date = page.getByLabel('Date of the application');
    expect(await settled(() => date.inputValue(), '14.12.2037')).to.equal('14.12.2037');
    expect(await date.getAttribute('type')).to.equal('text');
    // The pattern is shown beside the field and read out with it.
    const pattern = async (field = date) => page.locator(`[id="${(await field.getAttribute('aria-describedby'))!.split(' ')[0]}"]`).textContent();
    expect(await pattern()).to.equal('dd.mm.yyyy');

    // 31 February: said at the field once the clerk moves on, and the form refuses it.
    await date.fill('31.02.2038');
    await date.press('Tab');
    const field = page.locator('.form-group', { has: date }).last();
    await field.getByRole('alert').filter({ hasText: 'There is no such date: 31.02.2038.' }).waitFor();
    expect(await date.getAttribute('aria-invalid')).to.equal('true');
    await fill(page);
    await page.getByRole('button', { name: 'Register the application' }).click();
    await field.getByText('No such date: write a real date as dd.mm.yyyy, for example 25.03.2026.').waitFor();
    expect(await get(page, '/api/instances')).to.deep.equal([]);

    // Half a date is not taken either: the widget says how to write one.
    await date.fill('13.12');
    await date.press('Tab');
    expect(await date.inputValue()).to.equal('13.12');

    // 5.1.2038 is taken as 05.01.2038 and shown so; the server receives 2038-01-05. (A leap day is a date.)
    await date.fill('29.02.2040');
    await date.press('Tab');
    expect(await field.getByRole('alert').count()).to.equal(0);
    await date.fill('5.1.2038');
    await date.press('Tab');
    expect(await date.inputValue()).to.equal('05.01.2038');
    await page.getByRole('button', { name: 'Register the application' }).click();
    await page.getByRole('heading', { name: 'The application is registered' }).waitFor();
    const [started] = (await get(page, '/api/instances')) as { id: string }[];
    const { variables } = (await get(page, `/api/instances/${started!.id}`)) as { variables: Record<string, unknown> };
    expect(variables.applicationDate).to.equal('2038-01-05');
  });

  it('keeps dd.mm.yyyy in Kazakh and Russian, with the pattern in the language, and is used with the keyboard alone', async () => {
    const page = await app.signIn('operator', { route: '/start', locale: 'kk-KZ' });
    await page.getByLabel('Мемлекеттік қызмет').selectOption('housing-assistance');
    await page.getByLabel('Өтініш берушінің ЖСН').fill(bekova);
    await page.getByRole('button', { name: 'Тізілімнен табу' }).click();
    await page.getByText(/^Өтініш беруші табылды: Бекова/).waitFor();
    const date = page.getByLabel('Өтініш күні');
    expect(await settled(() => date.inputValue(), '14.12.2037')).to.equal('14.12.2037');
    const pattern = async (field = date) => page.locator(`[id="${(await field.getAttribute('aria-describedby'))!.split(' ')[0]}"]`).textContent();
    expect(await pattern()).to.equal('кк.аа.жжжж');
    // Reached with Tab from the field before it; typed, then left with Tab.
    await date.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    expect(await date.evaluate((e) => e === document.activeElement)).to.equal(true);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('30.02.2038');
    await page.keyboard.press('Tab');
    await page.getByRole('alert').filter({ hasText: 'Мұндай күн жоқ: 30.02.2038.' }).waitFor();
    await screenshot(page, 'form-date-kk');

    await page.getByLabel('Тіл', { exact: true }).selectOption('ru');
    const ru = page.getByLabel('Дата заявления');
    expect(await pattern(ru)).to.equal('дд.мм.гггг');
    await ru.fill('01.03.2038');
    await ru.press('Tab');
    expect(await page.getByRole('alert').filter({ hasText: /даты/ }).count()).to.equal(0);
    expect(await ru.inputValue()).to.equal('01.03.2038');
  });
});

/**
 * The API as the page's signed-in operator reads it (the admin session of `app.server.call` does
 * not outlive the manual clock's move to 2037).
 */
function get(page: Page, route: string): Promise<unknown> {
  return page.evaluate(async (route) => (await fetch(route)).json(), route);
}

/** The application's other required fields, as an operator types them: a tenant living alone. */
async function fill(page: Page) {
  await page.getByLabel(/^Addressee department/).fill('Department of Employment and Social Programmes, Almaly district, Almaty');
  await page.getByLabel('Tenant', { exact: true }).check();
  await page.getByLabel('Family size, persons').fill('1');
  await page.getByLabel('Bank account (IBAN)').fill('KZ86125KZT5004100100');
  await page.getByLabel(/^Bank\*?$/).fill('Halyk Bank');
  await page.getByLabel(/^I consent to the use of legally protected information/).check();
  await page.getByLabel(/^I consent to the collection and processing/).check();
  await page.getByLabel('Case number', { exact: true }).fill('CSC-2037-000201');
}

describe('task forms: a read-only answer shows by its name, not its stored value', () => {
  it('gives every read-only field copied from a variable that another form limits to a list of values the same list, named in kk, ru and en', async () => {
    const fs = await import('node:fs/promises');
    const path = await import('node:path');
    const dir = path.resolve(import.meta.dirname, '..', '..', 'forms');
    const files = (await fs.readdir(dir)).filter((f) => f.endsWith('.schema.json'));
    const read = async (file: string) => JSON.parse(await fs.readFile(path.join(dir, file), 'utf8'));
    // The values each variable may take, as a form that asks for it lists them (housingTenure: owner, tenant).
    const listed = new Map<string, unknown[]>();
    for (const file of files) for (const [name, p] of Object.entries<any>((await read(file)).properties ?? {})) if (Array.isArray(p.enum)) listed.set(name, p.enum);
    const raw: string[] = [];
    for (const file of files) {
      const schema = await read(file);
      const ui = await read(file.replace('.schema.json', '.ui.json'));
      for (const [name, field] of Object.entries<any>(ui.fields ?? {})) {
        const values = field.readOnly && listed.get(field.from ?? name);
        const property = schema.properties?.[name];
        if (!values || property?.type !== 'string') continue;
        const named = Array.isArray(property.enum) && values.every((v: unknown) => ['kk', 'ru', 'en'].every((l) => field.options?.[String(v)]?.[l]));
        if (!named) raw.push(`${file}: ${name}`);
      }
    }
    expect(raw).to.deep.equal([]);
  });
});
