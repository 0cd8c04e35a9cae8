import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import supertest from 'supertest';
import { ManualClock } from '../../src/clock/index.js';
import { createAccounts } from '../../src/auth/index.js';
import { loadConfig } from '../../src/config/index.js';
import type { ServiceHandler } from '../../src/engine/index.js';
import { createQyzmet, demoPassword, formRules, seedDemoAccounts, type Qyzmet } from '../../src/server.js';
import { formCompiler, type CompiledForm, type FormDefinition } from '../../src/forms/index.js';
import type { SessionRow } from '../../src/auth/index.js';
import { createLog, silentLog, type Log } from '../../src/log/index.js';
import { runWide } from './shared.js';
import { createStore, type AccountRow } from '../../src/store/index.js';

const root = path.resolve(import.meta.dirname, '..', '..');
/** The password of the accounts `person()` makes. */
export const personPassword = 'person-password-2026';
export const fixture = (name: string) => fs.readFileSync(path.join(root, 'test', 'fixtures', name), 'utf8');

/** What a run makes once for each (start instant, default provider, session length). */
interface Seeded {
  /** A migrated SQLite file holding the demo accounts and a session of the demo admin. */
  file: string;
  /** That session's token. */
  adminToken: string;
  /** The demo accounts' rows as seedDemoAccounts made them, password hashes included. */
  accounts: AccountRow[];
  /** The admin's session row (its token is adminToken). */
  adminSession: SessionRow;
}

/**
 * Migrating, hashing the seven demo passwords and signing the admin in (scrypt at the production
 * cost, about 100 ms each on 2 vCPUs) for every testQyzmet cost more than most tests themselves.
 * They are done once per run instead: a new SQLite database is a copy of the seeded file, and any
 * other database gets the demo accounts' rows and the admin's session row inserted as
 * seedDemoAccounts and a sign-in would have added them (stamped with the clock's now). Only the
 * salts and the admin's token are shared between tests; every other sign-in still verifies at the
 * production cost, and test/http/auth.test.ts signs in each way through the API.
 * The forms (an ajv compilation of every schema, some 200 ms at each start, which deploys forms/)
 * are likewise compiled once per run: every Qyzmet shares one compiler, which keeps each form it
 * compiled by content.
 */
const run = runWide('seeded', () => ({ seeded: new Map<string, Promise<Seeded>>(), dir: undefined as string | undefined, files: 0, compileForm: undefined as ((definition: FormDefinition) => CompiledForm) | undefined }));

const sessionKey = (token: string) => createHash('sha256').update(token).digest('hex');

function seededOnce(now: Date, provider: string, sessionHours: number): Promise<Seeded> {
  const key = JSON.stringify([now.toISOString(), provider, sessionHours]);
  const { seeded } = run;
  let made = seeded.get(key);
  if (!made) {
    made = (async () => {
      if (!run.dir) {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-seeded-'));
        process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
        run.dir = dir;
      }
      // Numbered, not named by the map's size: a failed one leaves the map but maybe not the folder.
      const file = path.join(run.dir, `${++run.files}.sqlite`);
      const store = await createStore(`sqlite:${file}`);
      try {
        const accounts = createAccounts(store, () => now, { sessionHours });
        await seedDemoAccounts(accounts, provider);
        const adminToken = (await accounts.login('admin', demoPassword)).token;
        return { file, adminToken, accounts: await store.users.list(), adminSession: (await store.sessions.get(sessionKey(adminToken)))! };
      } finally {
        // Closing checkpoints the WAL into the file, so the file alone is the whole database.
        await store.close();
      }
    })();
    made.catch(() => seeded.delete(key));
    seeded.set(key, made);
  }
  return made;
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
  // Monitoring entries only where a test asks for them (env QYZMET_MONITORING): other tests count the gateway's requests and an instance's jobs.
  const config = loadConfig({ DATABASE_URL: databaseUrl, QYZMET_CLOCK: 'manual', QYZMET_FORMS: forms, QYZMET_LIVE_ENGINES: options.liveEngines?.toString(), GATEWAY_URL: options.gatewayUrl, GATEWAY_TIMEOUT_MS: options.gatewayTimeoutMs?.toString(), QYZMET_MONITORING: 'false', ...options.env }, { nodeId: options.nodeId ?? 'test' });
  // Job locks and sessions run on their own clock (real time in production): standing still here,
  // moved by a test that lets a dead node's lock or a session end; moving the business clock leaves them.
  const leaseClock = new ManualClock();
  const compileForm = (run.compileForm ??= formCompiler({ rules: formRules }));
  const open = (clock: ManualClock) => createQyzmet(config, { clock, leaseClock, compileForm, services: options.services, logger: process.env.QYZMET_TEST_LOG ? console : { error() {}, log() {} }, log: options.log ?? (process.env.QYZMET_TEST_LOG ? createLog() : silentLog()) });
  let clock = new ManualClock(new Date(options.now ?? '2026-03-02T04:00:00Z'));
  const tokens = new Map<string, string>();
  const once = await seededOnce(clock.now(), config.defaultProvider, config.sessionHours);
  const sqliteFile = databaseUrl.startsWith('sqlite:') ? databaseUrl.slice('sqlite:'.length) : ':memory:';
  if (sqliteFile !== ':memory:' && !fs.existsSync(sqliteFile)) {
    fs.mkdirSync(path.dirname(path.resolve(sqliteFile)), { recursive: true });
    for (const suffix of ['', '-wal']) if (fs.existsSync(once.file + suffix)) fs.copyFileSync(once.file + suffix, sqliteFile + suffix);
  }
  let qyzmet: Qyzmet = await open(clock);
  // The demo accounts (one per role, in the default provider; already there on a copied file) and
  // the admin's session; requests go as `admin` unless a test says otherwise.
  const present = new Set((await qyzmet.accounts.list()).map((a) => a.username));
  for (const row of once.accounts) if (!present.has(row.username)) await qyzmet.store.users.insert({ ...row, createdAt: clock.now().toISOString() });
  if (!present.size) await qyzmet.store.sessions.insert({ ...once.adminSession, createdAt: clock.now().toISOString() });
  // A database this run prepared (a copy of the seeded file, or of a template, test/support/databases.ts) holds the session already.
  if (await qyzmet.accounts.authenticate(once.adminToken)) tokens.set('admin', once.adminToken);
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
    /** The clock job locks are timed by (QYZMET_JOB_LOCK_MS of it): moving it ends them, moving `clock` does not. */
    leaseClock,
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
