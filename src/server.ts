import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { ManualClock, SystemClock, type Clock } from './clock/index.js';
import type { Config } from './config/index.js';
import { ValidationError } from './errors/index.js';
import { acceptanceServices, complaintServices, complaintExtensionProblems, createEngine, createMonitoringSender, createServiceRegistry, declaresDmn, documentServices, gatewayServices, hearingServices, queueServices, commissionServices, privatizationServices, waitingListServices, type DeployedDecision, type DeployedDefinition, type DeployRequest, type Engine, type JobQueue, type ServiceHandler } from './engine/index.js';
import { createApp } from './http/index.js';
import { createJobExecutor, type JobExecutor } from './jobs/index.js';
import { createArchiving, type Archiving } from './retention/index.js';
import { createStore, type Store } from './store/index.js';
import { createGatewayClient, type GatewayClient } from './gateway/index.js';
import { formCompiler, readFormFiles, type CompiledForm, type FormDefinition, type FormRule } from './forms/index.js';
import { instalmentApplicationProblems } from './instalments/index.js';
import type { WorkingCalendar } from './calendar/index.js';
import { createAccounts, roles, type Accounts } from './auth/index.js';
import { createLog, type Log } from './log/index.js';
import { actServiceBodies, defaultProvider } from './documents/index.js';

export interface Qyzmet {
  store: Store;
  engine: Engine;
  jobs: JobExecutor;
  /** Retention: finished cases moved out of the hot tables after the installation's period. */
  archiving: Archiving;
  clock: Clock;
  accounts: Accounts;
  app: ReturnType<typeof createApp>;
  /** Starts the HTTP server and the job executor; resolves with the bound port. */
  listen(port: number): Promise<number>;
  close(): Promise<void>;
}

/** The form rules JSON Schema cannot express, by the name a form's `x-qyzmet-rules` gives them. */
export const formRules: Readonly<Record<string, FormRule>> = { privatizationInstalments: instalmentApplicationProblems, complaintExtension: complaintExtensionProblems };

/** Service handlers shipped with Qyzmet, by topic: documents, complaint registration, the hearing's terms, the housing commission's vote, privatization's payment terms, and the gateway lookups when a gateway is configured. */
function builtInServices(gateway: GatewayClient | undefined, clock: Clock, store: Store, calendar: () => Promise<WorkingCalendar>): Record<string, ServiceHandler> {
  const local = { ...documentServices(store, clock), ...complaintServices(store, clock, calendar), ...hearingServices(store, clock, calendar), ...queueServices(store, clock, calendar), ...commissionServices(store), ...privatizationServices(calendar, clock), ...waitingListServices(clock, calendar, store) };
  if (!gateway) return local;
  return { ...local, ...gatewayServices(gateway, clock), ...acceptanceServices(gateway, store) };
}

