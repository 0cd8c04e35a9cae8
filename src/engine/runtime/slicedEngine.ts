import { Engine } from 'bpmn-engine';
import { prepareProcessActivation, Slicer, type PreparableProcess, type ProcessState } from '../behaviours/index.js';

/** What of a bpmn-elements 17.3.0 context, process and activity the slicing works with. */
interface ElementContext {
  definitionContext: { getActivities(scopeId?: string): Array<{ id: string }> | undefined };
  upsertActivity(activityDef: { id: string }): { placeholder?: boolean; activate(): void };
}
interface LoadedDefinition {
  getProcesses(): Array<PreparableProcess & { context: ElementContext }>;
}
/** bpmn-engine 25's private loaders, which `execute` and `recover` build the definitions with. */
interface EngineLoaders {
  _loadDefinitions(executeOptions?: unknown): Promise<LoadedDefinition[]>;
  _loadDefinition(source: unknown, executeOptions?: unknown): LoadedDefinition;
}
const loaders = Engine.prototype as unknown as EngineLoaders;

/**
 * A bpmn-engine that builds a diagram's elements a slice at a time, letting other requests in
 * between, instead of in the one synchronous call bpmn-engine makes on every start and recovery.
 *
 * bpmn-elements builds every activity of a process when the process runs or is recovered: about
 * 0.1 ms and 60 KB each (each has its own message broker), so a 2,000-element diagram held the
 * event loop for a quarter of a second. Both paths first load the definition and its processes;
 * the activities are built on demand through the process's context, which keeps each one it built.
 * So the activities built here ahead, each slice at most 8 ms long (`sliceMs`), are the ones the
 * process then runs or recovers: for `execute` (whose loading is already asynchronous) also
 * activated, i.e. listening on their inbound flows as the process would make them, and for
 * `recover` (synchronous) through {@link SlicedEngine#prepareRecover}, which the caller awaits
 * first. Activities inside a sub-process are built when it starts, as before.
 *
 * Overrides `_loadDefinitions` and `_loadDefinition`, private to bpmn-engine 25 (pinned for that
 * reason).
 */
export class SlicedEngine extends Engine {
  /** Definitions built ahead for `recover`, by the source they were built from. */
  private readonly prepared = new Map<unknown, LoadedDefinition>();
  /** Whether a process of its diagram was big enough to be wired a slice at a time (see prepareProcessActivation). */
  big = false;

  /**
   * Loads the definition `savedState` names and builds its processes' activities, a slice at a
   * time, for the `recover(savedState)` that follows to use.
   */
  async prepareRecover(savedState: { environment?: unknown; definitions?: Array<{ id: string; source?: unknown; execution?: { processes?: ProcessState[] } }> }): Promise<void> {
    const source = (this as unknown as { options: { sourceContext?: { id?: string } } }).options.sourceContext;
    const state = source && savedState.definitions?.find((d) => !d.source && d.id === source.id);
    if (!source || !state) return;
    // The definition copies the engine's environment when it is loaded: recover that first, as
    // `recover` does before it loads.
    if (savedState.environment) (this.environment as unknown as { recover(state: unknown): void }).recover(savedState.environment);
    const definition = loaders._loadDefinition.call(this, source);
    const slicer = new Slicer();
    await buildActivities(definition, false, slicer);
    // The definition recovers the first saved state of each process id into the process it holds.
    for (const bp of definition.getProcesses()) {
      const bpState = state.execution?.processes?.find((p) => p.id === bp.id);
      if (bpState && (await prepareProcessActivation(bp, slicer, bpState))) this.big = true;
    }
    this.prepared.set(source, definition);
  }

  _loadDefinition(source: unknown, executeOptions?: unknown): LoadedDefinition {
    const ready = this.prepared.get(source);
    if (ready && !executeOptions) {
      this.prepared.delete(source);
      return ready;
    }
    return loaders._loadDefinition.call(this, source, executeOptions);
  }

  async _loadDefinitions(executeOptions?: unknown): Promise<LoadedDefinition[]> {
    const definitions = await loaders._loadDefinitions.call(this, executeOptions);
    const slicer = new Slicer();
    for (const definition of definitions) {
      await buildActivities(definition, true, slicer);
      for (const bp of definition.getProcesses()) if (bp.isExecutable && (await prepareProcessActivation(bp, slicer))) this.big = true;
    }
    return definitions;
  }
}

/** Builds (and, before a run, activates) every top-level activity of each process, a slice at a time. */
async function buildActivities(definition: LoadedDefinition, activate: boolean, slicer: Slicer): Promise<void> {
  for (const bp of definition.getProcesses()) {
    const { context } = bp;
    for (const activityDef of context.definitionContext.getActivities(bp.id) ?? []) {
      const activity = context.upsertActivity(activityDef);
      // Placeholders (groups, text annotations) do not run, and the process skips them too.
      if (activate && bp.isExecutable && !activity.placeholder) activity.activate();
      await slicer.tick();
    }
  }
}
