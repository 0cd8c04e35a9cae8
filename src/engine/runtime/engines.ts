import type { InstanceRow } from '../../store/index.js';
import type { LiveEngine, StepOutcome } from './session.js';

interface Entry {
  /** The instance as the step that kept the engine wrote it. */
  row: InstanceRow;
  live: LiveEngine;
  /** The user variables after that step. */
  variables: Record<string, unknown>;
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

  /**
   * Removes and returns what the last step here left of `instanceId`: the row it wrote, its
   * variables and its engine. Another node may have written since; the revision guard of the next
   * write catches that, and the step is then decided again on a fresh read.
   */
  take(instanceId: string): Entry | undefined {
    const entry = this.entries.get(instanceId);
    this.entries.delete(instanceId);
    return entry;
  }

  forget(instanceId: string): void {
    this.entries.delete(instanceId);
  }

  keep(row: InstanceRow, { live, variables }: Pick<StepOutcome, 'live' | 'variables'>): void {
    if (this.capacity <= 0) return;
    this.entries.delete(row.id);
    this.entries.set(row.id, { row, live, variables });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}
