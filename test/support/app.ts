import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import supertest from 'supertest';
import { ManualClock } from '../../src/clock/index.js';
import { createAccounts } from '../../src/auth/index.js';
import { loadConfig } from '../../src/config/index.js';
import type { ServiceHandler } from '../../src/engine/index.js';
import { createQyzmet, demoPassword, seedDemoAccounts, type Qyzmet } from '../../src/server.js';
import { createLog, silentLog, type Log } from '../../src/log/index.js';
import { createStore } from '../../src/store/index.js';

const root = path.resolve(import.meta.dirname, '..', '..');
/** The password of the accounts `person()` makes. */
export const personPassword = 'person-password-2026';
export const fixture = (name: string) => fs.readFileSync(path.join(root, 'test', 'fixtures', name), 'utf8');

/**
 * Migrated SQLite files holding the demo accounts and a session of the demo admin, one per (start
 * instant, default provider, session length), made once per test run and copied for each
 * testQyzmet on the default database. Migrating, hashing the seven demo passwords and signing the
 * admin in (scrypt at the production cost, about 100 ms each on 2 vCPUs) per test cost more than
 * most tests themselves. A copy holds the rows a fresh file seeded and signed into at that instant
 * would (only the salts and the admin's token are shared between copies); every other sign-in
 * still verifies at the production cost, and test/http/auth.test.ts signs each way through the API.
 */
const seeded = new Map<string, Promise<{ file: string; adminToken: string }>>();
let seededDir: string | undefined;

function seededDatabase(now: Date, provider: string, sessionHours: number): Promise<{ file: string; adminToken: string }> {
  const key = JSON.stringify([now.toISOString(), provider, sessionHours]);
  let file = seeded.get(key);
  if (!file) {
    file = (async () => {
      if (!seededDir) {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-seeded-'));
        process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
        seededDir = dir;
      }
      const target = path.join(seededDir, `${seeded.size}.sqlite`);
      const store = await createStore(`sqlite:${target}`);
      try {
        const accounts = createAccounts(store, () => now, { sessionHours });
        await seedDemoAccounts(accounts, provider);
        return { file: target, adminToken: (await accounts.login('admin', demoPassword)).token };
      } finally {
        // Closing checkpoints the WAL into the file, so the file alone is the whole database.
        await store.close();
      }
    })();
    file.catch(() => seeded.delete(key));
    seeded.set(key, file);
  }
  return file;
}

/** A fresh temporary SQLite file (or the given URL), a manual clock, and supertest on the app. */
export async function testQyzmet(
  options: {
    databaseUrl?: string;
    now?: string;
    services?: Record<string, ServiceHandler>;
    nodeId?: string;
    liveEngines?: number;
    gatewayUrl?: string;
    gatewayTimeoutMs?: number;
    /** More configuration, as environment variables (e.g. QYZMET_JOB_CONCURRENCY). */
    env?: Record<string, string>;
    /** The structured log (default: silent, or standard output with QYZMET_TEST_LOG set). */
    log?: Log;
  } = {}
) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-test-'));
  const databaseUrl = options.databaseUrl ?? `sqlite:${path.join(dir, 'test.sqlite')}`;
  const forms = [path.join(root, 'forms'), path.join(root, 'test', 'fixtures', 'forms')].join(path.delimiter);
  // Sessions outlast the months a test moves the manual clock through.
  const config = loadConfig({ DATABASE_URL: databaseUrl, QYZMET_CLOCK: 'manual', QYZMET_FORMS: forms, QYZMET_SESSION_HOURS: '87600', QYZMET_LIVE_ENGINES: options.liveEngines?.toString(), GATEWAY_URL: options.gatewayUrl, GATEWAY_TIMEOUT_MS: options.gatewayTimeoutMs?.toString(), ...options.env }, { nodeId: options.nodeId ?? 'test' });
  const open = (clock: ManualClock) => createQyzmet(config, { clock, services: options.services, logger: process.env.QYZMET_TEST_LOG ? console : { error() {}, log() {} }, log: options.log ?? (process.env.QYZMET_TEST_LOG ? createLog() : silentLog()) });
  let clock = new ManualClock(new Date(options.now ?? '2026-03-02T04:00:00Z'));
  const tokens = new Map<string, string>();
  if (!options.databaseUrl) {
    const copied = await seededDatabase(clock.now(), config.defaultProvider, config.sessionHours);
    for (const suffix of ['', '-wal']) if (fs.existsSync(copied.file + suffix)) fs.copyFileSync(copied.file + suffix, path.join(dir, 'test.sqlite' + suffix));
    tokens.set('admin', copied.adminToken);
  }
  let qyzmet: Qyzmet = await open(clock);
  // The demo accounts (one per role, in the default provider; already there on a copied file); requests go as `admin` unless a test says otherwise.
  await seedDemoAccounts(qyzmet.accounts, config.defaultProvider);
  const as = async (username: string, password = demoPassword) => {
    if (!tokens.has(username)) tokens.set(username, (await qyzmet.accounts.login(username, password)).token);
    return supertest.agent(qyzmet.app).set('Authorization', `Bearer ${tokens.get(username)}`);
  };
  const person = async (username: string) => {
    if (!(await qyzmet.accounts.list()).some((a) => a.username === username)) {
      await qyzmet.accounts.add({ username, password: personPassword, displayName: username, roles: ['executor'], provider: config.defaultProvider });
    }
    return as(username, personPassword);
  };
  let api = await as('admin');
  return {
    /** The running Qyzmet; a new one after restart(). */
    get qyzmet() {
      return qyzmet;
    },
    /** Requests as the demo `admin`. */
    get api() {
      return api;
    },
    /** Requests as another account (a demo role, or one the test added with its password). */
    as,
    /**
     * Requests as a person a diagram assigns tasks to by name (camunda:assignee="aigerim"): an
     * executor account of the default provider, made the first time.
     */
    person,
    /** Requests as whoever may complete `task`: the person it is assigned to, else the admin. */
    worker(task: { assignee: string | null }) {
      return task.assignee ? person(task.assignee) : Promise.resolve(api);
    },
    /** Requests without a session. */
    get anonymous() {
      return supertest(qyzmet.app);
    },
    get clock() {
      return clock;
    },
    async deploy(xml: string, extra: Record<string, unknown> = {}) {
      const res = await api.post('/api/deployments').send({ name: 'test', xml, ...extra });
      if (res.status >= 300) throw new Error(`deploy failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.definitions as { id: string; key: string; version: number; created: boolean }[];
    },
    /** Closes this Qyzmet and opens a new one on the same database, as a server restart does; the clock goes on from where it stood. */
    async restart() {
      await qyzmet.close();
      clock = new ManualClock(clock.now());
      qyzmet = await open(clock);
      api = await as('admin');
    },
    async close() {
      await qyzmet.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type TestQyzmet = Awaited<ReturnType<typeof testQyzmet>>;
