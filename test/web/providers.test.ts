import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { screenshot, screenshots, startWebApp, type WebApp } from './app.js';

/** Monday 7 December 2026, 10:00 in Almaty. */
const monday = '2026-12-07T05:00:00Z';
/** A citizen of the gateway simulator whose only home is emergency housing (test/web/hearing.test.ts). */
const emergency = '810808411618';
const otbasy = { kk: '«"Отбасы банк" тұрғын үй құрылыс жинақ банкі» АҚ', ru: 'АО «Жилищный строительный сберегательный банк "Отбасы банк"»', en: 'Otbasy Bank Housing Construction Savings Bank JSC' };
const medeu = { kk: 'Медеу ауданындағы «Отбасы банк» филиалы', ru: 'Филиал АО «Отбасы банк» в Медеуском районе', en: 'Otbasy Bank, Medeu District Branch' };

/** What the instance page says provides the case's service. */
async function providerOnInstancePage(page: Page): Promise<string> {
  const fact = page.locator('.monitor-facts > div').nth(1);
  await fact.locator('dd').waitFor();
  return (await fact.locator('dd').innerText()).trim();
}

describe('web app: the providers directory, and the body each case names (Chromium)', function () {
  this.timeout(300_000);
  let app: WebApp;
  let housingCenterCase: string;

  before(async () => {
    app = await startWebApp({ QYZMET_CLOCK: 'manual' });
    await app.server.call('POST', '/api/clock', { now: monday });
    const started = await app.server.call('POST', '/api/definitions/housing-center-registration/instances', {
      businessKey: 'ЦОЖ-2026-000031',
      variables: { iin: emergency, certificateSerial: `EDS-${emergency}`, housingStock: 'general', emergencyHousing: true, technicalReport: 'ТЗ № 17-04/2024 от 12.02.2024', housingCheckConsent: true, personalDataConsent: true, consentedMembers: [], publicationConsent: true, noCategoryConsent: true },
    });
    expect(started.status, JSON.stringify(started.body)).to.equal(201);
    housingCenterCase = started.body.id;
  });
  after(async () => {
    await app?.close();
  });

  it("names on a Housing Provision Center case's page the body its documents name, not the default department, in every language", async () => {
    for (const [language, locale] of [
      ['en', 'en-US'],
      ['ru', 'ru-RU'],
      ['kk', 'kk-KZ'],
    ] as const) {
      const page = await app.signIn('admin', { route: `/monitor/${housingCenterCase}`, locale });
      expect(await providerOnInstancePage(page), language).to.equal(otbasy[language]);
      await page.close();
    }
  });

  it('shows the demo installation\'s entry to admins in Kazakh, Russian and English, and saves an edit that the case\'s page then names; a bad BIN is said at its field', async () => {
    const headings = { en: 'Providers directory', ru: 'Справочник услугодателей', kk: 'Көрсетілетін қызметті берушілер анықтамалығы' };
    for (const [language, locale] of [
      ['en', 'en-US'],
      ['ru', 'ru-RU'],
      ['kk', 'kk-KZ'],
    ] as const) {
      const page = await app.signIn('admin', { route: '/providers', locale });
      await page.getByRole('heading', { name: headings[language] }).waitFor();
      // The seed names each service's body as the documents do.
      const hc = page.locator('[data-service="housing-center-registration"]');
      expect(await hc.locator('textarea').nth(['kk', 'ru', 'en'].indexOf(language)).inputValue(), language).to.equal(otbasy[language]);
      expect(await page.locator('[data-service="national"] textarea').nth(1).inputValue()).to.equal('Отдел занятости и социальных программ');
      // Every control is named.
      for (const input of await page.locator('.providers-editor input, .providers-editor textarea, .providers-editor select').all()) {
        const id = await input.getAttribute('id');
        expect(await page.locator(`label[for="${id}"]`).count(), `${language}: a label for #${id}`).to.equal(1);
      }
      await screenshot(page, `providers-${language}`);
      await page.close();
    }

    const page = await app.signIn('admin', { route: '/providers', locale: 'en-US' });
    await page.getByRole('heading', { name: 'Providers directory' }).waitFor();
    await page.getByLabel('BIN (12 digits)').fill('040540000124');
    // Each field is named with its service, as a screen reader says it.
    await page.getByLabel(/^Registration of citizens in need of housing in the "Housing Provision Center" database .*: In Kazakh$/).fill(medeu.kk);
    await page.getByLabel(/^Registration of citizens in need of housing in the "Housing Provision Center" database .*: In Russian$/).fill(medeu.ru);
    await page.getByLabel(/^Registration of citizens in need of housing in the "Housing Provision Center" database .*: In English$/).fill(medeu.en);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.locator('#provider-bin-error').getByText('A BIN is 12 digits, the last one a check digit; this one does not add up.').waitFor();
    expect(await page.getByLabel('BIN (12 digits)').getAttribute('aria-invalid')).to.equal('true');
    await screenshot(page, 'providers-bin-error-en');
    // Nothing was stored: the case still names the act's body.
    expect((await app.server.call('GET', `/api/instances/${housingCenterCase}`)).body.providerNames).to.deep.equal(otbasy);

    await page.getByLabel('BIN (12 digits)').fill('040540000123');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    // dd.mm.yyyy in English too, and the one who saved by name, not by username.
    await page.getByRole('status').getByText(/^Saved 07\.12\.2026, 10:00 by Асқар Мұқанов\.$/).waitFor();
    expect(await page.locator('#provider-bin-error').count()).to.equal(0);

    for (const [language, locale] of [
      ['en', 'en-US'],
      ['kk', 'kk-KZ'],
    ] as const) {
      const instance = await app.signIn('admin', { route: `/monitor/${housingCenterCase}`, locale });
      expect(await providerOnInstancePage(instance), language).to.equal(medeu[language]);
      if (language === 'en') {
        // The history names the called process and the engine's own steps as a person reads them, not "family-consent" or "call".
        const familyConsent = ((await app.server.call('GET', '/api/definitions')).body as { key: string; names: { en: string } }[]).find((d) => d.key === 'family-consent')!;
        const called = instance.getByRole('row', { name: /Called process started/ }).first();
        await instance.waitForFunction((name) => [...document.querySelectorAll('tr')].some((r) => r.textContent?.includes(`Process: ${name}; Version: 1`)), familyConsent.names.en);
        expect(await called.getByRole('cell').nth(4).textContent()).to.equal(`Process: ${familyConsent.names.en}; Version: 1`);
        const by = await instance.locator('.monitor-table').last().locator('tbody td:nth-child(4)').allTextContents();
        expect(by.filter((x) => ['call', 'timer', 'jobs'].includes(x) || x.startsWith('service:'))).to.deep.equal([]);
      }
      if (language === 'kk') await screenshot(instance, 'monitor-instance-provider-kk');
      await instance.close();
    }
  });

  it("lets an admin set up the housing commission that a vote stopped for, from the case's incident, and the case goes on to the vote", async () => {
    const started = await app.server.call('POST', '/api/definitions/commission-vote/instances', {
      businessKey: 'ПР-2026-000077',
      variables: { provider: 'default', subject: { kk: 'Алматы қ., Әуезов ауданы, 8-шағын аудан, 12-үй, 45-пәтерді жекешелендіру', ru: 'Приватизация квартиры: г. Алматы, Ауэзовский район, мкр. 8, д. 12, кв. 45' }, applicantName: 'Қасымова Әлия Нұрланқызы', iin: '750930410421', address: 'Алматы қ., Әуезов ауданы, 8-шағын аудан, 12-үй, 45-пәтер' },
    });
    expect(started.status, JSON.stringify(started.body)).to.equal(201);
    const id = started.body.id as string;
    const details = async () => (await app.server.call('GET', `/api/instances/${id}`)).body as { incidents: { id: string; status: string; message: string }[]; tasks: { elementId: string; status: string; assignee: string | null }[] };
    async function until(what: string, ok: (d: Awaited<ReturnType<typeof details>>) => boolean) {
      for (let i = 0; i < 150; i++) {
        const d = await details();
        if (ok(d)) return d;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`waited in vain for ${what}`);
    }
    // No commission yet: seating it fails three times (10 s, then 20 s apart) and becomes an incident.
    const { now } = (await app.server.call('GET', '/api/clock')).body as { now: string };
    for (const minutes of [1, 2]) await app.server.call('POST', '/api/clock', { now: new Date(Date.parse(now) + minutes * 60_000).toISOString() });
    const [incident] = (await until('the incident', (d) => d.incidents.some((i) => i.status === 'open'))).incidents;
    expect(incident!.message).to.equal('commission.members: provider "default" has no housing commission: an admin sets it under Providers → default → Housing commission, then retries this incident');

    // The case page says, in the admin's language, where the commission is set, and links there.
    const page = await app.signIn('admin', { route: `/monitor/${id}`, locale: 'ru-RU' });
    await page.getByText('У услугодателя «default» ещё не задан состав жилищной комиссии. Задайте его: Услугодатели → default → Жилищная комиссия, затем нажмите «Повторить».').waitFor();
    await screenshot(page, 'providers-commission-incident-ru');
    await page.getByRole('link', { name: 'Открыть жилищную комиссию услугодателя «default»' }).click();
    await page.getByRole('heading', { name: 'Жилищная комиссия' }).waitFor();
    await page.getByText('Состав ещё не определён').waitFor();
    // Members are the provider's accounts; the chairman is chosen among them.
    await page.getByRole('checkbox', { name: /Бауыржан Тілеуов/ }).check();
    await page.getByRole('checkbox', { name: /Гүлнар Әбенова/ }).check();
    expect(await page.getByLabel('Председатель комиссии').locator('option').allInnerTexts()).to.deep.equal(['— выберите из членов комиссии —', 'Бауыржан Тілеуов', 'Гүлнар Әбенова']);
    // Saved without a chairman: the server's 400 is shown at the chairman's field, and nothing is stored.
    await page.getByRole('button', { name: 'Сохранить состав комиссии' }).click();
    await page.locator('#commission-chair-error').getByText('Выберите председателя из членов комиссии.').waitFor();
    expect(await page.getByLabel('Председатель комиссии').getAttribute('aria-invalid')).to.equal('true');
    expect((await app.server.call('GET', '/api/providers/default/commission')).status).to.equal(404);
    await screenshot(page, 'providers-commission-error-ru');
    await page.getByLabel('Председатель комиссии').selectOption({ label: 'Гүлнар Әбенова' });
    await page.getByRole('button', { name: 'Сохранить состав комиссии' }).click();
    await page.getByRole('status').getByText(/^Состав комиссии сохранён 07\.12\.2026, \d\d:\d\d, Асқар Мұқанов\.$/).waitFor();
    const commission = (await app.server.call('GET', '/api/providers/default/commission')).body as { members: { username: string }[]; chair: string };
    expect(commission.members.map((m) => m.username)).to.deep.equal(['commission', 'head']);
    expect(commission.chair).to.equal('head');
    await page.locator('#commission').screenshot({ path: `${screenshots}/providers-commission-ru.png` });

    // Back on the case page the admin retries, and the two members get their ballots.
    await page.goBack();
    await page.getByRole('button', { name: 'Повторить' }).click();
    const voting = await until('the ballots', (d) => d.tasks.filter((x) => x.elementId === 'castVote' && x.status === 'open').length === 2);
    expect(voting.tasks.filter((x) => x.elementId === 'castVote').map((x) => x.assignee).sort()).to.deep.equal(['commission', 'head']);
    expect(voting.incidents.map((i) => i.status)).to.deep.equal(['resolved']);
    await page.getByText('устранён').first().waitFor();
    expect(await page.getByRole('link', { name: /Открыть жилищную комиссию/ }).count()).to.equal(0);
    await page.close();

    // In Kazakh, the saved commission as it is read.
    const kk = await app.signIn('admin', { route: '/providers?provider=default', locale: 'kk-KZ' });
    await kk.getByRole('heading', { name: 'Тұрғын үй комиссиясы' }).waitFor();
    expect(await kk.getByRole('checkbox', { name: /Бауыржан Тілеуов/ }).isChecked()).to.equal(true);
    expect(await kk.getByLabel('Комиссия төрағасы').inputValue()).to.equal('head');
    await kk.locator('#commission').screenshot({ path: `${screenshots}/providers-commission-kk.png` });
    await kk.close();
  });

  it('is not offered to a clerk', async () => {
    const page = await app.signIn('executor', { route: '/providers', locale: 'en-US' });
    expect(await page.getByRole('link', { name: 'Providers' }).count()).to.equal(0);
    expect(await page.getByRole('heading', { name: 'Providers directory' }).count()).to.equal(0);
  });
});
