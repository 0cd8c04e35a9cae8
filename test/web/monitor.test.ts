import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { application } from '../support/cases.js';
import { startSimulator, type SimulatorProcess } from '../support/simulator.js';
import { screenshot, startWebApp, type WebApp } from './app.js';

/** The shape of a BPMN element in the drawn diagram (bpmn-js marks it `data-element-id`). */
const shape = (page: Page, elementId: string) => page.locator(`.monitor-diagram .djs-element[data-element-id="${elementId}"]`);
const classesOf = async (page: Page, elementId: string) => (await shape(page, elementId).getAttribute('class'))?.split(/\s+/) ?? [];

/** Waits until the element's shape carries the class (the page reloads after a retry; the job runs a moment later). */
async function untilMarked(page: Page, elementId: string, cls: string) {
  await page.waitForFunction(([id, c]) => !!document.querySelector(`.monitor-diagram .djs-element[data-element-id="${id}"].${c}`), [elementId, cls] as const, { timeout: 20_000 });
}

describe('web app: the admins’ monitor — case list, case page with its diagram, dashboard (Chromium)', function () {
  this.timeout(300_000);
  let app: WebApp;
  let sim: SimulatorProcess;
  let token: string;

  /** The REST API as the admin (Bearer token), for starting cases and reading what the page should show. */
  async function call<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(app.url + path, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const answer = await res.json();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(answer)}`);
    return answer as T;
  }
  async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
    for (let i = 0; i < 100; i++) {
      const v = await read();
      if (ok(v)) return v;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`waited in vain for ${what}`);
  }
  const start = (businessKey: string, variables: Record<string, unknown>) => call<{ id: string }>('POST', '/api/definitions/housing-assistance/instances', { businessKey, variables: { ...application, channel: 'portal', certificateSerial: 'EDS-840512310075', ...variables } });
  const details = (id: string) => call<{ activities: { elementId: string; kind: string }[]; incidents: { status: string }[]; startedAt: string; status: string }>('GET', `/api/instances/${id}`);

  let running: string;
  let failing: string;

  before(async () => {
    // A manual clock: the test moves it past the service task's retries (R3/PT5M) instead of waiting.
    // The gateway simulator is the test's own, so that it can make a register fail.
    sim = await startSimulator();
    app = await startWebApp({ QYZMET_CLOCK: 'manual', GATEWAY_URL: sim.url });
    token = (await (await fetch(app.url + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'qyzmet-demo' }) })).json()).token;

    running = (await start('HA-MON-1', { iin: '840512310075' })).id;
    await until('HA-MON-1 at its first user task', () => details(running), (d) => d.activities.some((a) => a.kind === 'userTask'));

    // The individuals register is down: the identity lookup fails three times and becomes an incident.
    await sim.admin('POST', '/admin/faults', { system: 'individuals', kind: 'error', status: 503 });
    failing = (await start('HA-MON-2', { iin: '840512310075' })).id;
    const { now } = await call<{ now: string }>('GET', '/api/clock');
    for (const minutes of [6, 12]) await call('POST', '/api/clock', { now: new Date(Date.parse(now) + minutes * 60_000).toISOString() });
    await until('the incident of HA-MON-2', () => details(failing), (d) => d.incidents.some((i) => i.status === 'open'));
  });
  after(async () => {
    await app?.close();
    await sim?.stop();
  });

  it('shows the admin a running case on its diagram: where it waits with its token count and due date, and the path it took', async () => {
    const d = await details(running);
    const waiting = d.activities.find((a) => a.kind === 'userTask')!.elementId;
    expect(waiting).to.equal('reviewCompleteness');
    const page = await app.signIn('admin', { route: `/monitor/${running}`, locale: 'en-GB' });
    await page.getByRole('heading', { name: 'Case HA-MON-1' }).waitFor();
    await shape(page, waiting).waitFor();
    expect(await classesOf(page, waiting)).to.include('monitor-active');
    expect(await classesOf(page, waiting)).to.not.include('monitor-completed');
    for (const done of ['applicationReceived', 'lookupIdentity', 'verifyEds', 'lookupIncome']) expect(await classesOf(page, done), done).to.include('monitor-completed');
    // A branch not taken stays plain; the flows taken are drawn as taken.
    expect(await classesOf(page, 'checkCompleteness')).to.not.include('monitor-completed');
    expect(await classesOf(page, 'viaPortal')).to.include('monitor-taken');
    // One token at the task, and one at its boundary timer (the 2-working-day reminder), which waits too.
    const overlays = (id: string) => page.locator(`.djs-overlays[data-container-id="${id}"]`);
    expect(await overlays(waiting).locator('.monitor-tokens').allTextContents()).to.deep.equal(['1']);
    expect(await overlays('reviewOverdue').locator('.monitor-tokens').allTextContents()).to.deep.equal(['1']);
    expect(await page.locator('.monitor-tokens').count()).to.equal(2);
    // The timer's badge sits below the task it is attached to, not over the task's name.
    const taskBox = (await shape(page, waiting).locator('.djs-visual').boundingBox())!;
    const timerBadge = (await overlays('reviewOverdue').locator('.monitor-tokens').boundingBox())!;
    expect(timerBadge.y, 'the timer badge clears the task').to.be.at.least(taskBox.y + taskBox.height);
    const task = (await call<{ elementId: string; dueAt: string }[]>('GET', `/api/tasks?instance=${running}`))[0]!;
    // dd.mm.yyyy, HH:MM in English too, as the forms' date fields write it (ru-RU's short form).
    const due = new Intl.DateTimeFormat('ru-RU', { timeZone: 'Asia/Almaty', dateStyle: 'short', timeStyle: 'short' }).format(new Date(task.dueAt));
    expect(await overlays(waiting).locator('.monitor-due').textContent()).to.equal(`due ${due}`);
    // Every date in Almaty's time, though the browser is in New York.
    const started = new Intl.DateTimeFormat('ru-RU', { timeZone: 'Asia/Almaty', dateStyle: 'short', timeStyle: 'short' }).format(new Date(d.startedAt));
    expect(started).to.match(/^\d\d\.\d\d\.\d{4}, \d\d:\d\d$/);
    expect(await page.locator('.monitor-facts div', { hasText: 'Started' }).locator('dd').textContent()).to.equal(`${started} · Асқар Мұқанов`);
    // The provider by its name, not by its id "default".
    expect(await page.locator('.monitor-facts div', { hasText: 'Provider' }).locator('dd').textContent()).to.equal('Department of Employment and Social Programmes');
    await page.getByRole('heading', { name: 'History' }).scrollIntoViewIfNeeded();
    expect(await page.getByRole('row', { name: /Task created/ }).count()).to.equal(1);
    // Each fact under its name, people and the system by name: no "dueAt:", "topic:" or "service:gateway.identity".
    expect(await page.getByRole('row', { name: /Task created/ }).getByRole('cell').nth(4).textContent()).to.equal(`Due: ${due}`);
    const answered = page.getByRole('row', { name: /Service call answered/ }).filter({ hasText: 'Identity document details' });
    expect((await answered.getByRole('cell').allTextContents()).slice(3)).to.deep.equal(['System (automatic steps)', 'Service: gateway.identity']);
    // A gateway drawn without a name (it only joins paths) reads as its kind, not as the modeller's id.
    const historyText = await page.locator('section[aria-labelledby="monitor-history"]').textContent();
    expect(historyText).to.not.contain('reviewCompletenessJoin');
    expect(await page.getByRole('row', { name: /Step entered/ }).filter({ hasText: 'Exclusive gateway' }).count()).to.be.greaterThan(0);
    // The diagram pans from the keyboard too (Ctrl + arrows, diagram-js's keys).
    const viewport = page.locator('.monitor-diagram svg g.viewport');
    const before = await viewport.getAttribute('transform');
    await page.locator('.monitor-diagram svg').first().focus();
    await page.keyboard.press('Control+ArrowLeft');
    expect(await viewport.getAttribute('transform')).to.not.equal(before);
    // The case waits at the review, due by its term; the review's armed reminder timer is no place it
    // waits ("2 working days passed" read as late) but the review's next reminder, with when it fires.
    const timer = (await call<{ jobs: { kind: string; elementId: string; dueAt: string }[] }>('GET', `/api/instances/${running}`)).jobs.find((j) => j.kind === 'timer' && j.elementId === 'reviewOverdue')!;
    const reminderAt = new Intl.DateTimeFormat('ru-RU', { timeZone: 'Asia/Almaty', dateStyle: 'short', timeStyle: 'short' }).format(new Date(timer.dueAt));
    const waits = () => page.getByRole('heading', { name: /Where the case waits|Іс қазір қай жерде|Где сейчас находится дело/ }).locator('xpath=following-sibling::ul[1]').getByRole('listitem');
    expect(await waits().allTextContents()).to.deep.equal([`Review the application for completeness · user task · since ${started} · due ${due} · for responsible executors · next reminder ${reminderAt}`]);
    expect(await waits().locator('.monitor-reminder').getAttribute('title')).to.equal('2 working days passed');
    await page.getByRole('button', { name: 'Where the case waits' }).click();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'monitor-instance');

    await page.getByLabel('Language', { exact: true }).selectOption('ru');
    await page.getByRole('heading', { name: 'Дело HA-MON-1' }).waitFor();
    expect(await waits().count()).to.equal(1);
    expect(await waits().first().textContent()).to.match(new RegExp(`^Рассмотрение заявления на полноту · задача исполнителя · с ${started} · срок до ${due} · .* · следующее напоминание ${reminderAt}$`));

    await page.getByLabel('Язык', { exact: true }).selectOption('kk');
    await page.getByRole('heading', { name: '№ HA-MON-1 іс' }).waitFor();
    await shape(page, waiting).waitFor();
    expect(await waits().count()).to.equal(1);
    expect(await waits().first().textContent()).to.match(new RegExp(` · келесі еске салу ${reminderAt}$`));
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'monitor-instance-kk');
  });

  it('lists the cases by filter, with the one stuck on an incident flagged', async () => {
    const page = await app.signIn('admin', { route: '/monitor?incident=true', locale: 'en-GB' });
    const rows = page.locator('table.monitor-cases tbody tr');
    await rows.first().waitFor();
    expect(await rows.locator('th').allTextContents()).to.deep.equal(['HA-MON-2']);
    expect(await rows.first().textContent()).to.contain('1 incident');
    await page.getByLabel('With an incident').selectOption('false');
    await page.waitForURL(/incident=false/);
    await page.locator('table.monitor-cases tbody tr th', { hasText: 'HA-MON-1' }).waitFor();
    expect(await rows.locator('th').allTextContents()).to.deep.equal(['HA-MON-1']);
    // It waits at the review; the review's armed reminder timer ("2 working days passed") is not listed as if it had fired.
    expect(await rows.first().locator('td').nth(2).textContent()).to.equal('Review the application for completeness');
    await page.getByLabel('Status').selectOption('completed');
    await page.getByText('No case matches these filters.').waitFor();
    await page.goto(app.url + '/monitor');
    await page.locator('table.monitor-cases tbody tr th', { hasText: 'HA-MON-2' }).waitFor();
    await screenshot(page, 'monitor-list');
  });

  it('shows the auditor the case with its incident but no control to change it (in Russian)', async () => {
    const page = await app.signIn('auditor', { route: `/monitor/${failing}`, locale: 'ru-RU' });
    await page.getByRole('heading', { name: 'Дело HA-MON-2' }).waitFor();
    await page.getByText(/individuals register.*503/).first().waitFor();
    // What happened is said in Russian; the engine's English text follows, marked as English.
    await page.getByText('Запрос к внешней системе не удался и после повторных попыток. Устраните причину и нажмите «Повторить». Техническое сообщение (на английском):').waitFor();
    expect(await page.locator('.monitor-message').first().getAttribute('lang')).to.equal('en');
    await shape(page, 'lookupIdentity').waitFor();
    expect(await classesOf(page, 'lookupIdentity')).to.include('monitor-incident');
    // The diagram draws its steps in the reader's language (the step's name:ru), not in Kazakh.
    const label = (await shape(page, 'lookupIdentity').locator('text').textContent()) ?? '';
    expect(label.replace(/\s+/g, '')).to.equal('Сведенияодокументе,удостоверяющемличность(ШЭП)');
    expect(await page.getByRole('region', { name: /Схема/ }).locator('text').allTextContents()).to.not.satisfy((texts: string[]) => texts.some((x) => /[әғқңөұүһі]/i.test(x)));
    expect(await page.locator('.monitor-heading').textContent()).to.contain('1 инцидент');
    // Names a person reads, in Russian: the provider, who started the case, the system that raised the incident.
    expect(await page.locator('.monitor-facts div', { hasText: 'Услугодатель' }).locator('dd').textContent()).to.equal('Отдел занятости и социальных программ');
    expect(await page.locator('.monitor-facts div', { hasText: 'Начато' }).locator('dd').textContent()).to.match(/ · Асқар Мұқанов$/);
    expect(await page.getByRole('row', { name: /Возник инцидент/ }).getByRole('cell').nth(3).textContent()).to.equal('Система (автоматические шаги)');
    const cells = await page.locator('.monitor-table td').allTextContents();
    for (const id of ['default', 'admin', 'jobs']) expect(cells, id).to.not.include(id);
    expect(cells.filter((c) => /service:|topic:|attempts:|dueAt:|kind:/.test(c)), 'raw keys and actors').to.deep.equal([]);
    expect(await page.getByRole('row', { name: /Возник инцидент/ }).getByRole('cell').nth(4).textContent()).to.match(/^Вид: обращение к системе; Сервис: gateway\.identity; Попыток: 3; Ошибка: /);
    for (const name of ['Повторить', 'Отменить дело', 'Задать переменную']) expect(await page.getByRole('button', { name }).count(), name).to.equal(0);
    expect(await page.getByRole('button', { name: /^Изменить/ }).count()).to.equal(0);
    await screenshot(page, 'monitor-incident-ru');
  });

  it('once the register is back, lets the admin retry the incident, and the case goes on', async () => {
    const page = await app.signIn('admin', { route: `/monitor/${failing}`, locale: 'en-GB' });
    await page.getByRole('heading', { name: 'Case HA-MON-2' }).waitFor();
    await untilMarked(page, 'lookupIdentity', 'monitor-incident');
    await sim.admin('DELETE', '/admin/faults');
    await page.getByRole('button', { name: 'Retry' }).click();
    await untilMarked(page, 'reviewCompleteness', 'monitor-active');
    expect(await classesOf(page, 'lookupIdentity')).to.include('monitor-completed');
    expect(await classesOf(page, 'lookupIdentity')).to.not.include('monitor-incident');
    await page.getByText(/resolved/).first().waitFor();
    expect(await page.getByRole('button', { name: 'Retry' }).count()).to.equal(0);
    const d = await details(failing);
    expect(d.activities.map((a) => a.elementId)).to.include('reviewCompleteness');
    expect(d.incidents.map((i) => i.status)).to.deep.equal(['resolved']);
  });

  it('lets the admin set a variable of a case, recorded in its history as theirs', async () => {
    const page = await app.signIn('admin', { route: `/monitor/${running}`, locale: 'en-GB' });
    await page.getByRole('heading', { name: 'Case HA-MON-1' }).waitFor();
    await page.getByRole('button', { name: 'Set a variable' }).click();
    await page.getByLabel('Variable name').fill('mobilePhone');
    await page.getByLabel('Value of mobilePhone').fill('+7 701 555 0199');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('row', { name: /^mobilePhone \+7 701 555 0199/ }).waitFor();
    expect(await page.getByRole('row', { name: /Variables set .* Асқар Мұқанов mobilePhone/ }).count()).to.equal(1);
    expect((await call<{ variables: Record<string, unknown> }>('GET', `/api/instances/${running}`)).variables.mobilePhone).to.equal('+7 701 555 0199');
  });

  it('cancels a case only after the admin confirms it', async () => {
    const third = (await start('HA-MON-3', { iin: '840512310075' })).id;
    await until('HA-MON-3 at its first user task', () => details(third), (d) => d.activities.some((a) => a.kind === 'userTask'));
    const page = await app.signIn('admin', { route: `/monitor/${third}`, locale: 'en-GB' });
    await page.getByRole('button', { name: 'Cancel the case' }).click();
    await page.getByRole('alertdialog').getByText('Cancel case HA-MON-3?').waitFor();
    await page.getByRole('button', { name: 'No, keep it' }).click();
    expect((await details(third)).status).to.equal('running');
    // From the keyboard: Escape keeps the case too, and focus goes back to the button that asked.
    await page.getByRole('button', { name: 'Cancel the case' }).press('Enter');
    await page.getByRole('alertdialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('alertdialog').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).to.equal('Cancel the case');
    expect((await details(third)).status).to.equal('running');
    await page.getByRole('button', { name: 'Cancel the case' }).click();
    await page.getByRole('button', { name: 'Yes, cancel the case' }).click();
    await page.locator('.monitor-heading .monitor-badge', { hasText: 'Canceled' }).waitFor();
    expect((await details(third)).status).to.equal('canceled');
  });

  it('counts the running cases per process and per step on the dashboard, and charts those started and finished', async () => {
    const [definition] = (await call<{ key: string; names: { en: string; kk: string } }[]>('GET', '/api/definitions')).filter((x) => x.key === 'housing-assistance');
    const page = await app.signIn('admin', { route: '/dashboard', locale: 'en-GB' });
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    const process = page.getByRole('region', { name: 'Running cases by process' }).getByRole('row', { name: definition!.names.en });
    expect(await process.locator('td').allTextContents()).to.deep.equal(['2', '0']);
    const step = page.getByRole('region', { name: 'Running cases by step' }).getByRole('row', { name: /Review the application for completeness/ });
    expect(await step.locator('td').allTextContents()).to.deep.equal([definition!.names.en, '2', '0']);
    // HA-MON-1…3 started today (in Almaty) and HA-MON-3, canceled, ended today.
    expect(await page.locator('.monitor-chart canvas').getAttribute('aria-label')).to.equal('Bar chart: 3 cases started and 1 finished in the last 14 days');
    await screenshot(page, 'dashboard');
    await page.getByLabel('Language', { exact: true }).selectOption('kk');
    await page.getByRole('heading', { name: 'Жиынтық' }).waitFor();
    expect(await page.locator('.monitor-chart canvas').getAttribute('aria-label')).to.equal('Диаграмма: соңғы 14 күн ішінде 3 іс басталды, 1 іс аяқталды');
    await screenshot(page, 'dashboard-kk');
  });

  it('draws only the flows the case took: a refusal the head signed at once shows no way back to the review', async () => {
    const as = async (username: string) => (await (await fetch(app.url + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'qyzmet-demo' }) })).json()).token as string;
    const completeAs = async (username: string, instanceId: string, elementId: string, variables: Record<string, unknown>) => {
      const [task] = await until(`${elementId} of the case`, () => call<{ id: string; elementId: string }[]>('GET', `/api/tasks?instance=${instanceId}`), (tasks) => tasks.some((x) => x.elementId === elementId));
      const res = await fetch(`${app.url}/api/tasks/${task!.id}/complete`, { method: 'POST', headers: { authorization: `Bearer ${await as(username)}`, 'content-type': 'application/json' }, body: JSON.stringify({ variables }) });
      expect(res.status, await res.text()).to.equal(200);
    };
    const id = (await start('HA-MON-4', { iin: '840512310075' })).id;
    await completeAs('executor', id, 'reviewCompleteness', { packageComplete: false, missingDocuments: ['alimony'], refusalReason: 'Не представлены сведения об алиментах на детей.' });
    await completeAs('head', id, 'signIncompleteRefusal', { signedBy: 'Жұмабаева Гүлмира Әбілқызы', signature: true });
    await until('HA-MON-4 refused', () => details(id), (d) => d.status === 'completed');
    const page = await app.signIn('admin', { route: `/monitor/${id}`, locale: 'en-GB' });
    await page.getByRole('heading', { name: 'Case HA-MON-4' }).waitFor();
    await shape(page, 'incompleteRefusalSigned').waitFor();
    // The case left the head's gateway and had entered the review before: the flow back joins
    // those two, yet the case never went along it.
    expect(await classesOf(page, 'incompleteRefusalSigned')).to.include('monitor-completed');
    expect(await classesOf(page, 'reviewCompleteness')).to.include('monitor-completed');
    expect(await classesOf(page, 'incompleteRefusalReturned')).to.not.include('monitor-taken');
    for (const flow of ['incompleteAtReview', 'incompleteRefusalSignedYes', 'toMakeIncompleteRefusal']) expect(await classesOf(page, flow), flow).to.include('monitor-taken');
    expect(await classesOf(page, 'completeAtReview')).to.not.include('monitor-taken');
    expect(await page.locator('.monitor-diagram .djs-element.monitor-taken').count()).to.equal((await call<{ takenFlows: string[] }>('GET', `/api/instances/${id}`)).takenFlows.length);
  });

  it('names the same places a case waits in the case list as on the case page: a step’s armed reminder is none, the window that ends the step is one', async () => {
    // One step with both kinds of boundary timer: "2 days passed" only reminds (non-interrupting);
    // "Objection window closed" ends the step when it fires, so the case waits on it too.
    const xml = fs.readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'objection-window.bpmn'), 'utf8');
    await call('POST', '/api/deployments', { name: 'objection-window.bpmn', xml });
    const id = (await call<{ id: string }>('POST', '/api/definitions/objection-window/instances', { businessKey: 'OBJ-1', variables: {} })).id;
    await until('OBJ-1 at its step with both timers armed', () => details(id), (d) => d.activities.filter((a) => a.kind === 'timer').length === 2);

    const page = await app.signIn('admin', { route: '/monitor?definition=objection-window', locale: 'en-GB' });
    const row = page.locator('table.monitor-cases tbody tr', { has: page.locator('th', { hasText: 'OBJ-1' }) });
    await row.waitFor();
    const listed = (await row.locator('td').nth(2).locator('.monitor-step').allTextContents()).sort();
    expect(listed).to.deep.equal(['Consider the objection', 'timer: Objection window closed']);

    await row.getByRole('link', { name: 'OBJ-1' }).click();
    await page.getByRole('heading', { name: 'Case OBJ-1' }).waitFor();
    const waits = page.getByRole('heading', { name: 'Where the case waits' }).locator('xpath=following-sibling::ul[1]').getByRole('listitem');
    await waits.first().waitFor();
    const shown = (await waits.locator('strong').allTextContents()).sort();
    expect(shown).to.deep.equal(['Consider the objection', 'Objection window closed']);
    // The reminder is said as the step's next reminder, not as a place of its own.
    expect(await waits.filter({ hasText: 'Consider the objection' }).locator('.monitor-reminder').getAttribute('title')).to.equal('2 days passed');
  });
});
