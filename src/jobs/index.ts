import { SystemClock, type Clock } from '../clock/index.js';
import type { JobLock, JobQueue, MonitoringSender, Runtime } from '../engine/index.js';
import { storageFault, type JobRow, type Store } from '../store/index.js';

export interface JobExecutor extends JobQueue {
  start(): void;
  /** Stops polling, lets running jobs finish, and releases the locks of jobs handed over but not begun. */
  stop(): Promise<void>;
  /** Runs every job due now, including ones that become due while running; resolves when none is left. */
  runDue(): Promise<number>;
  /** Resolves once no job is queued or running on this node (those handed over included). */
  idle(): Promise<void>;
}

export interface JobExecutorOptions {
  store: Store;
  runtime: Runtime;
  /** The business clock: decides which jobs are due (a manual one moves by working days). */
  clock: Clock;
  /**
   * Times the locks (leases): a lock lasts `lockMs` of real elapsed time, whatever the business
   * clock does, so moving a manual clock by a day does not hand a running job to another node.
   * Default: the system clock; tests inject a manual one to expire a dead node's lock.
   */
  leaseClock?: Clock;
  nodeId: string;
  pollMs: number;
  /** How long a lock lasts, in milliseconds of the lease clock (QYZMET_JOB_LOCK_MS). */
  lockMs: number;
  /** Jobs run at the same time: one slow gateway call must not hold up every other case. */
  concurrency?: number;
  batchSize?: number;
  logger?: Pick<Console, 'error'>;
  /** Posts `monitoring` jobs (a case's stages); without it they wait. */
  monitoring?: MonitoringSender;
}

/**
 * Acquires due jobs with a lock (so that several nodes never run one job twice), runs them through
 * the runtime, and lets the runtime decide retries and incidents. A crashed node's locks expire
 * after `lockMs` of the lease clock (real time), while due-ness follows the business clock.
 *
 * While started, it also takes jobs straight from the steps that create them: a step writes a job
 * due at once already locked for this node and hands it over after committing, so the job runs
 * without a poll or an acquiring UPDATE. If the node dies first, the lock expires like any other.
 */
