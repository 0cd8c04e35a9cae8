import type { Decisions } from '../decisions/index.js';
import type { Clock } from '../../clock/index.js';
import type { FormVersions } from '../forms/index.js';
import type { JobRow, Store } from '../../store/index.js';
import type { Calendars } from '../calendar.js';
import type { Definitions } from '../definitions/index.js';
import type { ServiceRegistry } from '../services/index.js';
import type { EventLog } from '../../log/index.js';

/**
 * What the runtime needs from outside it: the store, the clock, the deployed definitions, service
 * handlers, calendars, forms, and this node's job executor.
 */
export interface RuntimeDeps {
  store: Store;
  clock: Clock;
  definitions: Definitions;
  services: ServiceRegistry;
  /** This node's job executor: jobs due at once go to it directly, written already locked for it. */
  jobs?: JobQueue;
  /** How many engines of recently advanced instances to keep for their next step (0: recover every time). */
  liveEngines?: number;
  calendars: Calendars;
  /** Deployed decisions, for business rule tasks (camunda:decisionRef). */
  decisions?: Decisions;
  /** Task form versions: a task whose form key names one is validated with the version its case's diagram version binds. */
  forms?: FormVersions;
  /** The provider of a case started without one (`QYZMET_DEFAULT_PROVIDER`). */
  defaultProvider?: string;
  /** Where job retries, incidents and fired timers are logged (one line each). */
  log?: EventLog;
  /** Whether steps write their cases' stages as monitoring jobs (src/engine/monitoring.ts). */
  monitoring?: boolean;
}

/** Where a step's new jobs go after it commits. */
export interface JobQueue {
  /**
   * The lock for a job due at once that this node will run itself, timed by the executor's lease
   * clock (real time, not the business clock); null leaves the job to be acquired.
   */
  lockFor(): JobLock | null;
  /** Jobs just committed: runs the ones locked for this node, and looks for the others if they are due. */
  accept(jobs: JobRow[]): void;
  /** Looks for due jobs soon, without waiting for the next poll. */
  wake(): void;
}

/** The lock a job due at once is written with, so that the executor of this node runs it without acquiring it. */
export type JobLock = Pick<JobRow, 'lockOwner' | 'lockExpiresAt'>;
