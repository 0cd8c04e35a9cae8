import { execFile } from 'node:child_process';
import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type ServerProcess } from '../support/server.js';
import { runWide } from '../support/shared.js';

const root = path.resolve(import.meta.dirname, '..', '..');
/** Where the test run saves the screenshots the README shows. */
export const screenshots = path.join(root, 'docs', 'screenshots');
/** Debian's Chromium (`apt-get install -y chromium`, done by .ci/run). */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const run = runWide('web', () => ({ built: undefined as Promise<void> | undefined }));

/**
 * Set by the main mocha process when it builds for the whole run (test/support/hooks.ts): a file
 * that does not exist yet, written once the build has ended, saying how.
 */
const RUN_BUILD_STATUS = 'QYZMET_TEST_BUILD_STATUS';

function build(): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('npm', ['run', 'build'], { cwd: root, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => (err ? reject(new Error(`npm run build failed:\n${stdout}\n${stderr}`)) : resolve()));
  });
}

/** Resolves when the status file appears (a watch on its folder, no polling); rejects with the build's error if it failed. */
function builtElsewhere(status: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = () => {
      if (!fsSync.existsSync(status)) return;
      watcher.close();
      const outcome = JSON.parse(fsSync.readFileSync(status, 'utf8')) as { error?: string };
      if (outcome.error === undefined) resolve();
      else reject(new Error(outcome.error));
    };
    const watcher = fsSync.watch(path.dirname(status), settle);
    settle();
  });
}

/**
 * `npm run build` (server and web app) once per test run: the tests use what `npm start` serves.
 * A worker process of a parallel run waits for the build the main process started.
 */
export function buildOnce(): Promise<void> {
  const status = process.env[RUN_BUILD_STATUS];
  run.built ??= status ? builtElsewhere(status) : build();
  return run.built;
}

/**
 * Global setup: starts the build now, in this process, for every worker process that mocha starts
 * later (they inherit RUN_BUILD_STATUS); resolves, never rejects, once it has ended. On 2 vCPUs it
 * takes a minute or more, which the files before test/web/ cover.
 */
export function startRunBuild(): Promise<void> {
  const folder = fsSync.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-build-'));
  const status = path.join(folder, 'status.json');
  const report = (outcome: { error?: string }) => {
    // Written whole, then renamed: a watcher never reads half of it.
    fsSync.writeFileSync(`${status}.part`, JSON.stringify(outcome));
    fsSync.renameSync(`${status}.part`, status);
  };
  process.env[RUN_BUILD_STATUS] = status;
  run.built = build();
  return run.built.then(
    () => report({}),
    (err: Error) => report({ error: err.message })
  );
}

export interface WebApp {
  server: ServerProcess;
  browser: Browser;
  url: string;
  /** A fresh browser profile (own cookies and storage) with the page open at `route`. */
  open(route?: string, options?: { locale?: string }): Promise<{ context: BrowserContext; page: Page }>;
  /** Opens the app and signs in with a demo account (password qyzmet-demo). */
  signIn(username: string, options?: { route?: string; locale?: string; password?: string }): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Builds and serves Qyzmet exactly as `npm start` does (compiled CLI, embedded SQLite in a fresh
 * folder, processes deployed, demo accounts, the gateway simulator) and launches headless Chromium.
 * The browser runs in New York's time zone so that a page showing anything but Almaty's time fails.
 */
export async function startWebApp(env: Record<string, string> = {}): Promise<WebApp> {
  await buildOnce();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qyzmet-web-'));
  const server = await startServer({ DATABASE_URL: `sqlite:${path.join(dir, 'qyzmet.sqlite')}`, QYZMET_LOG_LEVEL: 'warn', ...env }, { built: true });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const contexts: BrowserContext[] = [];
  const app: WebApp = {
    server,
    browser,
    url: server.url,
    async open(route = '/', { locale = 'ru-RU' } = {}) {
      const context = await browser.newContext({ locale, timezoneId: 'America/New_York', viewport: { width: 1366, height: 900 } });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(server.url + route);
      return { context, page };
    },
    async signIn(username, { route = '/', locale, password = 'qyzmet-demo' } = {}) {
      const { page } = await app.open(route, { locale });
      await page.locator('input[name=username]').fill(username);
      await page.locator('input[name=password]').fill(password);
      await page.locator('input[name=password]').press('Enter');
      await page.locator('header.topbar').waitFor();
      return page;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await server.stop();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
  return app;
}

/**
 * What `read` gives once it gives `want`, or what it last gave after `ms`: for a value the page
 * sets a moment after the element appears (a form filled from the register, read-only once its
 * data came). The caller asserts the result, so a value that never comes still fails the test.
 */
export async function settled<T>(read: () => Promise<T>, want: T, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value === want || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Saves a screenshot of the page for the README (docs/screenshots/NAME.png). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await fs.mkdir(screenshots, { recursive: true });
  await page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
}

/** The API as the page's signed-in user (its session cookie and CSRF token), as the app itself calls it. */
export function callAs(page: Page, method: string, route: string, body?: unknown): Promise<{ status: number; body: any }> {
  return page.evaluate(
    async ({ method, route, body }) => {
      const csrf = document.cookie.split('; ').find((c) => c.startsWith('qyzmet_csrf='));
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (csrf) headers['x-csrf-token'] = decodeURIComponent(csrf.slice('qyzmet_csrf='.length));
      const res = await fetch(route, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, body: res.status === 204 ? null : await res.json() };
    },
    { method, route, body }
  );
}

/**
 * The open task of the case at `elementId`, once the job executor has run the gateway lookups
 * before it in the background; asks every 100 ms, `tries` times, then throws naming both.
 */
export async function taskAt(app: WebApp, instanceId: string, elementId: string, tries: number): Promise<{ id: string; elementId: string }> {
  for (let i = 0; i < tries; i++) {
    const open = (await app.server.call('GET', `/api/tasks?instance=${instanceId}`)).body as { id: string; elementId: string }[];
    const task = open.find((x) => x.elementId === elementId);
    if (task) return task;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no task ${elementId} in ${instanceId}`);
}