/** The composition root: every collaborator is built here and passed down; there are no singletons. */
export async function createQyzmet(
  config: Config,
  options: {
    clock?: Clock;
    /**
     * Real elapsed time, for leases: job locks and sign-in sessions. The business clock
     * (QYZMET_CLOCK=manual moves it by working days) decides what is due, never how long a lock or a
     * session lasts, so moving it neither hands a running job to another node nor signs anyone out.
     * Default: the system clock.
     */
    leaseClock?: Clock;
    services?: Record<string, ServiceHandler>;
    logger?: Pick<Console, 'error' | 'log'>;
    log?: Log;
    /**
     * The form compiler (formCompiler with formRules), shared so that a test run compiles each form
     * once for its many Qyzmets rather than once each; made here when absent.
     */
    compileForm?: (definition: FormDefinition) => CompiledForm;
    /**
     * What deploys the forms folders at this start, as their versions' `deployedBy` records it: the
     * command (`qyzmet serve`, `qyzmet deploy (aigerim)`, see src/cli.ts); `qyzmet serve` when absent.
     */
    deployedBy?: string;
  } = {}
): Promise<Qyzmet> {
  // The structured log (requests, job retries, incidents, timers, failures), IINs and names masked.
  const log = options.log ?? createLog({ level: config.logLevel });
  // Failures go to the structured log too, masked like everything else there.
  const logger = options.logger ?? { log: console.log, error: (...args: unknown[]) => log.error({ err: args.find((a) => a instanceof Error) }, args.filter((a) => typeof a === 'string').join(' ') || 'failure') };
  const store = await createStore(config.databaseUrl);
  // A manual clock resumes where it was last moved to, as if it had stood still while the server was down.
  const stored = await store.settings.get(manualClockSetting);
  const clock = options.clock ?? (config.clockMode === 'manual' ? new ManualClock(stored ? new Date(stored) : undefined) : new SystemClock());
  // One passed in (tests) never starts before an instant this database has already seen.
  if (stored && clock instanceof ManualClock && Date.parse(stored) > clock.now().getTime()) clock.set(new Date(stored));
  const gateway = config.gatewayUrl ? createGatewayClient({ baseUrl: config.gatewayUrl, timeoutMs: config.gatewayTimeoutMs }) : undefined;
  // The hearing counts its terms on the engine's calendar (decrees included), built after the services: tied lazily.
  let engine: Engine | undefined;
  const services = createServiceRegistry({ ...builtInServices(gateway, clock, store, () => engine!.calendars.fresh()), ...options.services });
  let jobs: JobExecutor | undefined;
  // The executor needs the runtime and the runtime hands jobs to the executor: tie the knot lazily.
  const jobQueue: JobQueue = { lockFor: () => jobs?.lockFor() ?? null, accept: (due) => jobs?.accept(due), wake: () => jobs?.wake() };
  // Every case's stages go to the monitoring system (seed 002 para 11 and seed 000 para 11) through the gateway, when there is one.
  const monitoring = config.monitoring && gateway ? createMonitoringSender({ store, gateway, clock, log }) : undefined;
  engine = createEngine({ store, clock, services, jobs: jobQueue, liveEngines: config.liveEngines, compileForm: options.compileForm ?? formCompiler({ rules: formRules }), providerHours: config.providerHours, defaultProvider: config.defaultProvider, log, monitoring: monitoring !== undefined });
  // The forms folders are deployed at every start, as `serve` deploys processes/: a file unchanged
  // since it was last deployed makes no version; a broken one stops the start, naming its file.
  await engine.forms!.deployFiles(await readFormFiles(config.formsDirs), options.deployedBy ?? 'qyzmet serve');
  // Job locks last real time (the system clock unless a test passes one), not the business clock.
  const leaseClock = options.leaseClock ?? new SystemClock();
  jobs = createJobExecutor({ store, runtime: engine.runtime, clock, leaseClock, nodeId: config.nodeId, pollMs: config.jobPollMs, lockMs: config.jobLockMs, concurrency: config.jobConcurrency, logger, monitoring });

  const moveClock = clock instanceof ManualClock ? clockMover(clock, store, () => jobs!.runDue()) : undefined;
  const archiving = createArchiving({ store, clock, logger });
  const accounts = createAccounts(store, () => leaseClock.now(), { sessionHours: config.sessionHours });
  const app = createApp({ store, engine, clock, moveClock, logger, log, accounts, limits: { body: config.bodyLimit, deploymentBody: config.deploymentBodyLimit }, loginLimits: config.loginLimits, trustProxy: config.trustProxy, webDir: config.webDir, gateway, archiving });
  let server: http.Server | undefined;

  return {
    store,
    engine,
    jobs,
    archiving,
    clock,
    accounts,
    app,
    async listen(port) {
      server = http.createServer(app);
      await new Promise<void>((resolve, reject) => server!.once('error', reject).listen(port, resolve));
      jobs!.start();
      archiving.start();
      return (server.address() as AddressInfo).port;
    },
    async close() {
      await archiving.stop();
      await jobs!.stop();
      if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
      await store.close();
    },
  };
}

/** The settings row that holds the manual clock's instant. */
const manualClockSetting = 'manualClock';

