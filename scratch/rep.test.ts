import { startWebApp, type WebApp } from '../test/web/app.js';
describe('scratch', () => {
  let app: WebApp;
  before(async () => { app = await startWebApp({ QYZMET_CLOCK: 'manual' }); await app.server.call('POST', '/api/clock', { now: '2037-12-14T13:30:00Z' }); });
  after(() => app?.close());
  it('dumps', async () => {
    const page = await app.signIn('operator', { route: '/start', locale: 'ru-RU' });
    page.on('console', (m) => { if (m.text().includes('QDEBUG')) console.log(m.text().slice(0, 1500)); });
    await page.getByRole('heading', { name: 'Регистрация заявления' }).waitFor();
    await page.getByLabel('Государственная услуга').selectOption('housing-assistance');
    await page.getByLabel('ИИН заявителя').fill('510203410142');
    await page.getByRole('button', { name: 'Найти в реестре' }).click();
    await page.getByText('Заявитель найден').waitFor();
    await page.getByRole('button', { name: 'Зарегистрировать заявление' }).click();
    await page.locator('[id="root_bankAccount__error"]').waitFor();
    for (const el of await page.locator('[id^="root_representative"][id$="__error"]').all()) console.log(await el.getAttribute('id'), await el.innerText());
    console.log(await page.locator('fieldset#root_representative, #root_representative').first().innerHTML().catch(() => 'none'));
  });
});
