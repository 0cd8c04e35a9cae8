import { expect } from 'chai';
import { startWebApp, type WebApp } from './app.js';

describe('web app: served by npm start, sign-in, roles and languages (Chromium)', function () {
  this.timeout(180_000);
  let app: WebApp;

  before(async () => {
    app = await startWebApp();
  });
  after(async () => {
    await app?.close();
  });

  it('serves the app at / and at any deep link, while /api stays JSON', async () => {
    for (const route of ['/', '/monitor/123', '/inbox?overdue=true']) {
      const res = await fetch(app.url + route, { headers: { accept: 'text/html' } });
      expect(res.status, route).to.equal(200);
      expect(await res.text(), route).to.contain('<div id="root">');
    }
    // An unknown API route is the API's answer (here: sign in first), never the app's page.
    const api = await fetch(app.url + '/api/nothing-here', { headers: { accept: 'text/html,application/json' } });
    expect(api.status).to.equal(401);
    expect(api.headers.get('content-type')).to.match(/json/);
    const asset = await fetch(app.url + '/assets/no-such-file.js');
    expect(asset.status).to.equal(404);
  });

  it('refuses a wrong password with a message in the chosen language and signs nobody in', async () => {
    const { page } = await app.open('/', { locale: 'ru-RU' });
    await page.locator('input[name=username]').fill('operator');
    await page.locator('input[name=password]').fill('not-the-password');
    await page.getByRole('button', { name: 'Войти' }).click();
    await expect(await page.getByRole('alert').textContent()).to.equal('Неверное имя пользователя или пароль.');
    expect(await page.locator('header.topbar').count()).to.equal(0);
  });

  it('shows each role only the sections it may open', async () => {
    const sections = async (username: string) => {
      const page = await app.signIn(username, { locale: 'en-GB' });
      return page.getByRole('navigation').getByRole('link').allTextContents();
    };
    expect(await sections('operator')).to.deep.equal(['Inbox', 'Start a case', 'Cases', 'Dashboard', 'Calendar']);
    expect(await sections('analyst')).to.deep.equal(['Cases', 'Dashboard', 'Diagrams', 'Calendar']);
    expect(await sections('admin')).to.deep.equal(['Inbox', 'Start a case', 'Cases', 'Dashboard', 'Diagrams', 'Calendar']);
    // A deep link the role may not open lands on its first section instead.
    const auditor = await app.signIn('auditor', { route: '/modeler', locale: 'en-GB' });
    await auditor.waitForURL(/\/monitor$/);
  });

  it('remembers the chosen language across a reload, in the page and its lang attribute', async () => {
    const page = await app.signIn('executor', { locale: 'ru-RU' });
    expect(await page.getByRole('navigation').getByRole('link').first().textContent()).to.equal('Задачи');
    await page.getByLabel('Язык').selectOption('kk');
    expect(await page.getByRole('navigation').getByRole('link').first().textContent()).to.equal('Тапсырмалар');
    await page.reload();
    await page.locator('header.topbar').waitFor();
    expect(await page.getByRole('navigation').getByRole('link').first().textContent()).to.equal('Тапсырмалар');
    expect(await page.locator('html').getAttribute('lang')).to.equal('kk');
  });

  it('signs out: the session ends on the server and a reload shows the sign-in form', async () => {
    const page = await app.signIn('head', { locale: 'en-GB' });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Qyzmet' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in to Qyzmet' }).waitFor();
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).status);
    expect(me).to.equal(401);
  });
});
