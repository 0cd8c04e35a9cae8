import express, { type Express } from 'express';
import type { Clock } from '../clock/index.js';
import type { Engine } from '../engine/index.js';
import type { Store } from '../store/index.js';
import type { Accounts } from '../auth/index.js';
import { authenticate, requireSignIn } from './auth.js';
import type { Log } from '../log/index.js';
import { requestLog } from './requestLog.js';
import { csrfProtection, defaultLoginLimits, jsonBodiesOnly, loginThrottle, securityHeaders, type LoginLimits } from './security.js';
import { errorHandler, notFound } from './errors.js';
import { wellFormedRequest } from './wellFormed.js';
import { openapi } from './openapi.js';
import { calendarRouter } from './routes/calendar.js';
import { settingsRouter } from './routes/settings.js';
import { clockRouter } from './routes/clock.js';
import { commissionsRouter } from './routes/commissions.js';
import { providersRouter } from './routes/providers.js';
import { documentsRouter } from './routes/documents.js';
import { formsRouter } from './routes/forms.js';
import { definitionsRouter } from './routes/definitions.js';
import { deploymentsRouter } from './routes/deployments.js';
import { decisionsRouter } from './routes/decisions.js';
import { incidentsRouter } from './routes/incidents.js';
import { queuesRouter } from './routes/queues.js';
import { instancesRouter } from './routes/instances.js';
import { messagesRouter } from './routes/messages.js';
import { signalsRouter } from './routes/signals.js';
import { tasksRouter } from './routes/tasks.js';
import { authRouter } from './routes/auth.js';
import { usersRouter } from './routes/users.js';
import { webApp } from './web.js';
import { subjectsRouter } from './routes/subjects.js';
import { statsRouter } from './routes/stats.js';
import { applicantsRouter } from './routes/applicants.js';
import { createNaming } from './names.js';
import type { GatewayClient } from '../gateway/index.js';
import { createArchiving, type Archiving } from '../retention/index.js';
import { archiveRouter } from './routes/archive.js';

export interface AppDeps {
  store: Store;
  engine: Engine;
  clock: Clock;
  /** Present only with a movable clock: sets it and runs the jobs that became due. */
  moveClock?: (to: Date) => Promise<void>;
  logger?: Pick<Console, 'error'>;
  /** The structured log: one line per request. */
  log?: Log;
  accounts: Accounts;
  /** Body size limits (the body parser's words: `256kb`); deployments carry whole BPMN files. */
  limits?: { body: string; deploymentBody: string };
  loginLimits?: LoginLimits;
  /** Express's `trust proxy` setting (behind a reverse proxy). */
  trustProxy?: string | number | boolean;
  /** The built web app (`dist/web`), served at `/`; none when absent. */
  webDir?: string;
  /** The e-government gateway, for looking applicants up before a case exists; none when not configured. */
  gateway?: GatewayClient;
  /** Retention: the archive period and passes on demand (default: one built on `store` and `clock`). */
  archiving?: Archiving;
}

/** Where the REST API is mounted, and where its OpenAPI document is served. */
export const apiPath = '/api';
export const openapiPath = `${apiPath}/openapi.json`;

/**
 * What `qyzmet serve` prints once it listens: where the API and its OpenAPI document are, e.g.
 * `Qyzmet listening on http://localhost:3000 — API http://localhost:3000/api, OpenAPI
 * http://localhost:3000/api/openapi.json`.
 */
export function listeningLine(origin: string): string {
  return `Qyzmet listening on ${origin} — API ${origin}${apiPath}, OpenAPI ${origin}${openapiPath}`;
}

/** Builds the express app without listening, so tests can drive it directly. */
export function createApp({ store, engine, clock, moveClock, logger = console, log, accounts, limits = { body: '256kb', deploymentBody: '10mb' }, loginLimits = defaultLoginLimits, trustProxy = false, webDir, gateway, archiving = createArchiving({ store, clock, logger }) }: AppDeps): Express {
  const api = express.Router();
  // Per route: a sign-in is a few hundred bytes, a BPMN file may be megabytes, anything else (start
  // variables, a task's form) fits in the default. The first parser that reads a body wins.
  api.use('/auth/login', express.json({ limit: '4kb' }));
  api.use('/deployments', express.json({ limit: limits.deploymentBody }));
  api.use(express.json({ limit: limits.body }));
  api.use(jsonBodiesOnly());
  api.use(wellFormedRequest());
  api.use(authenticate(accounts));
  api.use(csrfProtection());
  api.post('/auth/login', ...loginThrottle(loginLimits));
  api.use(authRouter(accounts));
  api.get(openapiPath.slice(apiPath.length), (_req, res) => {
    res.json(openapi);
  });
  // Everything below is for signed-in users only; each route asks for its permission.
  api.use(requireSignIn);
  api.use(usersRouter(accounts));
  api.use(commissionsRouter(store, clock));
  api.use(providersRouter(store, clock));
  const naming = createNaming(engine.definitions, store);
  api.use(subjectsRouter(store, engine.runtime, clock, naming));
  api.use(deploymentsRouter(engine.definitions, engine.decisions));
  api.use(definitionsRouter(store, engine.runtime, engine.definitions, naming));
  api.use(decisionsRouter(store, engine.decisions));
  api.use(applicantsRouter(gateway, log));
  api.use(instancesRouter(store, engine.runtime, clock, naming));
  api.use(statsRouter(store, clock, naming));
  api.use(documentsRouter(store, engine.runtime, naming));
  api.use(formsRouter(store, engine));
  api.use(tasksRouter(store, engine.runtime, clock, { definitions: engine.definitions, calendar: () => engine.calendars.fresh(), users: store.users, naming }));
  api.use(calendarRouter(engine.calendars));
  api.use(messagesRouter(engine.runtime, naming));
  api.use(signalsRouter(engine.runtime));
  api.use(incidentsRouter(store, engine.runtime));
  api.use(queuesRouter(store));
  api.use(settingsRouter(store, clock));
  api.use(archiveRouter(archiving, clock));
  api.use(clockRouter(clock, moveClock));
  // An /api path no route takes is a JSON 404 here, never the web app's page or a static file.
  api.use(notFound);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxy);
  if (log) app.use(requestLog(log));
  app.use(securityHeaders());
  app.use(apiPath, api);
  if (webDir) app.use(webApp(webDir));
  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}
