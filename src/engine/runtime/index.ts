import { randomUUID } from 'node:crypto';
import type { Term } from '../../calendar/index.js';
import type { Clock } from '../../clock/index.js';
import { ConflictError, NotFoundError } from '../../errors/index.js';
import type { Forms } from '../../forms/index.js';
import type { DefinitionRow, InstanceActivity, InstanceRow, JobRow, Repositories, Store, TaskRow } from '../../store/index.js';
import type { Calendars } from '../calendar.js';
import type { CompiledDefinition, Definitions } from '../definitions/index.js';
import { feelExpressions, userVariables } from '../expressions.js';
import { BpmnError, type ServiceRegistry } from '../services/index.js';
import { isOverdue } from '../overdue.js';
import { isTerm } from '../terms.js';
import { mapVariables } from './calls.js';
import { LiveEngines } from './engines.js';
import { checkApplication, checkTaskForm } from './forms.js';
import { cancelInstance, persistLaunch, persistStep, RevisionConflict, type DefinitionRules, type JobLock, type Launch } from './persist.js';

export type { JobLock } from './persist.js';
import { retryPolicy } from './retries.js';
import { runStep, StepFailedError, variablesOf, type StepOutcome } from './session.js';
import { taskAttributesFor } from './taskAttributes.js';
import type { StepEvent, StepTracker } from './tracker.js';
import { checkVariables, setVariables } from './variables.js';

export { StepFailedError } from './session.js';

export interface StartRequest {
  key: string;
  businessKey?: string | null;
  variables?: Record<string, unknown>;
  actor: string;
}

export interface InstanceDetails {
  instance: Omit<InstanceRow, 'state' | 'activities'> & { overdue: boolean };
  variables: Record<string, unknown>;
  /** Where the case stands: the elements it waits in. */
  activities: InstanceActivity[];
}

export interface Runtime {
  start(request: StartRequest): Promise<InstanceDetails>;
  details(instanceId: string): Promise<InstanceDetails>;
  claimTask(taskId: string, user: string): Promise<TaskRow>;
  unclaimTask(taskId: string, actor: string): Promise<TaskRow>;
  completeTask(taskId: string, variables: Record<string, unknown>, actor: string): Promise<InstanceDetails>;
  correlateMessage(name: string, businessKey: string | undefined, variables: Record<string, unknown>, actor: string): Promise<InstanceDetails>;
  /** Broadcasts a signal to every instance waiting for it; returns the instances it reached. */
  sendSignal(name: string, variables: Record<string, unknown>, actor: string): Promise<{ instanceIds: string[] }>;
  cancel(instanceId: string, actor: string): Promise<InstanceDetails>;
  /** Job executor: fire a due timer. */
  fireTimer(job: JobRow): Promise<void>;
  /** Job executor: call a service handler and advance, retry later, or raise an incident. */
  runServiceJob(job: JobRow): Promise<void>;
  /** Job executor: a called instance ended; its caller's call activity continues. */
  returnFromCall(job: JobRow): Promise<void>;
  retryIncident(incidentId: string, actor: string): Promise<void>;
}

/** Where a step's new jobs go after it commits. */
export interface JobQueue {
  /** The lock for a job due at once that this node will run itself; null leaves the job to be acquired. */
  lockFor(now: Date): JobLock | null;
  /** Jobs just committed: runs the ones locked for this node, and looks for the others if they are due. */
  accept(jobs: JobRow[]): void;
  /** Looks for due jobs soon, without waiting for the next poll. */
  wake(): void;
}

const maxRaceRetries = 8;
/** Call activities started in one step may nest this deep (a process that calls itself stops here). */
const maxCallDepth = 16;

