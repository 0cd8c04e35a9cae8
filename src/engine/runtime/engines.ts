import type { LiveEngine } from './session.js';

/**
 * The engines of the instances that took a step most recently, so that the next step — often a
 * service job or timer right after — goes on without recovering the stored state. The table stays
 * the truth: an engine is used only if the instance's revision is still the one it wrote, and a
 * step that fails or loses a race never puts its engine back. Bounded, oldest out first, so memory
 * does not grow with the number of waiting cases.
 */
export class LiveEngines {
  private readonly entries = new Map<string, { revision: number; live: LiveEngine }>();

  constructor(private readonly capacity: number) {}

  /** Removes and returns the engine of `instanceId` if it is at `revision`. */
  take(instanceId: string, revision: number): LiveEngine | undefined {
    const entry = this.entries.get(instanceId);
    if (!entry) return undefined;
    this.entries.delete(instanceId);
    return entry.revision === revision ? entry.live : undefined;
  }

  keep(instanceId: string, revision: number, live: LiveEngine): void {
    if (this.capacity <= 0) return;
    this.entries.delete(instanceId);
    this.entries.set(instanceId, { revision, live });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}