export function createJobExecutor(options: JobExecutorOptions): JobExecutor {
  const { store, runtime, clock, leaseClock = new SystemClock(), nodeId, pollMs, lockMs, concurrency = 8, batchSize = 20, logger = console, monitoring } = options;
  /** A lock for this node from now until `lockMs` of the lease clock have passed. */
  const lease = () => {
    const now = leaseClock.now();
    return { owner: nodeId, now: now.toISOString(), until: new Date(now.getTime() + lockMs).toISOString() };
  };
  let timer: NodeJS.Timeout | undefined;
  let passing: Promise<number> | undefined;
  let again = false;
  /** manual: runs due jobs only when asked (tests, the bench); running: polls and takes jobs handed over. */
  let mode: 'manual' | 'running' | 'stopped' = 'manual';
  /** Locked for this node, waiting for a free slot. */
  const queue: { job: JobRow; done: () => void }[] = [];
  let running = 0;
  const idleWaiters: (() => void)[] = [];

  async function runJob(job: JobRow) {
    try {
      if (job.kind === 'monitoring') await monitoring?.send(job);
      else if (job.kind === 'timer') await runtime.fireTimer(job);
      else if (job.kind === 'call') await runtime.returnFromCall(job);
      else await runtime.runServiceJob(job);
      afterFault.delete(job.id);
    } catch (err) {
      const fault = storageFault(err);
      if (fault && mode === 'running' && retryAfterStorageFault(job)) {
        logger.error(`job ${job.id} (${job.kind} ${job.elementId}): ${fault.message}; this node runs it again soon`, err);
        return;
      }
      afterFault.delete(job.id);
      // Left locked on purpose: the job is tried again when its lock expires, not in a hot loop.
      logger.error(`job ${job.id} (${job.kind} ${job.elementId}) failed:`, err);
      // Runs detached from any caller, so a failure to record the error is logged, not thrown.
      await store.jobs.update(job.id, { lastError: String((err as Error).message ?? err) }).catch((e) => logger.error(`job ${job.id}: could not record its error:`, e));
    }
  }

  /** Jobs whose run met a storage fault, by id: when the next run starts, and how many such runs failed. */
  const afterFault = new Map<string, { timer: NodeJS.Timeout; failures: number; job: JobRow }>();

  /**
   * A job that failed because the database did not take its step (restarting, full, read-only)
   * is not the job's fault: rather than wait out its lock (QYZMET_JOB_LOCK_MS, a minute), this
   * node, which holds the lock, runs it again after pollMs, doubling up to 5 s, while the lock
   * lasts. False when the lock will have expired by then: any node's next poll takes it.
   */
  function retryAfterStorageFault(job: JobRow): boolean {
    const failures = (afterFault.get(job.id)?.failures ?? 0) + 1;
    const delay = Math.min(pollMs * 2 ** (failures - 1), 5_000);
    if (job.lockExpiresAt && Date.parse(job.lockExpiresAt) <= leaseClock.now().getTime() + delay) {
      afterFault.delete(job.id);
      return false;
    }
    const timer = setTimeout(() => {
      if (mode === 'running') void enqueue(job);
    }, delay);
    afterFault.set(job.id, { timer, failures, job });
    return true;
  }

  function dispatch() {
    while (running < concurrency && queue.length) {
      const { job, done } = queue.shift()!;
      running++;
      void runJob(job).finally(() => {
        running--;
        done();
        dispatch();
        slotWaiters.splice(0).forEach((resolve) => resolve());
      });
    }
    if (running === 0) idleWaiters.splice(0).forEach((resolve) => resolve());
  }

  function idle(): Promise<void> {
    return running === 0 ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve));
  }

  /** Runs `job` when a slot is free; resolves when it has run. */
  function enqueue(job: JobRow): Promise<void> {
    return new Promise((done) => {
      queue.push({ job, done });
      dispatch();
    });
  }

  /** Resolves when a running job ends and frees its slot. */
  const slotWaiters: (() => void)[] = [];
  const slotFreed = () => new Promise<void>((resolve) => slotWaiters.push(resolve));

  /**
   * Takes due jobs only as slots free up, at least half the slots' worth at a time: a burst made due
   * at once (a working morning's deadlines) then spreads over every node's slots instead of queueing
   * behind the node that polled first, and no job waits locked here while a slot elsewhere is idle.
   */
  async function pass(): Promise<number> {
    let total = 0;
    const taken: Promise<void>[] = [];
    const least = Math.min(batchSize, Math.ceil(concurrency / 2));
    while (mode !== 'stopped') {
      const room = Math.min(batchSize, concurrency - running - queue.length);
      if (room < least) {
        await slotFreed();
        continue;
      }
      const jobs = await store.jobs.acquire(clock.now().toISOString(), lease(), room);
      taken.push(...jobs.map(enqueue));
      total += jobs.length;
      // A short batch means nothing else was due; jobs that the runs created ask for another pass.
      if (jobs.length < room) break;
    }
    await Promise.all(taken);
    return total;
  }

  function runDue(): Promise<number> {
    if (passing) {
      again = true;
      return passing;
    }
    passing = (async () => {
      let total = 0;
      do {
        again = false;
        total += await pass();
      } while (again && mode !== 'stopped');
      return total;
    })().finally(() => {
      passing = undefined;
    });
    return passing;
  }

  function wake() {
    if (passing) again = true;
    if (mode !== 'running') return;
    void runDue().catch((err) => logger.error('job executor pass failed:', err));
  }

  function schedule() {
    if (mode !== 'running') return;
    timer = setTimeout(() => {
      runDue()
        .catch((err) => logger.error('job executor pass failed:', err))
        .finally(schedule);
    }, pollMs);
  }

  return {
    start() {
      if (mode === 'running') return;
      mode = 'running';
      schedule();
    },
    async stop() {
      mode = 'stopped';
      clearTimeout(timer);
      const unstarted = queue.splice(0);
      for (const { done } of unstarted) done();
      for (const { timer, job } of afterFault.values()) {
        clearTimeout(timer);
        unstarted.push({ job, done: () => undefined });
      }
      afterFault.clear();
      await passing?.catch(() => undefined);
      await idle();
      // Another node (or this one after a restart) may take them at once instead of after the lock expires.
      await store.jobs.release(unstarted.map(({ job }) => job.id), nodeId);
    },
    runDue,
    wake,
    idle,
    lockFor(): JobLock | null {
      if (mode !== 'running') return null;
      const { owner, until } = lease();
      return { lockOwner: owner, lockExpiresAt: until };
    },
    accept(jobs: JobRow[]) {
      const now = clock.now().toISOString();
      // A job locked for a node that has stopped meanwhile is left to expire.
      for (const job of jobs) if (job.lockOwner === nodeId && mode === 'running') void enqueue(job);
      if (jobs.some((j) => !j.lockOwner && j.dueAt <= now)) wake();
    },
  };
}
