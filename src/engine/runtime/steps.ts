import { randomUUID } from 'node:crypto';
import type { Engine } from 'bpmn-engine';
import type { Term } from '../../calendar/index.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors/index.js';
import { emptyChain, StaleWriteError, type Batch, type ChainHead, type DefinitionRow, type InstanceRow } from '../../store/index.js';
import type { CompiledDefinition } from '../definitions/index.js';
import { feelExpressions, userVariables } from '../expressions.js';
import { isTerm } from '../terms.js';
import { mapVariables } from './calls.js';
import { boundForm, checkApplication } from './forms.js';
import { defaultLiveEngines, LiveEngines } from './engines.js';
import { recordLaunch, recordStep, type DefinitionRules, type Launch } from './persist.js';
import { retryPolicy } from './retries.js';
import type { RuntimeDeps } from './ports.js';
import { runStep, StepFailedError, variablesOf, type LiveEngine, type StepOutcome } from './session.js';
import { taskAttributesFor } from './taskAttributes.js';
import type { StepEvent, StepTracker } from './tracker.js';

/** An instance with its definition version, ready for a step. */
export interface Loaded {
  instance: InstanceRow;
  definition: DefinitionRow;
  compiled: CompiledDefinition;
  /** Its user variables (from the last step here, or parsed from the stored state). */
  variables(): Record<string, unknown>;
  /** The engine the last step here left it in, if that step wrote the revision in `instance`. */
  live?: LiveEngine;
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
  const engines = new LiveEngines(deps.liveEngines ?? defaultLiveEngines);
  const now = () => clock.now().toISOString();

  function rulesFor(compiled: CompiledDefinition): DefinitionRules {
    return {
      taskAttributes: taskAttributesFor(compiled, deps),
      maxAttempts: (elementId) => retryPolicy(compiled, elementId).attempts,
      issuesResult: (elementId) => compiled.resultElements.has(elementId),
      startStage: compiled.startStage,
      monitored: deps.monitoring ?? false,
    };
  }

  /** Runs a new instance to its first wait states, with the instances its call activities start. */
  async function launch(
    definition: DefinitionRow,
    variables: Record<string, unknown>,
    identity: Pick<InstanceRow, 'businessKey' | 'provider'>,
    actor: string,
    parent: { instanceId: string; executionId: string; elementId: string; registeredAt?: string | null } | null,
    depth: number
  ): Promise<Launch> {
    const compiled = await definitions.compiled(definition);
    const calendar = await deps.calendars.fresh();
    const outcome = await runStep(compiled, { variables });
    const at = now();
    const term = statutoryTermOf(compiled, variables);
    const deadline = term && calendar.deadline(new Date(at), term, { registration: compiled.registration });
    const id = randomUUID();
    const row: InstanceRow = {
      id,
      definitionId: definition.id,
      definitionKey: definition.key,
      definitionVersion: definition.version,
      businessKey: identity.businessKey,
      provider: identity.provider,
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
      // A called process without a term of its own is part of its caller's case: it counts
      // sinceRegistration(…) from the case's registration (the commission's vote within the 30 days
      // of seed 002 para 6). It gets no due date of its own: the case's stays on the caller.
      registeredAt: deadline ? deadline.registeredAt.toISOString() : (parent?.registeredAt ?? null),
      dueAt: deadline ? deadline.dueAt.toISOString() : null,
      resultAt: null,
      ...emptyChain(id),
      // Consent is given by the applicant when filing; a case a call activity starts files nothing.
      consentAt: !parent && variables.personalDataConsent === true ? at : null,
    };
    return { row, definition, weight: compiled.elements.size, rules: rulesFor(compiled), outcome, variables, children: await calledBy(row, compiled, outcome, actor, depth + 1) };
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
  async function calledBy(caller: Pick<InstanceRow, 'id' | 'businessKey' | 'provider' | 'registeredAt'>, compiled: CompiledDefinition, outcome: StepOutcome, actor: string, depth: number): Promise<Launch[]> {
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
      const parent = { instanceId: caller.id, executionId, elementId: api.id, registeredAt: caller.registeredAt };
      const inputs = mapVariables(spec.inputs, variables);
      // A called process with an application form takes its inputs as a start does: a mapping that
      // leaves one out fails the caller's step (422, or an incident on a job), naming the variable.
      try {
        checkApplication(await boundForm(deps.forms, definition, (await definitions.compiled(definition)).applicationForm), inputs);
      } catch (err) {
        if (err instanceof ValidationError) throw new StepFailedError(`${api.id}: the inputs of "${spec.calledElement}" (camunda:in) do not fit its form — ${err.message}`, { elementId: api.id });
        throw err;
      }
      // A called process works for the same provider as its caller.
      launches.push(await launch(definition, inputs, { businessKey, provider: caller.provider }, actor, parent, depth));
    }
    return launches;
  }

