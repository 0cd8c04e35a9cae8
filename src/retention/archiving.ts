import type { Clock } from '../clock/index.js';
import { ConflictError } from '../errors/index.js';
import type { ArchiveRunResult, Store } from '../store/index.js';

/** The settings row holding the archive period (JSON), and the one holding when the next scheduled pass is due (ISO instant). */
const periodSetting = 'archivePeriod';
const nextPassSetting = 'archiveNextPassAt';

/** The installation's archive period: finished cases move out of the hot tables this many days after they ended. */
export interface ArchivePeriod {
  /** Calendar days after a case's end. */
  days: number;
  /** The act or decision the period follows (name, number, date, article), as the admin gave it; null if none was given. */
  act: string | null;
  setAt: string;
  setBy: string;
}

export interface ArchivePass extends ArchiveRunResult {
  /** Cases that ended before this instant were archived. */
  endedBefore: string;
}

export interface Archiving {
  /** The period set, or null: archiving is off until an admin sets one. */
  period(): Promise<ArchivePeriod | null>;
  setPeriod(period: ArchivePeriod): Promise<ArchivePeriod>;
  clearPeriod(): Promise<void>;
  /** Archives every case that ended more than the period ago, now; ConflictError when no period is set. */
  run(): Promise<ArchivePass>;
  /**
   * The scheduled pass: runs `run` if the day's pass is due and this node claims it (one
   * conditional write: with several nodes on one database exactly one claims each pass); the
   * result, or undefined when not due, claimed elsewhere, or no period is set.
   */
  runIfDue(): Promise<ArchivePass | undefined>;
  /** Checks for a due pass every `checkMs` until stopped. */
  start(): void;
  /** Stops checking and waits for a pass under way. */
  stop(): Promise<void>;
}

export interface ArchivingOptions {
  store: Store;
  clock: Clock;
  /** Between scheduled passes (default a day). */
  everyMs?: number;
  /** How often a node looks whether the pass is due (default a minute). */
  checkMs?: number;
  /** Cases per transaction (default 25): a backlog is moved in short write transactions, not one long one. */
  batchSize?: number;
  logger?: Pick<Console, 'error'>;
}

const dayMs = 86_400_000;

/**
 * Retention: moves finished cases out of the hot tables once the installation's period has passed
 * since they ended (store.archive does the moving, a batch per transaction), on demand and once a
 * day. Nothing is deleted: an archived case reads and verifies through the API as before.
 */
export function createArchiving({ store, clock, everyMs = dayMs, checkMs = 60_000, batchSize = 25, logger = console }: ArchivingOptions): Archiving {
  let timer: NodeJS.Timeout | undefined;
  let under: Promise<unknown> | undefined;

  async function period(): Promise<ArchivePeriod | null> {
    const stored = await store.settings.get(periodSetting);
    return stored ? (JSON.parse(stored) as ArchivePeriod) : null;
  }

  async function passWith(days: number): Promise<ArchivePass> {
    const now = clock.now();
    const endedBefore = new Date(now.getTime() - days * dayMs).toISOString();
    return { endedBefore, ...(await store.archive.run({ endedBefore, now: now.toISOString(), batchSize })) };
  }

  async function run(): Promise<ArchivePass> {
    const set = await period();
    if (!set) throw new ConflictError('no archive period is set: PUT /api/settings/archive-period first', { setting: 'archive-period' });
    return passWith(set.days);
  }

  async function runIfDue(): Promise<ArchivePass | undefined> {
    const set = await period();
    if (!set) return undefined;
    const now = clock.now();
    if (!(await store.archive.claimPass(nextPassSetting, now.toISOString(), new Date(now.getTime() + everyMs).toISOString()))) return undefined;
    return passWith(set.days);
  }

  return {
    period,
    async setPeriod(p) {
      await store.settings.put(periodSetting, JSON.stringify(p));
      return p;
    },
    clearPeriod: () => store.settings.remove(periodSetting),
    run,
    runIfDue,
    start() {
      if (timer) return;
      timer = setInterval(() => {
        if (under) return;
        under = runIfDue()
          .catch((err: unknown) => logger.error('the scheduled archive pass failed; the cases it did not reach stay hot until the next', err))
          .finally(() => (under = undefined));
      }, checkMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await under;
    },
  };
}
