import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { screenshot, startWebApp, type WebApp } from './app.js';

/** Monday 7 December 2026, 10:00 in Almaty. */
const monday = '2026-12-07T05:00:00Z';
/** A citizen of the gateway simulator whose only home is emergency housing (test/web/hearing.test.ts). */
const emergency = '810808411618';
const otbasy = { kk: '«Отбасы банк» тұрғын үй құрылыс жинақ банкі» АҚ', ru: 'АО «Жилищный строительный сберегательный банк «Отбасы банк»', en: 'Otbasy Bank Housing Construction Savings Bank JSC' };
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
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('#provider-bin-error').getByText('A BIN is 12 digits, the last one a check digit; this one does not add up.').waitFor();
    expect(await page.getByLabel('BIN (12 digits)').getAttribute('aria-invalid')).to.equal('true');
    await screenshot(page, 'providers-bin-error-en');
    // Nothing was stored: the case still names the act's body.
    expect((await app.server.call('GET', `/api/instances/${housingCenterCase}`)).body.providerNames).to.deep.equal(otbasy);

    await page.getByLabel('BIN (12 digits)').fill('040540000123');
    await page.getByRole('button', { name: 'Save' }).click();
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

  it('is not offered to a clerk', async () => {
    const page = await app.signIn('executor', { route: '/providers', locale: 'en-US' });
    expect(await page.getByRole('link', { name: 'Providers' }).count()).to.equal(0);
    expect(await page.getByRole('heading', { name: 'Providers directory' }).count()).to.equal(0);
  });
});