  function keepLaunched(launched: Launch) {
    if (launched.row.status === 'running') engines.keep(launched.row, launched.outcome, launched.weight);
    for (const child of launched.children) keepLaunched(child);
  }

  /** The instance as stored, for reading; its kept engine stays for the next step. */
  async function read(instanceId: string): Promise<Loaded> {
    const instance = await store.instances.get(instanceId);
    if (!instance) throw new NotFoundError(`no instance with id "${instanceId}"`, { instanceId });
    return withDefinition(instance);
  }

  async function withDefinition(instance: InstanceRow, variables = () => variablesOf(JSON.parse(instance.state)), live?: LiveEngine): Promise<Loaded> {
    const definition = await definitions.get(instance.definitionId);
    return { instance, definition, compiled: await definitions.compiled(definition), variables, live };
  }

  /**
   * The instance for a step, with the engine the last step here left it in, which is taken out of
   * the cache (a step that fails or loses a race never puts it back). When that step left it
   * waiting in `executionId` (or none is named), its row is used as it wrote it; otherwise the
   * row is read, since one that does not know the wait may be older than the wait and would refuse
   * the action wrongly, and the kept engine goes along only if it is at the revision read.
   */
  async function prepare(instanceId: string, executionId?: string): Promise<Loaded> {
    const kept = engines.take(instanceId);
    if (kept && (executionId === undefined || kept.row.activities.some((a) => a.executionId === executionId))) {
      return withDefinition(kept.row, () => kept.variables, kept.live);
    }
    const stored = await read(instanceId);
    if (kept?.row.revision === stored.instance.revision) stored.live = kept.live;
    return stored;
  }

  /**
   * Resume → act → persist, guarded by the instance revision, on the instance `prepare` gave. If
   * another writer got there first, everything is read again and the action decides again;
   * nothing is overwritten. With `decidedBeforeTheStep` (the batch holds writes decided from what
   * was read before the step), a lost race throws StaleWriteError instead, for the caller to decide
   * them again.
   */
  async function advance(loaded: Loaded, actor: string, act: Act, beforePersist?: BeforePersist, options: { decidedBeforeTheStep?: boolean } = {}): Promise<{ row: InstanceRow; variables: Record<string, unknown> }> {
    const instanceId = loaded.instance.id;
    for (let attempt = 0; attempt < maxRaceRetries; attempt++) {
      const { instance, definition, compiled, live } = attempt === 0 ? loaded : await prepare(instanceId);
      if (instance.status !== 'running') throw new ConflictError(`instance ${instanceId} is ${instance.status}`, { instanceId, status: instance.status });
      await deps.calendars.fresh();
      const outcome = await runStep(compiled, live ? { live } : { state: instance.state }, (tracker, engine) => act(tracker, instance, engine));
      const children = await calledBy(instance, compiled, outcome, actor, 1);
      try {
        const jobLock = deps.jobs?.lockFor() ?? null;
        const batch = store.batch();
        const events = beforePersist?.(batch, outcome) ?? [];
        const { row, jobs, canceled } = await recordStep({ store, batch, instance: { ...instance, isNew: false }, definition, rules: rulesFor(compiled), outcome, actor, now: now(), events, children, jobLock });
        await batch.commit();
        logIncidents(instance, row);
        for (const id of canceled) engines.forget(id);
        if (row.status === 'running') engines.keep(row, outcome, compiled.elements.size);
        for (const child of children) keepLaunched(child);
        if (jobs.length) deps.jobs?.accept(jobs);
        return { row, variables: outcome.variables };
      } catch (err) {
        // Writes decided before the step (a waiting-list number read from the store) are decided again by the caller.
        if (err instanceof StaleWriteError && !options.decidedBeforeTheStep) continue;
        throw err;
      }
    }
    throw new ConflictError(`instance ${instanceId} is changing too fast; try again`, { instanceId });
  }

