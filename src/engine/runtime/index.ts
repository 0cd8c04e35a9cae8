import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors/index.js';
import { isDuplicateRunningBusinessKey, StaleWriteError, type HistoryEvent, type InstanceActivity, type InstanceRow, type TaskRow } from '../../store/index.js';
import { isFinishedLate, isOverdue } from '../overdue.js';
import { boundForm, checkApplication, checkTaskForm } from './forms.js';
import { createJobSteps, type JobSteps } from './jobSteps.js';
import { recordEnd } from './persist.js';
import { variablesSeenBy } from './scopes.js';
import { StepFailedError, variablesOf } from './session.js';
import type { RuntimeDeps } from './ports.js';
import { createSteps } from './steps.js';
import { checkBusinessKey, checkProvider, checkVariables, setProcessVariables, setVariables } from './variables.js';

export type { JobLock, JobQueue, RuntimeDeps } from './ports.js';
export { StepFailedError } from './session.js';

export interface StartRequest {
  key: string;
  businessKey?: string | null;
  /** The provider the case belongs to (1–100 characters); the installation's default when absent. */
  provider?: string;
  variables?: Record<string, unknown>;
  actor: string;
}

export interface InstanceDetails {
  instance: Omit<InstanceRow, 'state' | 'activities'> & { overdue: boolean; finishedLate: boolean };
  variables: Record<string, unknown>;
  /** Where the case stands: the elements it waits in. */
  activities: InstanceActivity[];
}

export interface Runtime extends JobSteps {
  start(request: StartRequest): Promise<InstanceDetails>;
  details(instanceId: string): Promise<InstanceDetails>;
  /** What a task sees: the process variables, with those of its input mappings and enclosing sub-processes over them. */
  taskVariables(task: Pick<TaskRow, 'instanceId' | 'elementId' | 'executionId'>): Promise<Record<string, unknown>>;
  /**
   * Assigns an open task to `user`. A task someone else holds is a 409 unless `by.reassign` (a head
   * or admin sharing work out); history names `by.actor` when someone assigns it to another.
   */
  /** Records something done with a case outside its steps (a subject access export) in its history, as the next link of its chain. */
  recordEvent(instanceId: string, type: HistoryEvent['type'], actor: string, data: Record<string, unknown>): Promise<void>;
  claimTask(taskId: string, user: string, by?: { actor: string; reassign: boolean }): Promise<TaskRow>;
  /** Gives a task back: its assignee, or with `reassign` anyone (403 otherwise). */
  unclaimTask(taskId: string, actor: string, options?: { reassign: boolean }): Promise<TaskRow>;
  completeTask(taskId: string, variables: Record<string, unknown>, actor: string): Promise<InstanceDetails>;
  correlateMessage(name: string, businessKey: string | undefined, variables: Record<string, unknown>, actor: string): Promise<InstanceDetails>;
  /** Broadcasts a signal to every instance waiting for it; returns the instances it reached. */
  sendSignal(name: string, variables: Record<string, unknown>, actor: string): Promise<{ instanceIds: string[] }>;
  cancel(instanceId: string, actor: string): Promise<InstanceDetails>;
  /**
   * An admin repairs a running case (as in Camunda's cockpit): merges `variables` into its process
   * variables, recorded in history as `variables.set` with the actor, names and values; a retried
   * incident then runs with them. ValidationError naming the field, NotFoundError, ConflictError
   * for an instance that has ended.
   */
  setInstanceVariables(instanceId: string, variables: Record<string, unknown>, actor: string): Promise<InstanceDetails>;
}

