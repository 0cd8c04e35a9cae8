import path from 'node:path';
import { Ajv } from 'ajv';
import { ValidationError } from '../errors/index.js';
import { parseOfficeHours, schedules, type Schedule } from '../calendar/index.js';

export type ClockMode = 'system' | 'manual';

/** Complete, validated configuration; later code sees no optional fields. */
export interface Config {
  readonly port: number;
  readonly databaseUrl: string;
  readonly clockMode: ClockMode;
  /** Where `processes/*.bpmn` are deployed from on start. */
  readonly processesDir: string;
  /** The built web app served at `/` (Vite's output). */
  readonly webDir: string;
  /** Folders of task forms (`<key>.schema.json` + `<key>.ui.json`). */
  readonly formsDirs: string[];
  /** How often the job executor looks for due jobs, in milliseconds. */
  readonly jobPollMs: number;
  /** A job lock older than this is considered abandoned by a dead node. */
  readonly jobLockMs: number;
  /** Jobs this node runs at the same time. */
  readonly jobConcurrency: number;
  /** Identifies this node as a job lock owner. */
  readonly nodeId: string;
  /** Engines of recently advanced instances kept for their next step (0 recovers every step from the table). */
  readonly liveEngines: number;
  /** The e-government gateway; when absent, `serve` starts the simulator and uses it. */
  readonly gatewayUrl: string | null;
  readonly gatewayTimeoutMs: number;
  /** Whether every case's stages are posted to the monitoring system through the gateway (src/engine/monitoring.ts). */
  readonly monitoring: boolean;
  /** The provider of accounts and cases that name none (a single-provider installation needs no other). */
  readonly defaultProvider: string;
  /** Whether `serve` makes the demo accounts (README): by default only on the embedded SQLite database. */
  readonly demoAccounts: boolean;
  /** How long a session lasts after sign-in, in hours. */
  readonly sessionHours: number;
  /** The provider's established office hours (its own work schedule; the default is what the acts give). */
  readonly providerHours: Schedule;
  /** Largest JSON body of most routes, and of deployments (BPMN XML), as the body parser reads them (`256kb`, `10mb`). */
  readonly bodyLimit: string;
  readonly deploymentBodyLimit: string;
  /** Failed sign-ins allowed per username and per address within the window (minutes). */
  readonly loginLimits: { perUser: number; perIp: number; windowMinutes: number };
  /** Express's `trust proxy`: behind a reverse proxy, which hops to trust for the client's address (rate limits, logs). */
  readonly trustProxy: string | number | boolean;
  /** pino's level for the structured log on standard output: trace, debug, info, warn, error, fatal or silent. */
  readonly logLevel: string;
}

const schema = {
  type: 'object',
  properties: {
    PORT: { type: 'integer', minimum: 0, maximum: 65535 },
    DATABASE_URL: { type: 'string', pattern: '^(sqlite:.+|postgres(ql)?://.+)$' },
    QYZMET_CLOCK: { enum: ['system', 'manual'] },
    QYZMET_PROCESSES: { type: 'string', minLength: 1 },
    QYZMET_FORMS: { type: 'string', minLength: 1 },
    QYZMET_WEB: { type: 'string', minLength: 1 },
    QYZMET_JOB_POLL_MS: { type: 'integer', minimum: 10 },
    QYZMET_JOB_LOCK_MS: { type: 'integer', minimum: 1000 },
    QYZMET_JOB_CONCURRENCY: { type: 'integer', minimum: 1, maximum: 256 },
    QYZMET_NODE_ID: { type: 'string', minLength: 1 },
    QYZMET_LIVE_ENGINES: { type: 'integer', minimum: 0, maximum: 10000 },
    GATEWAY_URL: { type: 'string', pattern: '^https?://.+' },
    GATEWAY_TIMEOUT_MS: { type: 'integer', minimum: 100, maximum: 600000 },
    QYZMET_DEFAULT_PROVIDER: { type: 'string', minLength: 1, maxLength: 100 },
    QYZMET_DEMO_ACCOUNTS: { type: 'boolean' },
    QYZMET_MONITORING: { type: 'boolean' },
    QYZMET_SESSION_HOURS: { type: 'number', exclusiveMinimum: 0, maximum: 87600 },
    QYZMET_PROVIDER_HOURS: { type: 'string', minLength: 1 },
    QYZMET_BODY_LIMIT: { type: 'string', pattern: '^[0-9]+(b|kb|mb)$' },
    QYZMET_DEPLOYMENT_BODY_LIMIT: { type: 'string', pattern: '^[0-9]+(b|kb|mb)$' },
    QYZMET_LOGIN_FAILURES_PER_USER: { type: 'integer', minimum: 1, maximum: 10000 },
    QYZMET_LOGIN_FAILURES_PER_IP: { type: 'integer', minimum: 1, maximum: 100000 },
    QYZMET_LOGIN_WINDOW_MINUTES: { type: 'integer', minimum: 1, maximum: 1440 },
    QYZMET_TRUST_PROXY: { type: 'string', minLength: 1 },
    QYZMET_LOG_LEVEL: { enum: ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] },
  },
};

