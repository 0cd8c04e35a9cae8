import { randomUUID } from 'node:crypto';
import type { Engine } from 'bpmn-engine';
import type { Term } from '../../calendar/index.js';
import type { Clock } from '../../clock/index.js';
import { ConflictError, NotFoundError } from '../../errors/index.js';
import type { Forms } from '../../forms/index.js';
import { StaleWriteError, type Batch, type DefinitionRow, type InstanceRow, type JobRow, type Store } from '../../store/index.js';
import type { Calendars } from '../calendar.js';
import type { CompiledDefinition, Definitions } from '../definitions/index.js';
import { feelExpressions, userVariables } from '../expressions.js';
import type { ServiceRegistry } from '../services/index.js';
import { isTerm } from '../terms.js';
import { mapVariables } from './calls.js';
import { LiveEngines } from './engines.js';
import { recordLaunch, recordStep, type DefinitionRules, type JobLock, type Launch } from './persist.js';
import { retryPolicy } from './retries.js';
import { runStep, StepFailedError, variablesOf, type StepOutcome } from './session.js';
import { taskAttributesFor } from './taskAttributes.js';
import type { StepEvent, StepTracker } from './tracker.js';

/** Where a step's new jobs go after it commits. */
export interface JobQueue {
  /** The lock for a job due at once that this node will run itself; null leaves the job to be acquired. */
  lockFor(now: Date): JobLock | null;
  /** Jobs just committed: runs the ones locked for this node, and looks for the others if they are due. */
  accept(jobs: JobRow[]): void;
  /** Looks for due jobs soon, without waiting for the next poll. */
  wake(): void;
}

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
  /** Task forms: a task whose form key names one has its submission validated against it. */
  forms?: Forms;
}

/** An instance with its definition version, ready for a step. */
export interface Loaded {
  instance: InstanceRow;
  definition: DefinitionRow;
  compiled: CompiledDefinition;
  /** Its user variables (from the last step here, or parsed from the stored state). */
  variables(): Record<string, unknown>;
}

/** The one action of a step, on the engine resumed to where the instance waits. */
export type Act = (tracker: StepTracker, instance: InstanceRow, engine: Engine) => void | Promise<void>;
/** Writes of the action itself (e.g. closing its task row), recorded in the step's batch, and their history. */
export type BeforePersist = (batch: Batch, outcome: StepOutcome) => StepEvent[] | void;

export type Steps = ReturnType<typeof createSteps>;

const maxRaceRetries = 8;
/** Call activities started in one step may nest this deep (a process that calls itself stops here). */
const maxCallDepth = 16;

/**
 * How instances move: a new one is launched with the instances its call activities start, and a
 * running one advances one step at a time. Each step's new jobs go to this node's executor, and its
 * engine is kept for the next step.
 */