/** The runtime: what people and outside systems do to instances, and what the job executor asks. */
export function createRuntime(deps: RuntimeDeps): Runtime {
  const { store, clock, definitions } = deps;
  const steps = createSteps(deps);
  const { now, launch, persistLaunched, read, prepare, advance } = steps;
  const jobSteps = createJobSteps(deps, steps);

  async function detailsOf(instanceId: string): Promise<InstanceDetails> {
    const instance = await store.instances.get(instanceId);
    if (!instance) throw new NotFoundError(`no instance with id "${instanceId}"`, { instanceId });
    return detailsFrom(instance);
  }

  /** Details from a row just read or written; `variables` spares parsing the state when the step has them. */
  function detailsFrom(row: InstanceRow, variables?: Record<string, unknown>): InstanceDetails {
    const { state, activities, ...instance } = row;
    return { instance: { ...instance, overdue: isOverdue(instance, clock.now()), finishedLate: isFinishedLate(instance) }, variables: variables ?? variablesOf(JSON.parse(state)), activities };
  }

  async function openTask(taskId: string): Promise<TaskRow> {
    const task = await store.tasks.get(taskId);
    if (!task) throw new NotFoundError(`no task with id "${taskId}"`, { taskId });
    if (task.status !== 'open') throw new ConflictError(`task ${taskId} is already ${task.status}`, { taskId, status: task.status });
    return task;
  }

  /**
   * Claims or unclaims an open task with its history, in one batch with the instance row (see
   * writeBeside); `check` refuses on the task as read, again after any race.
   */
  async function changeTask(taskId: string, check: (task: TaskRow) => void, patch: Partial<TaskRow>, type: 'task.claimed' | 'task.unclaimed', actor: string, data: (task: TaskRow) => Record<string, unknown>): Promise<TaskRow> {
    const { instanceId } = await openTask(taskId);
    await steps.writeBeside(instanceId, async (batch, instance) => {
      const task = await openTask(taskId);
      check(task);
      batch.tasks.update(taskId, { status: 'open', assignee: task.assignee }, patch);
      batch.history.append([
        { instanceId, definitionId: instance.definitionId, definitionVersion: instance.definitionVersion, type, elementId: task.elementId, elementType: 'bpmn:UserTask', executionId: task.executionId, actor, at: now(), data: data(task) },
      ]);
    });
    return (await store.tasks.get(taskId))!;
  }

  return {
    async start({ key, businessKey = null, variables, actor, provider = deps.defaultProvider ?? 'default' }) {
      checkBusinessKey(businessKey);
      checkProvider(provider);
      const vars = checkVariables(variables, 'variables');
      const definition = await definitions.effective(key);
      checkApplication(await boundForm(deps.forms, definition, (await definitions.compiled(definition)).applicationForm), vars);
      const duplicate = () => new ConflictError(`a running case of "${key}" is already numbered "${businessKey}": a business key names one running case of a definition`, { field: 'businessKey', businessKey, definitionKey: key });
      if (businessKey !== null && (await store.instances.runningWithBusinessKey(definition.key, businessKey))) throw duplicate();
      const started = await launch(definition, vars, { businessKey, provider }, actor, null, 0);
      try {
        await persistLaunched(started, actor);
      } catch (err) {
        // Two starts of the same number at once: the index lets one in; the other is told which.
        if (isDuplicateRunningBusinessKey(err)) throw duplicate();
        throw err;
      }
      return detailsFrom(started.row, started.outcome.variables);
    },

    details: detailsOf,

    async recordEvent(instanceId, type, actor, data) {
      await steps.writeBeside(instanceId, async (batch, instance) => {
        batch.history.append([{ instanceId, definitionId: instance.definitionId, definitionVersion: instance.definitionVersion, type, elementId: null, elementType: null, executionId: null, actor, at: now(), data }]);
      });
    },

    async taskVariables(task) {
      const { instance, compiled, variables } = await read(task.instanceId);
      return variablesSeenBy(compiled, task.elementId, task.executionId, () => instance.state, variables);
    },

    async claimTask(taskId, user, by = { actor: user, reassign: false }) {
      return changeTask(
        taskId,
        (task) => {
          if (task.assignee && task.assignee !== user && !by.reassign) throw new ConflictError(`task ${taskId} is already claimed by ${task.assignee}`, { taskId, assignee: task.assignee });
        },
        { assignee: user, claimedAt: now() },
        'task.claimed',
        by.actor,
        (task) => ({ assignee: user, ...(task.assignee && task.assignee !== user && { previousAssignee: task.assignee }) })
      );
    },

    async unclaimTask(taskId, actor, options = { reassign: false }) {
      return changeTask(
        taskId,
        (task) => {
          if (task.assignee && task.assignee !== actor && !options.reassign) throw new ForbiddenError(`task ${taskId} is claimed by ${task.assignee}; only they, a head or an admin give it back`, { taskId, assignee: task.assignee });
        },
        { assignee: null, claimedAt: null },
        'task.unclaimed',
        actor,
        (task) => ({ previousAssignee: task.assignee })
      );
    },

    /** A task with a form accepts only what the form allows; read-only fields come from the state, not the clerk. */
    async completeTask(taskId, variables, actor) {
      const vars = checkVariables(variables, 'variables');
      const task = await openTask(taskId);
      if (task.assignee && task.assignee !== actor) throw new ForbiddenError(`task ${taskId} is claimed by ${task.assignee}; it is theirs to complete until it is given back or reassigned`, { taskId, assignee: task.assignee });
      const loaded = await prepare(task.instanceId, task.executionId);
      // The form as the case's diagram version bound it when deployed, whatever was deployed since.
      const form = await boundForm(deps.forms, loaded.definition, task.formKey);
      const { row, variables: after } = await advance(
        loaded,
        actor,
        (tracker) => {
          const api = tracker.waitingIn(task.executionId);
          if (!api) throw new ConflictError(`task ${taskId} is no longer waiting`, { taskId });
          checkTaskForm(form, vars, api.environment.variables);
          tracker.finish(api, vars);
        },
        (batch) => {
          // Guarded: a task completed meanwhile fails the commit, and the step is decided again.
          batch.tasks.update(taskId, { status: 'open', assignee: task.assignee }, { status: 'completed', endedAt: now(), completedBy: actor });
          return [{ type: 'task.completed', elementId: task.elementId, elementType: 'bpmn:UserTask', executionId: task.executionId, data: { taskId, variables: vars } }];
        }
      );
      return detailsFrom(row, after);
    },

    async correlateMessage(name, businessKey, variables, actor) {
      checkBusinessKey(businessKey);
      const vars = checkVariables(variables, 'variables');
      const subs = await store.subscriptions.waitingFor('message', name, businessKey);
      const instanceIds = [...new Set(subs.map((s) => s.instanceId))];
      if (instanceIds.length === 0) {
        throw new NotFoundError(`no running instance${businessKey ? ` with business key "${businessKey}"` : ''} waits for message "${name}"`, { name, businessKey });
      }
      if (instanceIds.length > 1) throw new ConflictError(`message "${name}" matches ${instanceIds.length} instances; give a businessKey`, { instanceIds });
      const { row, variables: after } = await advance(
        await prepare(instanceIds[0]!),
        actor,
        (tracker) => {
          const waiting = [...tracker.catches.values()].filter((c) => c.kind === 'message' && c.name === name);
          if (waiting.length === 0) throw new ConflictError(`the instance no longer waits for message "${name}"`, { name });
          for (const m of waiting) setVariables(m.api, vars);
          const messageId = waiting[0]!.api.content.message.id as string;
          waiting[0]!.api.signal({ id: messageId, ...vars });
        },
        () => [{ type: 'message.correlated', elementId: null, elementType: null, executionId: null, data: { name, businessKey, variables: vars } }]
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
            await prepare(instanceId),
            actor,
            (tracker) => {
              for (const c of tracker.catches.values()) {
                if (c.kind !== 'signal' || c.name !== name) continue;
                setVariables(c.api, vars);
                c.api.signal(vars);
                caught = true;
              }
            },
            () => (caught ? [{ type: 'signal.received', elementId: null, elementType: null, executionId: null, data: { name, variables: vars } }] : [])
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
      const { instance } = await read(instanceId);
      if (instance.status !== 'running') throw new ConflictError(`instance ${instanceId} is ${instance.status}`, { instanceId });
      if (instance.parentInstanceId) {
        const parent = await store.instances.get(instance.parentInstanceId);
        if (parent?.status === 'running') {
          throw new ConflictError(`instance ${instanceId} was started by call activity ${instance.parentElementId} of instance ${parent.id}; cancel that instance instead`, { instanceId, parentInstanceId: parent.id });
        }
      }
      const batch = store.batch();
      const { canceled } = await recordEnd(store, batch, instance, actor, now());
      try {
        await batch.commit();
      } catch (err) {
        if (err instanceof StaleWriteError) throw new ConflictError(`instance ${instanceId} changed meanwhile; try again`, { instanceId });
        throw err;
      }
      steps.forget(canceled);
      return detailsOf(instanceId);
    },

    async setInstanceVariables(instanceId, variables, actor) {
      const vars = checkVariables(variables, 'variables');
      if (Object.keys(vars).length === 0) throw new ValidationError('variables: name at least one variable to set', { field: 'variables' });
      const { row, variables: after } = await advance(
        await prepare(instanceId),
        actor,
        (_tracker, _instance, engine) => setProcessVariables(engine, vars),
        () => [{ type: 'variables.set', elementId: null, elementType: null, executionId: null, data: { variables: vars } }]
      );
      return detailsFrom(row, after);
    },

    ...jobSteps,
  };

}