/**
 * POST /api/clock with QYZMET_CLOCK=manual: moves are taken one at a time, each instant stored
 * before the clock shows it (so that a restart resumes there), then the jobs due by then run. An
 * instant before now is a ValidationError naming the field and the clock's now.
 */
function clockMover(clock: ManualClock, store: Store, runDue: () => Promise<unknown>): (to: Date) => Promise<void> {
  let previous: Promise<unknown> = Promise.resolve();
  return async (to) => {
    const move = previous.then(async () => {
      const now = clock.now();
      if (to.getTime() < now.getTime()) {
        throw new ValidationError(`now: ${to.toISOString()} is before the clock's now, ${now.toISOString()}; the clock only moves forward`, { field: 'now', now: now.toISOString() });
      }
      // Another node on the same database may have stored a later instant; this one resumes from
      // the later of the two when it restarts.
      await store.settings.raise(manualClockSetting, to.toISOString());
      clock.set(to);
    });
    previous = move.catch(() => undefined);
    await move;
    await runDue();
  };
}

/**
 * Deploys every `*.bpmn` and `*.dmn` in a folder as files: one unchanged since its last deployment
 * from that file is a no-op, also when a newer version of its key has been deployed through the
 * API since.
 */
export async function deployFolder(engine: Engine, folder: string, deployedBy: string) {
  let files: string[];
  try {
    files = (await fs.readdir(folder)).filter((f) => f.endsWith('.bpmn') || f.endsWith('.dmn')).sort();
  } catch {
    return [];
  }
  return deployFiles(engine, await Promise.all(files.map(async (file) => ({ name: file, file, xml: await fs.readFile(path.join(folder, file), 'utf8'), deployedBy }))));
}

/**
 * Deploys files read from disk: DMN files first (each decision a version of its id), then the
 * diagrams, each called definition before its callers.
 */
export async function deployFiles(engine: Engine, requests: DeployRequest[]): Promise<(DeployedDefinition | DeployedDecision)[]> {
  const decisions: DeployedDecision[] = [];
  for (const request of requests.filter((r) => declaresDmn(r.xml))) decisions.push(...(await engine.decisions.deploy(request)));
  const diagrams = requests.filter((r) => !declaresDmn(r.xml));
  return [...decisions, ...(diagrams.length ? await engine.definitions.deployAll(diagrams) : [])];
}

/**
 * The demo installation's directory entry for its provider, added once (an admin's edits stay):
 * named as the acts name the local executive body's department (seed 000 para 3), and for each
 * service the body its documents name (src/documents/providers.ts). True when added now.
 */
export async function seedDemoProvider(store: Store, clock: Clock, provider: string): Promise<boolean> {
  return store.providers.add({ id: provider, names: defaultProvider.national, bin: null, address: null, services: { ...actServiceBodies }, updatedAt: clock.now().toISOString(), updatedBy: 'qyzmet serve' });
}

/** The demo accounts' password (README): the embedded default database only, never production. */
export const demoPassword = 'qyzmet-demo';

/**
 * The demo people, by role: names as a Kazakh installation's staff list writes them, the same in
 * every language (a person's name is not translated), so no screen shows "Demo …" in English.
 */
export const demoNames: Readonly<Record<(typeof roles)[number], string>> = {
  operator: 'Айгүл Омарова',
  executor: 'Ерлан Сейітов',
  head: 'Гүлнар Әбенова',
  commission: 'Бауыржан Тілеуов',
  analyst: 'Динара Қасенова',
  admin: 'Асқар Мұқанов',
  auditor: 'Нұрлан Жақыпов',
};

/**
 * One account per role, its username the role's, in the default provider, each added once:
 * `admin` holds every permission. Returns the usernames added now.
 */
export async function seedDemoAccounts(accounts: Accounts, provider: string): Promise<string[]> {
  const existing = new Set((await accounts.list()).map((a) => a.username));
  const added: string[] = [];
  for (const role of roles) {
    if (existing.has(role)) continue;
    await accounts.add({ username: role, password: demoPassword, displayName: demoNames[role], roles: [role], provider });
    added.push(role);
  }
  return added;
}
