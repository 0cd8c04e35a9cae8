import { expect } from 'chai';
import { screenshot, startWebApp, type WebApp } from './app.js';

/**
 * The training clock on the calendar page: a server started with QYZMET_CLOCK=manual (training,
 * demonstrations) is moved by an admin in the browser, to a date and time in Almaty or to the next
 * working morning by the Kazakh calendar, without anyone being signed out.
 */
describe('web app: the training clock (Chromium, QYZMET_CLOCK=manual)', function () {
  this.timeout(300_000);
  let app: WebApp;

  before(async () => {
    app = await startWebApp({ QYZMET_CLOCK: 'manual' });
  });
  after(async () => {
    await app?.close();
  });

  it('moves the clock to a date and time in Almaty, then to the next working morning past a holiday, forward only, and keeps everyone signed in', async () => {
    const clerk = await app.signIn('executor', { route: '/inbox', locale: 'en-GB' });
    const page = await app.signIn('admin', { route: '/calendar?year=2030', locale: 'en-GB' });
    const clock = page.getByRole('region', { name: 'Training clock' });
    await clock.waitFor();

    // Friday 13 December 2030, 17:00 in Almaty (UTC+5).
    await clock.getByLabel('Date').fill('13.12.2030');
    await clock.getByLabel('Time (Almaty)').fill('17:00');
    await clock.getByRole('button', { name: 'Move the clock' }).click();
    await clock.getByRole('status').getByText('The clock now stands at 13.12.2030, 17:00; everything due by then has run.').waitFor();
    expect((await page.request.get(`${app.url}/api/clock`).then((r) => r.json())).now).to.equal('2030-12-13T12:00:00.000Z');

    // The next working morning: not the weekend, not Monday 16 December (Independence Day).
    await clock.getByRole('button', { name: 'Move to the next working day, 09:00' }).click();
    await clock.getByRole('status').getByText(/stands at 17\.12\.2030, 09:00;/).waitFor();
    expect(await clock.getByTestId('clock-now').textContent()).to.equal('17.12.2030, 09:00');

    // Back in time is refused, in the reader's words, and the clock stays.
    await clock.getByLabel('Date').fill('16.12.2030');
    await clock.getByRole('button', { name: 'Move the clock' }).click();
    await clock.getByRole('alert').getByText('The clock only moves forward: choose a moment after 17.12.2030, 09:00.').waitFor();
    await clock.getByLabel('Date').fill('31.02.2031');
    await clock.getByRole('button', { name: 'Move the clock' }).click();
    await clock.getByRole('alert').getByText('Enter the date as dd.mm.yyyy.').waitFor();
    expect(await clock.getByTestId('clock-now').textContent()).to.equal('17.12.2030, 09:00');

    // Sessions run on real time: days of business time later, both are still signed in.
    await page.reload();
    await clock.waitFor();
    await clerk.reload();
    await clerk.getByRole('navigation').getByRole('link', { name: 'Inbox' }).waitFor();
    expect(clerk.url()).to.match(/\/inbox$/);

    await page.getByLabel('Language', { exact: true }).selectOption('kk');
    await page.getByRole('region', { name: 'Оқу сағаты' }).waitFor();
    await screenshot(page, 'training-clock-kk');
  });

  it('is not offered to a clerk, who may not move the clock', async () => {
    const page = await app.signIn('executor', { route: '/calendar?year=2030', locale: 'en-GB' });
    await page.getByRole('heading', { name: 'Working-day calendar 2030' }).waitFor();
    await page.locator('table.calendar-month').nth(11).waitFor();
    expect(await page.getByRole('region', { name: 'Training clock' }).count()).to.equal(0);
  });
});