const validate = new Ajv({ coerceTypes: true, allErrors: true }).compile(schema);

/** Reads configuration from an environment (normally `process.env`), applying defaults. */
export function loadConfig(env: Record<string, string | undefined>, defaults: { nodeId: string }): Config {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(schema.properties)) if (env[key] !== undefined && env[key] !== '') raw[key] = env[key];
  if (!validate(raw)) {
    throw new ValidationError(
      `invalid configuration: ${validate.errors!.map((e) => `${e.instancePath.slice(1)} ${e.message}`).join('; ')}`,
      validate.errors
    );
  }
  const databaseUrl = (raw.DATABASE_URL as string | undefined) ?? 'sqlite:data/qyzmet.sqlite';
  let providerHours = schedules.provider;
  if (raw.QYZMET_PROVIDER_HOURS !== undefined) {
    try {
      providerHours = parseOfficeHours(String(raw.QYZMET_PROVIDER_HOURS));
    } catch (err) {
      throw new ValidationError(`invalid configuration: QYZMET_PROVIDER_HOURS ${(err as Error).message}`, { field: 'QYZMET_PROVIDER_HOURS' });
    }
  }
  return Object.freeze({
    port: (raw.PORT as number | undefined) ?? 3000,
    databaseUrl,
    clockMode: (raw.QYZMET_CLOCK as ClockMode | undefined) ?? 'system',
    processesDir: (raw.QYZMET_PROCESSES as string | undefined) ?? 'processes',
    webDir: (raw.QYZMET_WEB as string | undefined) ?? path.join('dist', 'web'),
    formsDirs: ((raw.QYZMET_FORMS as string | undefined) ?? 'forms').split(path.delimiter),
    jobPollMs: (raw.QYZMET_JOB_POLL_MS as number | undefined) ?? 500,
    jobLockMs: (raw.QYZMET_JOB_LOCK_MS as number | undefined) ?? 60_000,
    jobConcurrency: (raw.QYZMET_JOB_CONCURRENCY as number | undefined) ?? 8,
    nodeId: (raw.QYZMET_NODE_ID as string | undefined) ?? defaults.nodeId,
    // defaultLiveEngines of src/engine/runtime/engines.ts, which says why.
    liveEngines: (raw.QYZMET_LIVE_ENGINES as number | undefined) ?? 32,
    gatewayUrl: (raw.GATEWAY_URL as string | undefined) ?? null,
    gatewayTimeoutMs: (raw.GATEWAY_TIMEOUT_MS as number | undefined) ?? 5000,
    monitoring: (raw.QYZMET_MONITORING as boolean | undefined) ?? true,
    defaultProvider: (raw.QYZMET_DEFAULT_PROVIDER as string | undefined) ?? 'default',
    demoAccounts: (raw.QYZMET_DEMO_ACCOUNTS as boolean | undefined) ?? databaseUrl.startsWith('sqlite:'),
    sessionHours: (raw.QYZMET_SESSION_HOURS as number | undefined) ?? 12,
    providerHours,
    bodyLimit: (raw.QYZMET_BODY_LIMIT as string | undefined) ?? '256kb',
    deploymentBodyLimit: (raw.QYZMET_DEPLOYMENT_BODY_LIMIT as string | undefined) ?? '10mb',
    loginLimits: {
      perUser: (raw.QYZMET_LOGIN_FAILURES_PER_USER as number | undefined) ?? 5,
      perIp: (raw.QYZMET_LOGIN_FAILURES_PER_IP as number | undefined) ?? 30,
      windowMinutes: (raw.QYZMET_LOGIN_WINDOW_MINUTES as number | undefined) ?? 15,
    },
    trustProxy: trustProxyOf(raw.QYZMET_TRUST_PROXY as string | undefined),
    logLevel: (raw.QYZMET_LOG_LEVEL as string | undefined) ?? 'info',
  });
}

/** `true`/`false`, a hop count, or addresses and subnets as express reads them (`loopback`, `10.0.0.0/8`). */
function trustProxyOf(value: string | undefined): string | number | boolean {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  return /^[0-9]+$/.test(value) ? Number(value) : value;
}
