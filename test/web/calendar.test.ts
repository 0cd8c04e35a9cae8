import { expect } from 'chai';
import { screenshot, startWebApp, type WebApp } from './app.js';

describe('web app: the working-day calendar (Chromium)', function () {
  this.timeout(300_000);
  let app: WebApp;

  before(async () => {
    app = await startWebApp();
  });
  after(async () => {
    await app?.close();
  });

  it('shows 2026 as twelve months with Independence Day and Nauryz marked as holidays, named in the chosen language', async () => {
    const page = await app.signIn('operator', { route: '/calendar?year=2026', locale: 'en-GB' });
    await page.getByRole('heading', { name: 'Working-day calendar 2026' }).waitFor();
    await page.locator('table.calendar-month').nth(11).waitFor();
    expect(await page.locator('table.calendar-month caption').allTextContents()).to.deep.equal(['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']);
    const independence = page.locator('td[data-date="2026-12-16"]');
    expect(await independence.getAttribute('data-kind')).to.equal('holiday');
    await page.getByRole('img', { name: /^16 December 2026: Public holiday — Independence Day$/ }).waitFor();
    for (const date of ['2026-03-21', '2026-03-22', '2026-03-23']) expect(await page.locator(`td[data-date="${date}"]`).getAttribute('data-kind'), date).to.equal('holiday');
    // Nauryz on a weekend: its days off move to the next working days (Labour Code art. 85).
    expect(await page.locator('td[data-date="2026-03-24"]').getAttribute('data-kind')).to.equal('substitute');
    expect(await page.locator('td[data-date="2026-12-15"]').getAttribute('data-kind')).to.equal('working');
    expect(await page.locator('td[data-date="2026-12-19"]').getAttribute('data-kind')).to.equal('weekend');
    expect(await page.locator('.calendar-holidays li[data-date="2026-12-16"]').textContent()).to.equal('16 December 2026 — Independence Day');
    for (const kind of ['Working day', 'Weekend', 'Public holiday', 'Day off moved from a holiday', 'Working day by decree', 'Day off by decree']) {
      await page.getByRole('region', { name: 'Legend' }).getByText(kind, { exact: true }).waitFor();
    }

    // A reader: no edit controls, not even on the days.
    expect(await page.getByRole('button', { name: 'Record the decree' }).count()).to.equal(0);
    expect(await page.locator('table.calendar-month button').count()).to.equal(0);
    await page.getByText('Only an administrator records decrees.').waitFor();

    // Year navigation.
    await page.getByRole('button', { name: 'Next year (2027)' }).click();
    await page.getByRole('heading', { name: 'Working-day calendar 2027' }).waitFor();
    await page.waitForURL(/year=2027/);
    expect(await page.locator('td[data-date="2027-12-16"]').getAttribute('data-kind')).to.equal('holiday');

    await page.getByLabel('Language', { exact: true }).selectOption('kk');
    await page.getByRole('button', { name: 'Алдыңғы жыл (2026)' }).click();
    await page.getByRole('heading', { name: '2026 жылғы өндірістік күнтізбе' }).waitFor();
    // Month and day names written in Kazakh, not the browser's fallback ("M12", "Mon").
    expect(await page.locator('table.calendar-month caption').nth(11).textContent()).to.equal('Желтоқсан');
    expect(await page.locator('table.calendar-month').first().locator('th').allTextContents()).to.deep.equal(['Дс', 'Сс', 'Ср', 'Бс', 'Жм', 'Сб', 'Жс']);
    expect(await page.locator('.calendar-holidays li[data-date="2026-12-16"]').textContent()).to.equal('2026 жылғы 16 желтоқсан — Тәуелсіздік күні');
    await screenshot(page, 'calendar-kk');
  });

  it("lets an admin record a decree that turns a working day into a day off, which then reads as such for everyone, and remove it", async () => {
    const admin = await app.signIn('admin', { route: '/calendar?year=2026', locale: 'ru-RU' });
    await admin.getByRole('heading', { name: 'Производственный календарь на 2026 год' }).waitFor();
    // On the system clock there is no training clock to move.
    await admin.locator('table.calendar-month').nth(11).waitFor();
    expect(await admin.getByRole('region', { name: 'Учебные часы' }).count()).to.equal(0);
    const day = admin.locator('td[data-date="2026-12-31"]');
    expect(await day.getAttribute('data-kind')).to.equal('working');
    await admin.getByRole('button', { name: /^31 декабря 2026 г\.: Рабочий день$/ }).click();
    expect(await admin.getByLabel('Дата', { exact: true }).inputValue()).to.equal('31.12.2026');
    await admin.getByLabel('День становится').selectOption('dayOff');
    // The reason is required: said at the field, nothing recorded.
    await admin.getByRole('button', { name: 'Внести постановление' }).click();
    await admin.locator('#decree-reason-error').getByText('Укажите постановление.').waitFor();
    expect((await app.server.call('GET', '/api/calendar/overrides')).body).to.deep.equal([]);

    await admin.getByLabel('Постановление (номер, дата, основание)').fill('Постановление Правительства РК о переносе выходного дня (тест)');
    await admin.getByRole('button', { name: 'Внести постановление' }).click();
    await admin.getByRole('status').getByText('Постановление на 31 декабря 2026 г. внесено.').waitFor();
    await admin.locator('td[data-date="2026-12-31"][data-kind="decreedDayOff"]').waitFor();
    expect(await admin.locator('td[data-date="2026-12-31"]').getAttribute('title')).to.equal('31 декабря 2026 г.: Выходной по постановлению — Постановление Правительства РК о переносе выходного дня (тест)');
    const stored = (await app.server.call('GET', '/api/calendar/overrides')).body as { date: string; kind: string; updatedBy: string }[];
    expect(stored.map(({ date, kind, updatedBy }) => ({ date, kind, updatedBy }))).to.deep.equal([{ date: '2026-12-31', kind: 'dayOff', updatedBy: 'admin' }]);
    // The working-day status the server counts terms by changed too.
    const days = (await app.server.call('GET', '/api/calendar/2026')).body as { date: string; working: boolean }[];
    expect(days.find((d) => d.date === '2026-12-31')!.working).to.equal(false);

    // A decree that changes nothing is refused at the field the server names.
    await admin.getByRole('button', { name: /^19 декабря 2026 г\.: Выходной день$/ }).click();
    await admin.getByLabel('День становится').selectOption('dayOff');
    await admin.getByLabel('Постановление (номер, дата, основание)').fill('Лишнее постановление');
    await admin.getByRole('button', { name: 'Внести постановление' }).click();
    await admin.locator('#decree-kind-error').getByText('По закону этот день уже выходным: постановление ничего не изменит.').waitFor();
    await screenshot(admin, 'calendar');

    // Another user reads the decree, without the controls.
    const operator = await app.signIn('operator', { route: '/calendar?year=2026', locale: 'ru-RU' });
    await operator.locator('td[data-date="2026-12-31"][data-kind="decreedDayOff"]').waitFor();
    await operator.getByRole('region', { name: 'Постановления на 2026 год' }).getByText(/Постановление Правительства РК о переносе выходного дня/).waitFor();
    expect(await operator.getByRole('button', { name: /Удалить/ }).count()).to.equal(0);

    await admin.getByRole('button', { name: 'Удалить постановление на 31 декабря 2026 г.' }).click();
    await admin.locator('td[data-date="2026-12-31"][data-kind="working"]').waitFor();
    expect((await app.server.call('GET', '/api/calendar/overrides')).body).to.deep.equal([]);
  });
});