export function createRuntime(deps: {
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
}): Runtime {
  const { store, clock, definitions, services } = deps;
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

  type Loaded = Awaited<ReturnType<typeof load>>;

  function keepLaunched(launched: Launch, jobs: JobRow[]) {
    if (!launched.outcome.completed) engines.keep(launched.row, launched.outcome.live, jobIdsOf(launched.row.id, jobs));
    for (const child of launched.children) keepLaunched(child, jobs);
  }

  function jobIdsOf(instanceId: string, jobs: JobRow[]): Set<string> {
    return new Set(jobs.filter((j) => j.instanceId === instanceId).map((j) => j.id));
  }

  async function load(instanceId: string) {
    const instance = await store.instances.get(instanceId);
    if (!instance) throw new NotFoundError(`no instance with id "${instanceId}"`, { instanceId });
    const definition = await definitions.get(instance.definitionId);
    return { instance, definition, compiled: await definitions.compiled(definition) };
  }

  /**
   * The instance for a job: on a job's first run right after the step here that created it, as
   * that step left it (the revision guard still catches any writer since); otherwise read.
   */
  async function loadForJob(job: JobRow): Promise<Loaded> {
    const row = job.attempts === 0 ? engines.rowBefore(job.instanceId, job.id) : undefined;
    if (!row) return load(job.instanceId);
    const definition = await definitions.get(row.definitionId);
    return { instance: row, definition, compiled: await definitions.compiled(definition) };
  }

  /**
   * Load → resume → act → persist, guarded by the instance revision. If another writer got there
   * first, everything is read again and the action decides again; nothing is overwritten.
   */
  async function advance(
    instanceId: string,
    actor: string,
    act: (tracker: StepTracker, instance: InstanceRow) => void | Promise<void>,
    beforePersist?: (tx: Repositories, outcome: StepOutcome) => Promise<StepEvent[] | void>,
    /** The instance as the caller just read it; the revision guard still catches any writer in between. */
    preloaded?: Loaded
  ): Promise<{ row: InstanceRow; variables: Record<string, unknown> }> {
    for (let attempt = 0; attempt < maxRaceRetries; attempt++) {
      const { instance, definition, compiled } = (attempt === 0 && preloaded) || (await load(instanceId));
      if (instance.status !== 'running') throw new ConflictError(`instance ${instanceId} is ${instance.status}`, { instanceId, status: instance.status });
      await deps.calendars.fresh();
      const live = engines.take(instance.id, instance.revision);
      const outcome = await runStep(compiled, live ? { live } : { state: instance.state }, (tracker) => act(tracker, instance));
      const children = await calledBy(instance, compiled, outcome, actor, 1);
      try {
        const at = now();
        const jobLock = deps.jobs?.lockFor(clock.now()) ?? null;
        const { jobs, activities } = await store.transaction(async (tx) => {
          const events = (await beforePersist?.(tx, outcome)) ?? [];
          return persistStep({ tx, instance: { ...instance, isNew: false }, definition, rules: rulesFor(compiled), outcome, actor, now: at, events, children, jobLock });
        });
        const status = outcome.completed ? 'completed' : 'running';
        const row: InstanceRow = { ...instance, state: outcome.state, status, endedAt: outcome.completed ? at : null, revision: instance.revision + 1, activities };
        if (!outcome.completed) engines.keep(row, outcome.live, jobIdsOf(row.id, jobs));
        for (const child of children) keepLaunched(child, jobs);
        if (jobs.length) deps.jobs?.accept(jobs);
        return { row, variables: outcome.variables };
      } catch (err) {
        if (err instanceof RevisionConflict) continue;
        throw err;
      }
    }
    throw new ConflictError(`instance ${instanceId} is changing too fast; try again`, { instanceId });
  }

  async function detailsOf(instanceId: string): Promise<InstanceDetails> {
    const instance = await store.instances.get(instanceId);
    if (!instance) throw new NotFoundError(`no instance with id "${instanceId}"`, { instanceId });
    return detailsFrom(instance);
  }

  /** Details from a row just read or written; `variables` spares parsing the state when the step has them. */
  function detailsFrom(row: InstanceRow, variables?: Record<string, unknown>): InstanceDetails {
    const { state, activities, ...instance } = row;
    return { instance: { ...instance, overdue: isOverdue(instance, clock.now()) }, variables: variables ?? variablesOf(JSON.parse(state)), activities };
  }

  async function openTask(taskId: string): Promise<TaskRow> {
    const task = await store.tasks.get(taskId);
    if (!task) throw new NotFoundError(`no task with id "${taskId}"`, { taskId });
    if (task.status !== 'open') throw new ConflictError(`task ${taskId} is already ${task.status}`, { taskId, status: task.status });
    return task;
  }

  async function taskEvent(task: TaskRow, type: 'task.claimed' | 'task.unclaimed', actor: string, data: Record<string, unknown>) {
    const instance = (await store.instances.get(task.instanceId))!;
    await store.history.append([
      { instanceId: task.instanceId, definitionId: instance.definitionId, definitionVersion: instance.definitionVersion, type, elementId: task.elementId, elementType: 'bpmn:UserTask', executionId: task.executionId, actor, at: now(), data },
    ]);
  }

  /** A task with a form accepts only what the form allows; read-only fields come from the state, not the clerk. */
  return {
    async start({ key, businessKey = null, variables, actor }) {
      const vars = checkVariables(variables, 'variables');
      const definition = await definitions.effective(key);
      checkApplication(deps.forms, (await definitions.compiled(definition)).applicationForm, vars);
      const started = await launch(definition, vars, businessKey, actor, null, 0);
      const jobLock = deps.jobs?.lockFor(clock.now()) ?? null;
      const { jobs } = await store.transaction((tx) => persistLaunch(tx, started, actor, now(), jobLock));
      keepLaunched(started, jobs);
      if (jobs.length) deps.jobs?.accept(jobs);
      return detailsFrom(started.row, started.outcome.variables);
    },

    details: detailsOf,

    async claimTask(taskId, user) {
      const task = await openTask(taskId);
      if (task.assignee && task.assignee !== user) throw new ConflictError(`task ${taskId} is already claimed by ${task.assignee}`, { taskId, assignee: task.assignee });
      if (!(await store.tasks.update(taskId, { status: 'open', assignee: task.assignee }, { assignee: user, claimedAt: now() }))) {
        throw new ConflictError(`task ${taskId} changed meanwhile`, { taskId });
      }
      await taskEvent(task, 'task.claimed', user, { assignee: user });
      return (await store.tasks.get(taskId))!;
    },

    async unclaimTask(taskId, actor) {
      const task = await openTask(taskId);
      await store.tasks.update(taskId, { status: 'open' }, { assignee: null, claimedAt: null });
      await taskEvent(task, 'task.unclaimed', actor, { previousAssignee: task.assignee });
      return (await store.tasks.get(taskId))!;
    },

    async completeTask(taskId, variables, actor) {
      const vars = checkVariables(variables, 'variables');
      const task = await openTask(taskId);
      const { row, variables: after } = await advance(
        task.instanceId,
        actor,
        (tracker) => {
          const api = tracker.userTasks.get(task.executionId);
          if (!api) throw new ConflictError(`task ${taskId} is no longer waiting`, { taskId });
          checkTaskForm(deps.forms, task, vars, api.environment.variables);
          setVariables(api, vars);
          api.signal(vars);
          // A multi-instance iteration ends without leaving the activity, so the tracker is told.
          tracker.userTasks.delete(task.executionId);
          tracker.settled.add(task.executionId);
        },
        async (tx) => {
          if (!(await tx.tasks.update(taskId, { status: 'open' }, { status: 'completed', endedAt: now(), completedBy: actor }))) {
            throw new ConflictError(`task ${taskId} was completed meanwhile`, { taskId });
          }
          return [{ type: 'task.completed', elementId: task.elementId, elementType: 'bpmn:UserTask', executionId: task.executionId, data: { taskId, variables: vars } }];
        }
      );
      return detailsFrom(row, after);
    },

    async correlateMessage(name, businessKey, variables, actor) {
      const vars = checkVariables(variables, 'variables');
      const subs = await store.subscriptions.waitingFor('message', name, businessKey);
      const instanceIds = [...new Set(subs.map((s) => s.instanceId))];
      if (instanceIds.length === 0) {
        throw new NotFoundError(`no running instance${businessKey ? ` with business key "${businessKey}"` : ''} waits for message "${name}"`, { name, businessKey });
      }
      if (instanceIds.length > 1) throw new ConflictError(`message "${name}" matches ${instanceIds.length} instances; give a businessKey`, { instanceIds });
      const { row, variables: after } = await advance(
        instanceIds[0]!,
        actor,
        (tracker) => {
          const waiting = [...tracker.catches.values()].filter((c) => c.kind === 'message' && c.name === name);
          if (waiting.length === 0) throw new ConflictError(`the instance no longer waits for message "${name}"`, { name });
          for (const m of waiting) setVariables(m.api, vars);
          const messageId = waiting[0]!.api.content.message.id as string;
          waiting[0]!.api.signal({ id: messageId, ...vars });
        },
        async () => [{ type: 'message.correlated', elementId: null, elementType: null, executionId: null, data: { name, businessKey, variables: vars } }]
      );
      return detailsFrom(row, after);
    },

    async sendSignal(name, variables, actor) {
      const vars = checkVariables(variables, 'variables');
      const subs = await store.subscriptions.waitingFor('signal', name, undefined);
      const reached: string[] = [];
      for (const instanceId of new Set(subs.map((s) => s.instanceId))) {
        let caught = false;
        try {
          await advance(
            instanceId,
            actor,
            (tracker) => {
              for (const c of tracker.catches.values()) {
                if (c.kind !== 'signal' || c.name !== name) continue;
                setVariables(c.api, vars);
                c.api.signal(vars);
                caught = true;
              }
            },
            async () => (caught ? [{ type: 'signal.received', elementId: null, elementType: null, executionId: null, data: { name, variables: vars } }] : [])
          );
        } catch (err) {
          // A broadcast reaches whoever still waits; one instance that moved on or failed does not stop the others.
          if (err instanceof ConflictError || err instanceof StepFailedError) continue;
          throw err;
        }
        if (caught) reached.push(instanceId);
      }
      return { instanceIds: reached };
    },

    async cancel(instanceId, actor) {
      const { instance } = await load(instanceId);
      if (instance.status !== 'running') throw new ConflictError(`instance ${instanceId} is ${instance.status}`, { instanceId });
      if (instance.parentInstanceId) {
        const parent = await store.instances.get(instance.parentInstanceId);
        if (parent?.status === 'running') {
          throw new ConflictError(`instance ${instanceId} was started by call activity ${instance.parentElementId} of instance ${parent.id}; cancel that instance instead`, { instanceId, parentInstanceId: parent.id });
        }
      }
      await store.transaction(async (tx) => {
        if (!(await cancelInstance(tx, instance, actor, now()))) throw new ConflictError(`instance ${instanceId} changed meanwhile; try again`, { instanceId });
      });
      engines.forget(instanceId);
      return detailsOf(instanceId);
    },

    async fireTimer(job) {
      await jobStep(job, 'timer', (tracker) => {
        const timer = tracker.timers.get(job.executionId);
        timer?.fire();
        return timer !== undefined;
      });
    },

    async runServiceJob(job) {
      try {
        await serviceJob(job);
      } catch (err) {
        if (err instanceof StepFailedError) return raiseIncident(job, 'engine', err.message, job.attempts + 1);
        throw err;
      }
    },

    async returnFromCall(job) {
      const { compiled } = await load(job.instanceId);
      const child = await store.instances.calledAt(job.instanceId, job.executionId);
      const spec = compiled.calls.get(job.elementId);
      const vars = child && spec ? mapVariables(spec.outputs, variablesOf(JSON.parse(child.state))) : {};
      await jobStep(
        job,
        'call',
        (tracker) => {
          const call = tracker.calls.get(job.executionId);
          if (!call) return false;
          setVariables(call.api, vars);
          call.api.signal(vars);
          tracker.settled.add(job.executionId);
          return true;
        },
        [{ type: 'call.returned', elementId: job.elementId, elementType: 'bpmn:CallActivity', executionId: job.executionId, data: { instanceId: child?.id, variables: vars } }]
      );
    },

    async retryIncident(incidentId, actor) {
      const incident = await store.incidents.get(incidentId);
      if (!incident) throw new NotFoundError(`no incident with id "${incidentId}"`, { incidentId });
      if (incident.status !== 'open') throw new ConflictError(`incident ${incidentId} is already ${incident.status}`, { incidentId });
      const instance = (await store.instances.get(incident.instanceId))!;
      const at = now();
      await store.transaction(async (tx) => {
        if (!(await tx.incidents.resolve(incidentId, at))) throw new ConflictError(`incident ${incidentId} was resolved meanwhile`, { incidentId });
        await tx.jobs.update(incident.jobId, { status: 'waiting', attempts: 0, dueAt: at, lockOwner: null, lockExpiresAt: null });
        await tx.history.append([
          { instanceId: instance.id, definitionId: instance.definitionId, definitionVersion: instance.definitionVersion, type: 'incident.resolved', elementId: incident.elementId, elementType: null, executionId: null, actor, at, data: { incidentId } },
        ]);
      });
      deps.jobs?.wake();
    },
  };

  async function serviceJob(job: JobRow) {
    const loaded = await loadForJob(job);
    const { instance, compiled } = loaded;
    if (instance.status !== 'running') return store.jobs.update(job.id, { status: 'canceled', lockOwner: null, lockExpiresAt: null });
    const handler = services.get(job.topic!);
    const attempt = job.attempts + 1;
    let output: Record<string, unknown> | void = undefined;
    let failure: Error | undefined;
    try {
      if (!handler) throw new Error(`no service handler is registered for topic "${job.topic}"`);
      output = await handler({
        instanceId: instance.id,
        businessKey: instance.businessKey,
        elementId: job.elementId,
        topic: job.topic!,
        variables: variablesOf(JSON.parse(instance.state)),
        attempt,
        idempotencyKey: `${instance.id}:${job.executionId}`,
      });
    } catch (err) {
      failure = err as Error;
    }

    if (failure && !(failure instanceof BpmnError)) return recordFailure(job, compiled, attempt, failure);
    const bpmnError = failure as BpmnError | undefined;
    let vars: Record<string, unknown>;
    try {
      vars = output ? checkVariables(output, `output of ${job.topic}`) : {};
    } catch (err) {
      return raiseIncident(job, 'service', `${job.topic}: ${(err as Error).message}`, attempt);
    }
    await advance(
      job.instanceId,
      `service:${job.topic}`,
      (tracker) => {
        const api = tracker.services.get(job.executionId);
        if (!api) return;
        if (bpmnError) return api.sendApiMessage('error', { message: bpmnError.message, code: bpmnError.code });
        setVariables(api, vars);
        api.signal(vars);
        tracker.services.delete(job.executionId);
        tracker.settled.add(job.executionId);
      },
      async (tx) => {
        await tx.jobs.update(job.id, { status: 'done', attempts: attempt, lockOwner: null, lockExpiresAt: null });
        return [{ type: 'service.completed', elementId: job.elementId, elementType: 'bpmn:ServiceTask', executionId: job.executionId, data: bpmnError ? { topic: job.topic, bpmnError: bpmnError.code } : { topic: job.topic, output: vars } }];
      },
      loaded
    );
  }

  /**
   * A timer or call-return job's step: `act` continues the wait if it is still there. A job whose
   * wait is gone, or whose instance ended, is canceled; a model that fails raises an incident.
   */
  async function jobStep(job: JobRow, actor: string, act: (tracker: StepTracker) => boolean, events: StepEvent[] = []) {
    let acted = false;
    try {
      await advance(
        job.instanceId,
        actor,
        (tracker) => {
          acted = act(tracker);
        },
        async (tx) => {
          await tx.jobs.update(job.id, { status: acted ? 'done' : 'canceled', attempts: job.attempts + 1, lockOwner: null, lockExpiresAt: null });
          return acted ? events : [];
        }
      );
    } catch (err) {
      if (err instanceof ConflictError) await store.jobs.update(job.id, { status: 'canceled', lockOwner: null, lockExpiresAt: null });
      else if (err instanceof StepFailedError) await raiseIncident(job, 'engine', err.message, job.attempts + 1);
      else throw err;
    }
  }

  async function recordFailure(job: JobRow, compiled: CompiledDefinition, attempt: number, error: Error) {
    const policy = retryPolicy(compiled, job.elementId);
    const message = error.message || String(error);
    const at = clock.now();
    if (attempt < job.maxAttempts) {
      const due = new Date(at.getTime() + policy.delayMs(attempt));
      await store.jobs.update(job.id, { attempts: attempt, lastError: message, dueAt: due.toISOString(), lockOwner: null, lockExpiresAt: null });
      return;
    }
    await raiseIncident(job, 'service', `${job.topic}: ${message}`, attempt);
  }

  /** The job stops; an admin sees the incident and retries it once the cause is fixed. */
  async function raiseIncident(job: JobRow, kind: 'service' | 'engine', message: string, attempts: number) {
    const instance = (await store.instances.get(job.instanceId))!;
    const at = now();
    await store.transaction(async (tx) => {
      await tx.jobs.update(job.id, { status: 'failed', attempts, lastError: message, lockOwner: null, lockExpiresAt: null });
      const incidentId = randomUUID();
      await tx.incidents.insert({ id: incidentId, instanceId: job.instanceId, jobId: job.id, elementId: job.elementId, kind, message, status: 'open', createdAt: at, resolvedAt: null });
      await tx.history.append([
        { instanceId: job.instanceId, definitionId: instance.definitionId, definitionVersion: instance.definitionVersion, type: 'incident.raised', elementId: job.elementId, elementType: null, executionId: job.executionId, actor: 'jobs', at, data: { incidentId, kind, topic: job.topic, attempts, error: message } },
      ]);
    });
  }
}
