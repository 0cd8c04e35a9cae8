import type { InstanceRow } from '../../store/index.js';
import type { LiveEngine } from './session.js';

interface Entry {
  /** The instance as the step that kept the engine wrote it. */
  row: InstanceRow;
  live: LiveEngine;
  /** Ids of the jobs that step created for the instance. */
  jobIds: ReadonlySet<string>;
}

/**
 * The engines of the instances that took a step most recently, so that the next step — often a
 * service job or timer right after — goes on without recovering the stored state. The table stays
 * the truth: an engine is used only if the instance's revision is still the one it wrote, and a
 * step that fails or loses a race never puts its engine back. Bounded, oldest out first, so memory
 * does not grow with the number of waiting cases.
 */
export class LiveEngines {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly capacity: number) {}

  /** Removes and returns the engine of `instanceId` if it is at `revision`. */
  take(instanceId: string, revision: number): LiveEngine | undefined {
    const entry = this.entries.get(instanceId);
    if (!entry) return undefined;
    this.entries.delete(instanceId);
    return entry.row.revision === revision ? entry.live : undefined;
  }

  /**
   * The instance row as written by the step that created job `jobId`, if that step ran here and
   * nothing here has advanced the instance since; the revision guard catches writers elsewhere.
   */
  rowBefore(instanceId: string, jobId: string): InstanceRow | undefined {
    const entry = this.entries.get(instanceId);
    return entry?.jobIds.has(jobId) ? entry.row : undefined;
  }

  forget(instanceId: string): void {
    this.entries.delete(instanceId);
  }

  keep(row: InstanceRow, live: LiveEngine, jobIds: ReadonlySet<string>): void {
    if (this.capacity <= 0) return;
    this.entries.delete(row.id);
    this.entries.set(row.id, { row, live, jobIds });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}
