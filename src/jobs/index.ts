import type { Clock } from '../clock/index.js';
import type { Runtime } from '../engine/index.js';
import type { JobRow, Store } from '../store/index.js';

export interface JobExecutor {
  start(): void;
  stop(): Promise<void>;
  /** Runs every job due now, including ones that become due while running; resolves when none is left. */
  runDue(): Promise<number>;
  /** Asks for a pass soon, without waiting for the next poll. */
  wake(): void;
}

export interface JobExecutorOptions {
  store: Store;
  runtime: Runtime;
  clock: Clock;
  nodeId: string;
  pollMs: number;
  lockMs: number;
  batchSize?: number;
  logger?: Pick<Console, 'error'>;
}

/**
 * Acquires due jobs with a lock (so that several nodes never run one job twice), runs them through
 * the runtime, and lets the runtime decide retries and incidents. A crashed node's locks expire.
 */
export function createJobExecutor(options: JobExecutorOptions): JobExecutor {
  const { store, runtime, clock, nodeId, pollMs, lockMs, batchSize = 20, logger = console } = options;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let again = false;
  let stopped = true;

  async function runJob(job: JobRow) {
    try {
      if (job.kind === 'timer') await runtime.fireTimer(job);
      else if (job.kind === 'call') await runtime.returnFromCall(job);
      else await runtime.runServiceJob(job);
    } catch (err) {
      // Left locked on purpose: the job is tried again when its lock expires, not in a hot loop.
      logger.error(`job ${job.id} (${job.kind} ${job.elementId}) failed:`, err);
      await store.jobs.update(job.id, { lastError: String((err as Error).message ?? err) });
    }
  }

  async function pass(): Promise<number> {
    let total = 0;
    for (;;) {
      const now = clock.now();
      const jobs = await store.jobs.acquire(now.toISOString(), nodeId, new Date(now.getTime() + lockMs).toISOString(), batchSize);
      for (const job of jobs) await runJob(job);
      total += jobs.length;
      // A short batch means nothing else was due; jobs that the runs created ask for another pass through wake().
      if (jobs.length < batchSize) return total;
    }
  }

  function runDue(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      do {
        again = false;
        total += await pass();
      } while (again);
      return total;
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      runDue()
        .catch((err) => logger.error('job executor pass failed:', err))
        .finally(schedule);
    }, pollMs);
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running?.catch(() => undefined);
    },
    runDue,
    wake() {
      if (running) again = true;
      if (stopped) return;
      void runDue().catch((err) => logger.error('job executor pass failed:', err));
    },
  };
}
