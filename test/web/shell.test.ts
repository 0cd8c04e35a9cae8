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

  it("keeps the page's strict Content-Security-Policy (no 'unsafe-eval'): a form renders and checks a required field with no violation", async () => {
    const policy = (await fetch(app.url + '/start', { headers: { accept: 'text/html' } })).headers.get('content-security-policy')!;
    expect(policy.split(';')).to.include("script-src 'self'").and.include("script-src-attr 'none'");
    expect(policy).to.not.contain('unsafe-eval');
    expect(policy.split(';').filter((d) => d.startsWith('script-src'))).to.deep.equal(["script-src 'self'", "script-src-attr 'none'"]);

    const { page } = await app.open('/start', { locale: 'ru-RU' });
    // Violations as the browser reports them: the page's own event, and Chromium's console message.
    await page.addInitScript(() => {
      const seen: string[] = ((window as unknown as { violations: string[] }).violations = []);
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const messages: string[] = [];
    page.on('console', (m) => messages.push(m.text()));
    page.on('pageerror', (e) => messages.push(e.message));
    await page.reload();
    await page.locator('input[name=username]').fill('operator');
    await page.locator('input[name=password]').fill('qyzmet-demo');
    await page.locator('input[name=password]').press('Enter');
    await page.getByLabel('Государственная услуга').selectOption('housing-assistance');
    await page.getByLabel('ИИН заявителя').fill('510203410142');
    await page.getByRole('button', { name: 'Найти в реестре' }).click();
    await page.getByText('Заявитель найден: Бекова Раушан Тулегеновна').waitFor();
    // Checked in the browser, before anything reaches the server: the family size is required.
    await page.getByRole('button', { name: 'Зарегистрировать заявление' }).click();
    // (rjsf names a field's error list after the field: #root_<name>__error.)
    const familySize = page.locator('#root_familySize__error');
    await familySize.getByText('Обязательное поле').waitFor();
    await page.getByLabel('Состав семьи, человек').fill('2');
    await familySize.getByText('Обязательное поле').waitFor({ state: 'detached' });

    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).to.deep.equal([]);
    expect(messages.filter((m) => /Content Security Policy|unsafe-eval|EvalError|not precompiled/i.test(m))).to.deep.equal([]);
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
    expect(await sections('analyst')).to.deep.equal(['Cases', 'Dashboard', 'Diagrams', 'Forms', 'Calendar']);
    expect(await sections('admin')).to.deep.equal(['Inbox', 'Start a case', 'Cases', 'Dashboard', 'Diagrams', 'Forms', 'Calendar', 'Providers']);
    // A deep link the role may not open lands on its first section instead.
    const auditor = await app.signIn('auditor', { route: '/modeler', locale: 'en-GB' });
    await auditor.waitForURL(/\/monitor$/);
  });

  it('remembers the chosen language across a reload, in the page and its lang attribute', async () => {
    const page = await app.signIn('executor', { locale: 'ru-RU' });
    expect(await page.getByRole('navigation').getByRole('link').first().textContent()).to.equal('Задачи');
    await page.getByLabel('Язык', { exact: true }).selectOption('kk');
    expect(await page.getByRole('navigation').getByRole('link').first().textContent()).to.equal('Тапсырмалар');
    await page.reload();
    await page.locator('header.topbar').waitFor();
    expect(await page.getByRole('navigation').getByRole('link').first().textContent()).to.equal('Тапсырмалар');
    expect(await page.locator('html').getAttribute('lang')).to.equal('kk');
  });

  it("opens in the browser's language whatever its region, and writes dates in Kazakh as Kazakh does", async () => {
    const american = await app.signIn('executor', { locale: 'en-US' });
    expect(await american.getByRole('navigation').getByRole('link').first().textContent()).to.equal('Inbox');
    // Chromium's own Kazakh format is "2026 M12 5"; the modeler's list of diagrams shows when each was deployed.
    const analyst = await app.signIn('analyst', { route: '/modeler', locale: 'kk-KZ' });
    const deployed = analyst.getByRole('row').nth(1).getByRole('cell').last();
    await deployed.waitFor();
    expect(await deployed.textContent()).to.match(/^\d{4} ж\. \d{1,2} (қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан)$/);
    // A moment as Kazakh writes it, 05.12.2026, 09:00 (Chromium's own is 2026-12-05 09:00).
    await analyst.getByRole('navigation').getByRole('link', { name: 'Жиынтық' }).click();
    expect(await analyst.getByText(/жағдай бойынша$/).textContent()).to.match(/^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} жағдай бойынша$/);
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
