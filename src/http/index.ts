import express, { type Express } from 'express';
import type { Clock } from '../clock/index.js';
import type { Engine } from '../engine/index.js';
import type { Store } from '../store/index.js';
import type { Accounts } from '../auth/index.js';
import { authenticate } from './auth.js';
import { errorHandler, notFound } from './errors.js';
import { openapi } from './openapi.js';
import { calendarRouter } from './routes/calendar.js';
import { clockRouter } from './routes/clock.js';
import { documentsRouter } from './routes/documents.js';
import { formsRouter } from './routes/forms.js';
import type { Forms } from '../forms/index.js';
import { definitionsRouter } from './routes/definitions.js';
import { deploymentsRouter } from './routes/deployments.js';
import { incidentsRouter } from './routes/incidents.js';
import { instancesRouter } from './routes/instances.js';
import { messagesRouter } from './routes/messages.js';
import { signalsRouter } from './routes/signals.js';
import { tasksRouter } from './routes/tasks.js';
import { authRouter } from './routes/auth.js';
import { usersRouter } from './routes/users.js';

export interface AppDeps {
  store: Store;
  engine: Engine;
  clock: Clock;
  /** Present only with a movable clock: sets it and runs the jobs that became due. */
  moveClock?: (to: Date) => Promise<void>;
  logger?: Pick<Console, 'error'>;
  forms: Forms;
  accounts: Accounts;
}

/** Builds the express app without listening, so tests can drive it directly. */
export function createApp({ store, engine, clock, moveClock, logger = console, forms, accounts }: AppDeps): Express {
  const api = express.Router();
  api.use(express.json({ limit: '10mb' }));
  api.use(authenticate(accounts));
  api.use(authRouter(accounts));
  api.use(usersRouter(accounts));
  api.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  api.use(deploymentsRouter(engine.definitions));
  api.use(definitionsRouter(store, engine.runtime, engine.definitions));
  api.use(instancesRouter(store, engine.runtime, clock));
  api.use(documentsRouter(store));
  api.use(formsRouter(forms, store, engine.runtime));
  api.use(tasksRouter(store, engine.runtime, clock));
  api.use(calendarRouter(engine.calendars));
  api.use(messagesRouter(engine.runtime));
  api.use(signalsRouter(engine.runtime));
  api.use(incidentsRouter(store, engine.runtime));
  api.use(clockRouter(clock, moveClock));

  const app = express();
  app.disable('x-powered-by');
  app.use('/api', api);
  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}