  /**
   * A write outside a step that records history (a claim, an incident): its batch writes the
   * instance row too, under the revision read, since that is the only way a history chain grows
   * (two writers extending the same head cannot both commit, on SQLite or on PostgreSQL shared by
   * several nodes). `record` reads what it changes and may refuse (ConflictError); when someone
   * wrote meanwhile, everything is read and recorded again. The state is untouched, so a kept
   * engine goes on from the new revision.
   */
  async function writeBeside<T>(instanceId: string, record: (batch: Batch, instance: InstanceRow) => Promise<T>): Promise<T> {
    for (let attempt = 0; attempt < maxRaceRetries; attempt++) {
      const instance = await store.instances.get(instanceId);
      if (!instance) throw new NotFoundError(`no instance with id "${instanceId}"`, { instanceId });
      const batch = store.batch();
      batch.instances.update(instance, {});
      const result = await record(batch, instance);
      try {
        await batch.commit();
      } catch (err) {
        if (err instanceof StaleWriteError) continue;
        throw err;
      }
      engines.rebase(instanceId, instance.revision, { revision: instance.revision + 1, ...batch.chainHead(instanceId) });
      return result;
    }
    throw new ConflictError(`instance ${instanceId} is changing too fast; try again`, { instanceId });
  }

  /**
   * A BPMN error nothing catches, raised by a step (a task completed, a case started), waits with
   * an incident: one log line each, as the job executor's incidents have. They show as new `error`
   * activities of an instance nobody called (a called one fails instead).
   */
  function logIncidents(before: InstanceRow | null, after: InstanceRow) {
    if (!deps.log || after.parentInstanceId) return;
    const known = new Set((before?.activities ?? []).filter((a) => a.kind === 'error').map((a) => a.executionId));
    for (const a of after.activities) {
      if (a.kind === 'error' && !known.has(a.executionId)) deps.log.error({ event: 'incident.raised', instanceId: after.id, elementId: a.elementId, kind: 'error' }, 'incident raised');
    }
  }

  /** Writes a launched instance in one batch and hands its jobs over. */
  async function persistLaunched(launched: Launch, actor: string): Promise<void> {
    const jobLock = deps.jobs?.lockFor() ?? null;
    const batch = store.batch();
    const { jobs } = await recordLaunch(store, batch, launched, actor, now(), jobLock);
    await batch.commit();
    logIncidents(null, launched.row);
    keepLaunched(launched);
    if (jobs.length) deps.jobs?.accept(jobs);
  }

  return {
    now,
    launch,
    persistLaunched,
    read,
    prepare,
    advance,
    writeBeside,
    /** Drops the kept engines of instances that ended outside a step (cancelled). */
    forget: (instanceIds: string[]) => instanceIds.forEach((id) => engines.forget(id)),
    /**
     * A write outside a step (a claim, an incident) moved the instance from `fromRevision` to
     * `row` without touching its state: its kept engine, if it is at `fromRevision`, goes on from there.
     */
    rebase: (instanceId: string, fromRevision: number, row: { revision: number } & ChainHead) => engines.rebase(instanceId, fromRevision, row),
  };
}
