import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock/index.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors/index.js';
import type { InstanceRow, JobRow, Repositories, Store, TaskRow } from '../../store/index.js';
import type { CompiledDefinition, Definitions } from '../definitions/index.js';
import { feelExpressions } from '../expressions.js';
import { timerExpiry } from '../behaviours/index.js';
import { BpmnError, type ServiceRegistry } from '../services/index.js';
import { persistStep, RevisionConflict, type TaskAttributes } from './persist.js';
import { runStep, StepFailedError, variablesOf, type StepOutcome } from './session.js';
import type { ActivityApi, StepEvent, StepTracker } from './tracker.js';

export { StepFailedError } from './session.js';

export interface StartRequest {
  key: string;
  businessKey?: string | null;
  variables?: Record<string, unknown>;
  actor: string;
}

export interface InstanceDetails {
  instance: Omit<InstanceRow, 'state'>;
  variables: Record<string, unknown>;
  /** Where the case stands: the element ids it waits in. */
  activities: { elementId: string; kind: 'userTask' | 'timer' | 'service' | 'message'; since: string }[];
}

export interface Runtime {
  start(request: StartRequest): Promise<InstanceDetails>;
  details(instanceId: string): Promise<InstanceDetails>;
  claimTask(taskId: string, user: string): Promise<TaskRow>;
  unclaimTask(taskId: string, actor: string): Promise<TaskRow>;
  completeTask(taskId: string, variables: Record<string, unknown>, actor: string): Promise<InstanceDetails>;
  correlateMessage(name: string, businessKey: string | undefined, variables: Record<string, unknown>, actor: string): Promise<InstanceDetails>;
  cancel(instanceId: string, actor: string): Promise<InstanceDetails>;
  /** Job executor: fire a due timer. */
  fireTimer(job: JobRow): Promise<void>;
  /** Job executor: call a service handler and advance, retry later, or raise an incident. */
  runServiceJob(job: JobRow): Promise<void>;
  retryIncident(incidentId: string, actor: string): Promise<void>;
}

const reserved = new Set(['fields', 'content', 'properties', 'environment']);
const maxRaceRetries = 8;