export function createSteps(deps: RuntimeDeps) {
  const { store, clock, definitions } = deps;
  const engines = new LiveEngines(deps.liveEngines ?? 32);
  const now = () => clock.now().toISOString();

  function rulesFor(compiled: CompiledDefinition): DefinitionRules {
    return {
      taskAttributes: taskAttributesFor(compiled, deps),
      maxAttempts: (elementId) => retryPolicy(compiled, elementId).attempts,
    };
  }

  /** Runs a new instance to its first wait states, with the instances its call activities start. */
  async function launch(
    definition: DefinitionRow,
    variables: Record<string, unknown>,
    businessKey: string | null,
    actor: string,
    parent: { instanceId: string; executionId: string; elementId: string } | null,
    depth: number
  ): Promise<Launch> {
    const compiled = await definitions.compiled(definition);
    const calendar = await deps.calendars.fresh();
    const outcome = await runStep(compiled, { variables });
    const at = now();
    const term = statutoryTermOf(compiled, variables);
    const deadline = term && calendar.deadline(new Date(at), term);
    const row: InstanceRow = {
      id: randomUUID(),
      definitionId: definition.id,
      definitionKey: definition.key,
      definitionVersion: definition.version,
      businessKey,
      status: outcome.completed ? 'completed' : 'running',
      state: outcome.state,
      revision: 0,
      startedAt: at,
      startedBy: actor,
      endedAt: outcome.completed ? at : null,
      parentInstanceId: parent?.instanceId ?? null,
      parentExecutionId: parent?.executionId ?? null,
      parentElementId: parent?.elementId ?? null,
      activities: [],
      term,
      registeredAt: deadline ? deadline.registeredAt.toISOString() : null,
      dueAt: deadline ? deadline.dueAt.toISOString() : null,
    };
    return { row, definition, rules: rulesFor(compiled), outcome, variables, children: await calledBy(row, compiled, outcome, actor, depth + 1) };
  }

  /** The term of the whole case its definition declares, with the start variables in scope. */
  function statutoryTermOf(compiled: CompiledDefinition, variables: Record<string, unknown>): Term | null {
    if (!compiled.statutoryTerm) return null;
    let value: unknown;
    try {
      value = feelExpressions.resolveExpression(compiled.statutoryTerm, { environment: { variables } });
    } catch (err) {
      throw new StepFailedError(`statutoryTerm: ${(err as Error).message}`, {});
    }
    if (!isTerm(value)) throw new StepFailedError(`statutoryTerm "${compiled.statutoryTerm}" is not a term such as \${workingDays(8)}`, {});
    return value;
  }

  /** The instances to start for call activities that were entered in this step. */
  async function calledBy(caller: Pick<InstanceRow, 'id' | 'businessKey'>, compiled: CompiledDefinition, outcome: StepOutcome, actor: string, depth: number): Promise<Launch[]> {
    const launches: Launch[] = [];
    for (const [executionId, { api }] of outcome.tracker.calls) {
      const spec = compiled.calls.get(api.id);
      if (!spec || api.content.isRecovered) continue;
      if (depth > maxCallDepth) throw new StepFailedError(`${api.id}: calls nest deeper than ${maxCallDepth}; does "${spec.calledElement}" call itself?`, { elementId: api.id });
      let definition: DefinitionRow;
      try {
        definition = await definitions.effective(spec.calledElement);
      } catch (err) {
        if (err instanceof NotFoundError) throw new StepFailedError(`${api.id}: cannot call "${spec.calledElement}": ${err.message}`, { elementId: api.id });
        throw err;
      }
      const variables = userVariables(api.environment.variables);
      const businessKey = spec.businessKey ? String(feelExpressions.resolveExpression(spec.businessKey, { environment: api.environment, content: api.content })) : caller.businessKey;
      const parent = { instanceId: caller.id, executionId, elementId: api.id };
      launches.push(await launch(definition, mapVariables(spec.inputs, variables), businessKey, actor, parent, depth));
    }
    return launches;
  }

  function keepLaunched(launched: Launch) {
    if (launched.row.status === 'running') engines.keep(launched.row, launched.outcome);
    for (const child of launched.children) keepLaunched(child);
  }

  async function load(instanceId: string): Promise<Loaded> {
    const instance = await store.instances.get(instanceId);
    if (!instance) throw new NotFoundError(`no instance with id "${instanceId}"`, { instanceId });
    return withDefinition(instance);
  }

  async function withDefinition(instance: InstanceRow, variables = () => variablesOf(JSON.parse(instance.state))): Promise<Loaded> {
    const definition = await definitions.get(instance.definitionId);
    return { instance, definition, compiled: await definitions.compiled(definition), variables };
  }

  /**
   * The instance for an action on its wait `executionId`: as the last step here left it, if that
   * step left it waiting there (see LiveEngines#latest); otherwise as stored. A row that does not
   * know the wait may be older than the wait, and would refuse the action wrongly.
   */
  async function loadForWait(instanceId: string, executionId: string): Promise<Loaded> {
    const latest = engines.latest(instanceId);
    if (latest?.row.activities.some((a) => a.executionId === executionId)) return withDefinition(latest.row, () => latest.variables);
    return load(instanceId);
  }

  /**
   * Load → resume → act → persist, guarded by the instance revision. If another writer got there
   * first, everything is read again and the action decides again; nothing is overwritten.
   */
  async function advance(
    instanceId: string,
    actor: string,
    act: Act,
    beforePersist?: BeforePersist,
    /** The instance as the caller just read it; the revision guard still catches any writer in between. */
    preloaded?: Loaded
  ): Promise<{ row: InstanceRow; variables: Record<string, unknown> }> {
    for (let attempt = 0; attempt < maxRaceRetries; attempt++) {
      const { instance, definition, compiled } = (attempt === 0 && preloaded) || (await load(instanceId));
      if (instance.status !== 'running') throw new ConflictError(`instance ${instanceId} is ${instance.status}`, { instanceId, status: instance.status });
      await deps.calendars.fresh();
      const live = engines.take(instance.id, instance.revision);
      const outcome = await runStep(compiled, live ? { live } : { state: instance.state }, (tracker, engine) => act(tracker, instance, engine));
      const children = await calledBy(instance, compiled, outcome, actor, 1);
      try {
        const at = now();
        const jobLock = deps.jobs?.lockFor(clock.now()) ?? null;
        const batch = store.batch();
        const events = beforePersist?.(batch, outcome) ?? [];
        const { status, jobs, activities, canceled } = await recordStep({ store, batch, instance: { ...instance, isNew: false }, definition, rules: rulesFor(compiled), outcome, actor, now: at, events, children, jobLock });
        await batch.commit();
        for (const id of canceled) engines.forget(id);
        const row: InstanceRow = { ...instance, state: outcome.state, status, endedAt: status === 'running' ? null : at, revision: instance.revision + 1, activities };
        if (status === 'running') engines.keep(row, outcome);
        for (const child of children) keepLaunched(child);
        if (jobs.length) deps.jobs?.accept(jobs);
        return { row, variables: outcome.variables };
      } catch (err) {
        if (err instanceof StaleWriteError) continue;
        throw err;
      }
    }
    throw new ConflictError(`instance ${instanceId} is changing too fast; try again`, { instanceId });
  }

  /** Writes a launched instance in one batch and hands its jobs over. */
  async function persistLaunched(launched: Launch, actor: string): Promise<void> {
    const jobLock = deps.jobs?.lockFor(clock.now()) ?? null;
    const batch = store.batch();
    const { jobs } = await recordLaunch(store, batch, launched, actor, now(), jobLock);
    await batch.commit();
    keepLaunched(launched);
    if (jobs.length) deps.jobs?.accept(jobs);
  }

  return {
    now,
    launch,
    persistLaunched,
    load,
    loadForWait,
    advance,
    /** Drops the kept engines of instances that ended outside a step (cancelled). */
    forget: (instanceIds: string[]) => instanceIds.forEach((id) => engines.forget(id)),
  };
}
