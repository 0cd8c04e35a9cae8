import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import supertest from 'supertest';
import { ManualClock } from '../../src/clock/index.js';
import { loadConfig } from '../../src/config/index.js';
import type { ServiceHandler } from '../../src/engine/index.js';
import { createQyzmet, type Qyzmet } from '../../src/server.js';
import { createLog, silentLog, type Log } from '../../src/log/index.js';

const root = path.resolve(import.meta.dirname, '..', '..');
export const fixture = (name: string) => fs.readFileSync(path.join(root, 'test', 'fixtures', name), 'utf8');

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
  const config = loadConfig({ DATABASE_URL: databaseUrl, QYZMET_CLOCK: 'manual', QYZMET_FORMS: forms, QYZMET_LIVE_ENGINES: options.liveEngines?.toString(), GATEWAY_URL: options.gatewayUrl, GATEWAY_TIMEOUT_MS: options.gatewayTimeoutMs?.toString(), ...options.env }, { nodeId: options.nodeId ?? 'test' });
  const open = (clock: ManualClock) => createQyzmet(config, { clock, services: options.services, logger: process.env.QYZMET_TEST_LOG ? console : { error() {}, log() {} }, log: options.log ?? (process.env.QYZMET_TEST_LOG ? createLog() : silentLog()) });
  let clock = new ManualClock(new Date(options.now ?? '2026-03-02T04:00:00Z'));
  let qyzmet: Qyzmet = await open(clock);
  let api = supertest(qyzmet.app);
  return {
    /** The running Qyzmet; a new one after restart(). */
    get qyzmet() {
      return qyzmet;
    },
    get api() {
      return api;
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
      api = supertest(qyzmet.app);
    },
    async close() {
      await qyzmet.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type TestQyzmet = Awaited<ReturnType<typeof testQyzmet>>;