export function createRuntime(deps: {
  store: Store;
  clock: Clock;
  definitions: Definitions;
  services: ServiceRegistry;
  /** Called when due jobs were created, so the executor need not wait for its next poll. */
  onJobs?: () => void;
}): Runtime {
  const { store, clock, definitions, services } = deps;
  const now = () => clock.now().toISOString();

  function checkVariables(variables: unknown, field: string): Record<string, unknown> {
    if (variables === undefined || variables === null) return {};
    if (typeof variables !== 'object' || Array.isArray(variables)) throw new ValidationError(`${field} must be an object`, { field });
    for (const name of Object.keys(variables)) {
      if (reserved.has(name)) throw new ValidationError(`${field}.${name}: "${name}" is reserved by the engine`, { field: `${field}.${name}` });
      if (!/^[\p{L}_][\p{L}\p{N}_]*$/u.test(name)) throw new ValidationError(`${field}.${name}: variable names are letters, digits and _`, { field: `${field}.${name}` });
    }
    return variables as Record<string, unknown>;
  }

  function taskAttributesFor(compiled: CompiledDefinition) {
    return (api: ActivityApi): TaskAttributes => {
      const b = api.owner.behaviour;
      const resolve = (value: unknown) => feelExpressions.resolveExpression(value, { environment: api.environment, content: api.content });
      const list = (value: unknown): string[] => {
        const v = resolve(value);
        if (Array.isArray(v)) return v.map(String);
        return typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : [];
      };
      const assignee = resolve(b.assignee);
      return {
        name: compiled.elements.get(api.id)?.name ?? null,
        assignee: assignee ? String(assignee) : null,
        candidateGroups: list(b.candidateGroups),
        candidateUsers: list(b.candidateUsers),
        formKey: b.formKey ? String(resolve(b.formKey)) : null,
        dueAt: dueAt(resolve(b.dueDate)),
      };
    };
  }

  function dueAt(value: unknown): string | null {
    if (value === undefined || value === null || value === '') return null;
    const text = value instanceof Date ? value.toISOString() : String(value);
    const { expireAt } = timerExpiry(text.startsWith('P') ? 'timeDuration' : 'timeDate', text, clock.now());
    return Number.isNaN(expireAt.getTime()) ? null : expireAt.toISOString();
  }

  function maxAttemptsFor(compiled: CompiledDefinition) {
    return (elementId: string) => retryPolicy(compiled, elementId).attempts;
  }

  async function load(instanceId: string) {
    const instance = await store.instances.get(instanceId);
    if (!instance) throw new NotFoundError(`no instance with id "${instanceId}"`, { instanceId });
    const definition = await definitions.get(instance.definitionId);
    return { instance, definition, compiled: await definitions.compiled(definition) };
  }

  /**
   * Load → resume → act → persist, guarded by the instance revision. If another writer got there
   * first, everything is read again and the action decides again; nothing is overwritten.
   */
  async function advance(
    instanceId: string,
    actor: string,
    act: (tracker: StepTracker, instance: InstanceRow) => void | Promise<void>,
    beforePersist?: (tx: Repositories, outcome: StepOutcome) => Promise<StepEvent[] | void>
  ): Promise<void> {
    for (let attempt = 0; attempt < maxRaceRetries; attempt++) {
      const { instance, definition, compiled } = await load(instanceId);
      if (instance.status !== 'running') throw new ConflictError(`instance ${instanceId} is ${instance.status}`, { instanceId, status: instance.status });
      const outcome = await runStep(compiled, { state: instance.state }, (tracker) => act(tracker, instance));
      try {
        const { createdJobs } = await store.transaction(async (tx) => {
          const events = (await beforePersist?.(tx, outcome)) ?? [];
          return persistStep({
            tx,
            instance: { id: instance.id, revision: instance.revision, isNew: false },
            definition,
            outcome,
            actor,
            now: now(),
            events,
            taskAttributes: taskAttributesFor(compiled),
            maxAttempts: maxAttemptsFor(compiled),
          });
        });
        if (createdJobs) deps.onJobs?.();
        return;
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
    const { state, ...summary } = instance;
    const [tasks, jobs, subs] = await Promise.all([
      store.tasks.openByInstance(instanceId),
      store.jobs.waitingByInstance(instanceId),
      store.subscriptions.waitingByInstance(instanceId),
    ]);
    const activities: InstanceDetails['activities'] = [
      ...tasks.map((t) => ({ elementId: t.elementId, kind: 'userTask' as const, since: t.createdAt })),
      ...jobs.map((j) => ({ elementId: j.elementId, kind: j.kind === 'timer' ? ('timer' as const) : ('service' as const), since: j.createdAt })),
      ...subs.map((s) => ({ elementId: s.elementId, kind: 'message' as const, since: s.createdAt })),
    ];
    return { instance: summary, variables: variablesOf(JSON.parse(state)), activities };
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

  function setVariables(api: ActivityApi, variables: Record<string, unknown>) {
    Object.assign(api.environment.variables, variables);
  }

  return {
    async start({ key, businessKey = null, variables, actor }) {
      const vars = checkVariables(variables, 'variables');
      const definition = await definitions.effective(key);
      const compiled = await definitions.compiled(definition);
      const outcome = await runStep(compiled, { variables: vars });
      const id = randomUUID();
      const at = now();
      const row: InstanceRow = {
        id,
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
      };
      const { createdJobs } = await store.transaction(async (tx) => {
        await tx.instances.insert(row);
        return persistStep({
          tx,
          instance: { id, revision: 0, isNew: true },
          definition,
          outcome,
          actor,
          now: at,
          events: [{ type: 'instance.started', elementId: null, elementType: null, executionId: null, data: { businessKey, variables: vars } }],
          taskAttributes: taskAttributesFor(compiled),
          maxAttempts: maxAttemptsFor(compiled),
        });
      });
      if (createdJobs) deps.onJobs?.();
      return detailsOf(id);
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
      await advance(
        task.instanceId,
        actor,
        (tracker) => {
          const api = tracker.userTasks.get(task.executionId);
          if (!api) throw new ConflictError(`task ${taskId} is no longer waiting`, { taskId });
          setVariables(api, vars);
          api.signal(vars);
        },
        async (tx) => {
          if (!(await tx.tasks.update(taskId, { status: 'open' }, { status: 'completed', endedAt: now(), completedBy: actor }))) {
            throw new ConflictError(`task ${taskId} was completed meanwhile`, { taskId });
          }
          return [{ type: 'task.completed', elementId: task.elementId, elementType: 'bpmn:UserTask', executionId: task.executionId, data: { taskId, variables: vars } }];
        }
      );
      return detailsOf(task.instanceId);
    },

    async correlateMessage(name, businessKey, variables, actor) {
      const vars = checkVariables(variables, 'variables');
      const subs = await store.subscriptions.waitingFor(name, businessKey);
      const instanceIds = [...new Set(subs.map((s) => s.instanceId))];
      if (instanceIds.length === 0) {
        throw new NotFoundError(`no running instance${businessKey ? ` with business key "${businessKey}"` : ''} waits for message "${name}"`, { name, businessKey });
      }
      if (instanceIds.length > 1) throw new ConflictError(`message "${name}" matches ${instanceIds.length} instances; give a businessKey`, { instanceIds });
      await advance(
        instanceIds[0]!,
        actor,
        (tracker) => {
          const waiting = [...tracker.messages.values()].filter((m) => m.messageName === name);
          if (waiting.length === 0) throw new ConflictError(`the instance no longer waits for message "${name}"`, { name });
          for (const m of waiting) setVariables(m.api, vars);
          const messageId = waiting[0]!.api.content.message.id as string;
          waiting[0]!.api.signal({ id: messageId, ...vars });
        },
        async () => [{ type: 'message.correlated', elementId: null, elementType: null, executionId: null, data: { name, businessKey, variables: vars } }]
      );
      return detailsOf(instanceIds[0]!);
    },

    async cancel(instanceId, actor) {
      const { instance, definition } = await load(instanceId);
      if (instance.status !== 'running') throw new ConflictError(`instance ${instanceId} is ${instance.status}`, { instanceId });
      const at = now();
      await store.transaction(async (tx) => {
        if (!(await tx.instances.update(instanceId, instance.revision, { status: 'canceled', endedAt: at }))) {
          throw new ConflictError(`instance ${instanceId} changed meanwhile; try again`, { instanceId });
        }
        for (const task of await tx.tasks.openByInstance(instanceId)) await tx.tasks.update(task.id, { status: 'open' }, { status: 'canceled', endedAt: at });
        for (const job of await tx.jobs.waitingByInstance(instanceId)) await tx.jobs.update(job.id, { status: 'canceled' });
        for (const sub of await tx.subscriptions.waitingByInstance(instanceId)) await tx.subscriptions.update(sub.id, { status: 'canceled' });
        for (const incident of await tx.incidents.list({ instanceId, status: 'open' })) await tx.incidents.resolve(incident.id, at);
        await tx.history.append([
          { instanceId, definitionId: definition.id, definitionVersion: definition.version, type: 'instance.canceled', elementId: null, elementType: null, executionId: null, actor, at, data: null },
        ]);
      });
      return detailsOf(instanceId);
    },

    async fireTimer(job) {
      let stale = false;
      try {
        await advance(
          job.instanceId,
          'timer',
          (tracker) => {
            const timer = tracker.timers.get(job.executionId);
            if (!timer) {
              stale = true;
              return;
            }
            timer.fire();
          },
          async (tx) => {
            await tx.jobs.update(job.id, { status: stale ? 'canceled' : 'done', lockOwner: null, lockExpiresAt: null });
          }
        );
      } catch (err) {
        if (err instanceof ConflictError) await store.jobs.update(job.id, { status: 'canceled', lockOwner: null, lockExpiresAt: null });
        else if (err instanceof StepFailedError) await raiseIncident(job, 'engine', err.message, 1);
        else throw err;
      }
    },

    async runServiceJob(job) {
      const { instance, compiled } = await load(job.instanceId);
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
        },
        async (tx) => {
          await tx.jobs.update(job.id, { status: 'done', attempts: attempt, lockOwner: null, lockExpiresAt: null });
          return [{ type: 'service.completed', elementId: job.elementId, elementType: 'bpmn:ServiceTask', executionId: job.executionId, data: bpmnError ? { topic: job.topic, bpmnError: bpmnError.code } : { topic: job.topic, output: vars } }];
        }
      ).catch((err: unknown) => {
        if (err instanceof StepFailedError) return raiseIncident(job, 'engine', err.message, attempt);
        throw err;
      });
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
      deps.onJobs?.();
    },
  };

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

/** Attempts and backoff of a service task: `camunda:failedJobRetryTimeCycle` (R5/PT1M) or 3 tries, 10 s doubling. */
export function retryPolicy(compiled: CompiledDefinition, elementId: string): { attempts: number; delayMs(attempt: number): number } {
  const element = compiled.elements.get(elementId);
  const cycle = (element?.extensionElements?.values ?? []).find((v: { $type: string }) => v.$type === 'camunda:FailedJobRetryTimeCycle')?.body as string | undefined;
  const m = cycle && /^R(\d+)\/(P.+)$/.exec(cycle.trim());
  if (m) {
    const interval = timerExpiry('timeDuration', m[2]!, new Date(0)).expireAt.getTime();
    return { attempts: Number(m[1]), delayMs: () => interval };
  }
  return { attempts: 3, delayMs: (attempt) => 10_000 * 2 ** (attempt - 1) };
}

