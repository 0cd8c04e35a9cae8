import type { InstanceRow } from '../../store/index.js';
import type { LiveEngine, StepOutcome } from './session.js';

interface Entry {
  /** The instance as the step that kept the engine wrote it. */
  row: InstanceRow;
  live: LiveEngine;
  /** The user variables after that step. */
  variables: Record<string, unknown>;
  /** Its definition's flow elements: an engine's memory grows with them (about 60 KB each). */
  weight: number;
}

/**
 * Engines kept by default (QYZMET_LIVE_ENGINES). A step on a kept engine costs about a quarter of
 * the CPU of one that recovers its engine from the stored state (bench/burst.ts: 5–8 against
 * 24–30 ms per timer), but kept engines pay only while the cases stepped in turn fit: oldest out
 * first, a load cycling through more cases than the capacity finds almost none kept (bench:load
 * with 192 cases in flight: no gain at 128; at 256, 99 % of steps on kept engines and a third less
 * CPU per case than at 32, for 0.7–0.9 GiB more resident memory a node; README, *A city's load*).
 * In service a case waits days between steps and an office steps hundreds of them a day, so no
 * cache of that size holds the next step's engine, and 256 would buy memory for a benchmark: the
 * default keeps the engines of steps that follow at once (a service job after the step that queued
 * it, a timer after a completion). A kept engine of a regulation holds about 1 MiB of heap (0.85 MiB
 * on average in a heap snapshot of the load; 3.3 MiB for a 45-task diagram).
 */
export const defaultLiveEngines = 32;

/**
 * Flow elements (moddle elements with ids: the regulations have 12–124) kept per engine the
 * capacity counts, on average: the budget is `capacity` × 200, 6,400 at the default (about 0.4 GiB
 * if every kept engine were of a big diagram: 12–35 KB an element measured, 60 KB at most).
 */
const elementsPerEngine = 200;

/**
 * The engines of the instances that took a step most recently, so that the next step — often a
 * service job or timer right after — goes on without recovering the stored state. The table stays
 * the truth: an engine is used only if the instance's revision is still the one it wrote, and a
 * step that fails or loses a race never puts its engine back. Bounded, oldest out first, so memory
 * does not grow with the number of waiting cases: by count, and by the flow elements of the kept
 * engines' definitions (`capacity` × 200), so that a few engines of 2,000-element diagrams do not
 * take gigabytes; an engine heavier than that whole budget is not kept.
 */
export class LiveEngines {
  private readonly entries = new Map<string, Entry>();
  private weight = 0;

  constructor(private readonly capacity: number) {}

  /**
   * Removes and returns what the last step here left of `instanceId`: the row it wrote, its
   * variables and its engine. Another node may have written since; the revision guard of the next
   * write catches that, and the step is then decided again on a fresh read.
   */
  take(instanceId: string): Entry | undefined {
    const entry = this.entries.get(instanceId);
    this.forget(instanceId);
    return entry;
  }

  /**
   * The instance's row moved from `fromRevision` to `patch` by a write that changed neither its
   * state nor where it waits (a claim, an incident and its history): the kept engine still fits.
   */
  rebase(instanceId: string, fromRevision: number, patch: Pick<InstanceRow, 'revision' | 'historySeq' | 'historyHead'>): void {
    const entry = this.entries.get(instanceId);
    if (entry?.row.revision === fromRevision) entry.row = { ...entry.row, ...patch };
  }

  forget(instanceId: string): void {
    const entry = this.entries.get(instanceId);
    if (!entry) return;
    this.entries.delete(instanceId);
    this.weight -= entry.weight;
  }

  /** Keeps the engine of a step that wrote `row`; `weight` is the flow elements of its definition. */
  keep(row: InstanceRow, { live, variables }: Pick<StepOutcome, 'live' | 'variables'>, weight: number): void {
    this.forget(row.id);
    const budget = this.capacity * elementsPerEngine;
    if (this.capacity <= 0 || weight > budget) return;
    this.entries.set(row.id, { row, live, variables, weight });
    this.weight += weight;
    while (this.entries.size > this.capacity || this.weight > budget) this.forget(this.entries.keys().next().value!);
  }
}
