import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError } from '../../errors/index.js';
import { StaleWriteError, storageFault, type Batch, type InstanceRow, type JobRow } from '../../store/index.js';
import type { CompiledDefinition } from '../definitions/index.js';
import { BpmnError } from '../services/index.js';
import { businessRuleHandler, businessRuleOf } from '../services/businessRuleTask.js';
import { mapVariables } from './calls.js';
import { retryPolicy } from './retries.js';
import { variablesSeenBy } from './scopes.js';
import { StepFailedError, variablesOf } from './session.js';
import { recordEnd, uncaughtErrorMessage } from './persist.js';
import type { ThrownError } from '../behaviours/ScopedErrorEventDefinition.js';
import type { RuntimeDeps } from './ports.js';
import type { Loaded, Steps } from './steps.js';
import type { StepEvent, StepTracker } from './tracker.js';
import { checkVariables, setVariables } from './variables.js';

/** How many times a service job's own writes (ServiceInput.write) are decided again after losing a race, before the job waits for its lock to expire. */
const maxDecisionRounds = 100;

export interface JobSteps {
  /** Job executor: fire a due timer. */
  fireTimer(job: JobRow): Promise<void>;
  /** Job executor: call a service handler and advance, retry later, or raise an incident. */
  runServiceJob(job: JobRow): Promise<void>;
  /** Job executor: a called instance ended; its caller's call activity continues. */
  returnFromCall(job: JobRow): Promise<void>;
  /** An admin retries an incident: its job runs again from its first attempt. */
  retryIncident(incidentId: string, actor: string): Promise<void>;
}

/**
 * What the job executor asks of the runtime — fire a timer, run a service job (retried with
 * backoff, then an incident), return from a call — and an admin's retry of an incident.
 */
export function createJobSteps(deps: RuntimeDeps, steps: Steps): JobSteps {
  const { store, clock, services } = deps;
  const { now, prepare, advance } = steps;

  return {
    async fireTimer(job) {
      const fired = await jobStep(job, 'timer', (tracker) => {
        const timer = tracker.timers.get(job.executionId);
        timer?.fire();
        return timer !== undefined;
      });
      if (fired) deps.log?.info({ event: 'timer.fired', jobId: job.id, instanceId: job.instanceId, elementId: job.elementId, dueAt: job.dueAt, firedAt: now() }, 'timer fired');
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
      const loaded = await prepare(job.instanceId, job.executionId);
      const { compiled } = loaded;
      const child = await store.instances.calledAt(job.instanceId, job.executionId);
      if (child?.status === 'failed') return returnError(job, loaded, child);
      const spec = compiled.calls.get(job.elementId);
      const vars = child && spec ? mapVariables(spec.outputs, variablesOf(JSON.parse(child.state))) : {};
      await jobStep(
        job,
        'call',
        (tracker) => {
          const api = tracker.waitingIn(job.executionId);
          if (api) tracker.finish(api, vars);
          return api !== undefined;
        },
        [{ type: 'call.returned', elementId: job.elementId, elementType: 'bpmn:CallActivity', executionId: job.executionId, data: { instanceId: child?.id, variables: vars } }],
        loaded
      );
    },

    async retryIncident(incidentId, actor) {
      const openIncident = async () => {
        const incident = await store.incidents.get(incidentId);
        if (!incident) throw new NotFoundError(`no incident with id "${incidentId}"`, { incidentId });
        if (incident.status !== 'open') throw new ConflictError(`incident ${incidentId} is already ${incident.status}`, { incidentId });
        if (incident.kind === 'error') {
          throw new ConflictError(`incident ${incidentId} is a BPMN error that the diagram does not catch: running it again throws the same error. Cancel the instance, or deploy a version that catches it for new cases`, { incidentId });
        }
        return incident;
      };
      const { instanceId } = await openIncident();
      // With the instance row, under its revision (see writeBeside): a retry resolved meanwhile is read again and refused.
      await steps.writeBeside(instanceId, async (batch, instance) => {
        const incident = await openIncident();
        const at = now();
        batch.incidents.resolve(incidentId, at);
        batch.jobs.update(incident.jobId, { status: 'waiting', attempts: 0, dueAt: at, lockOwner: null, lockExpiresAt: null });
        batch.history.append([
          { instanceId: instance.id, definitionId: instance.definitionId, definitionVersion: instance.definitionVersion, type: 'incident.resolved', elementId: incident.elementId, elementType: null, executionId: null, actor, at, data: { incidentId } },
        ]);
      });
      deps.jobs?.wake();
    },
  };

  /**
   * A service job whose handler added writes of its own (ServiceInput.write) decided them on what it
   * read before the step; when the step's batch finds a row changed meanwhile, nothing of it was
   * written and the handler decides again on what is stored now.
   */
  async function serviceJob(job: JobRow) {
    for (let round = 1; round <= maxDecisionRounds; round++) {
      try {
        return await serviceJobOnce(job);
      } catch (err) {
        if (!(err instanceof StaleWriteError)) throw err;
      }
    }
    throw new ConflictError(`${job.topic}: the step lost ${maxDecisionRounds} races in a row for the rows it writes; the job runs again when its lock expires`, { instanceId: job.instanceId });
  }

  async function serviceJobOnce(job: JobRow) {
    const loaded = await prepare(job.instanceId, job.executionId);
    const { instance, compiled } = loaded;
    if (instance.status !== 'running') return store.jobs.update(job.id, { status: 'canceled', lockOwner: null, lockExpiresAt: null });
    const rule = businessRuleOf(compiled.elements.get(job.elementId));
    const handler = rule && deps.decisions ? businessRuleHandler(deps.decisions, rule, instance.startedAt) : services.get(job.topic!);
    const attempt = job.attempts + 1;
    let output: Record<string, unknown> | void = undefined;
    let failure: Error | undefined;
    // History the handler reports (a document it made): written by the step that completes the task.
    const reported: StepEvent[] = [];
    // Writes the handler adds to the step (a waiting-list number): in the same batch, or not at all.
    const written: Array<(batch: Batch) => void> = [];
    try {
      if (!handler) throw new Error(`no service handler is registered for topic "${job.topic}"`);
      output = await handler({
        instanceId: instance.id,
        businessKey: instance.businessKey,
        elementId: job.elementId,
        topic: job.topic!,
        variables: variablesSeenBy(compiled, job.elementId, job.executionId, () => instance.state, loaded.variables),
        attempt,
        idempotencyKey: `${instance.id}:${job.executionId}`,
        record: (event) => void reported.push({ elementId: job.elementId, elementType: rule ? 'bpmn:BusinessRuleTask' : 'bpmn:ServiceTask', executionId: job.executionId, ...event }),
        write: (writes) => void written.push(writes),
      });
    } catch (err) {
      failure = err as Error;
    }

    // The database failed under the handler (it reads the store): not the handler's attempt to count; the executor runs it again.
    if (failure && storageFault(failure)) throw failure;
    // A decision fails the same way on the same variables (a UNIQUE table matching two rules): no retry.
    if (failure && rule) return raiseIncident(job, 'service', namedByTopic(job, failure.message), attempt);
    if (failure && !(failure instanceof BpmnError)) return recordFailure(job, compiled, attempt, failure);
    const bpmnError = failure as BpmnError | undefined;
    if (bpmnError && !compiled.catchesError(job.elementId, bpmnError.code)) {
      return uncaughtError(job, loaded, { code: bpmnError.code, name: bpmnError.message }, `service:${job.topic}`, 'service', attempt);
    }
    let vars: Record<string, unknown>;
    try {
      vars = output ? checkVariables(output, 'output') : {};
    } catch (err) {
      return raiseIncident(job, 'service', namedByTopic(job, (err as Error).message), attempt);
    }
    let answered = false;
    await advance(
      loaded,
      `service:${job.topic}`,
      (tracker) => {
        const api = tracker.waitingIn(job.executionId);
        answered = api !== undefined;
        if (!api) return;
        if (bpmnError) return api.sendApiMessage('error', { message: bpmnError.message, code: bpmnError.code });
        tracker.finish(api, vars);
      },
      (batch) => {
        // A wait another run of this job answered already (this run's lock expired while it ran, or
        // it was handed to two nodes) has its handler's writes and history from that run: this run
        // records nothing, or the case's history would show the service completed twice.
        batch.jobs.update(job.id, { status: 'done', attempts: attempt, lockOwner: null, lockExpiresAt: null });
        if (!answered) return [];
        for (const writes of written) writes(batch);
        return [...reported, { type: 'service.completed', elementId: job.elementId, elementType: 'bpmn:ServiceTask', executionId: job.executionId, data: bpmnError ? { topic: job.topic, bpmnError: bpmnError.code } : { topic: job.topic, output: vars } }];
      },
      { decidedBeforeTheStep: written.length > 0 }
    );
  }

  /**
   * A timer or call-return job's step: `act` continues the wait if it is still there. A job whose
   * wait is gone, or whose instance ended, is canceled; a model that fails raises an incident.
   */
  async function jobStep(job: JobRow, actor: string, act: (tracker: StepTracker) => boolean, events: StepEvent[] = [], loaded?: Loaded): Promise<boolean> {
    let acted = false;
    try {
      loaded ??= await prepare(job.instanceId, job.executionId);
      await advance(
        loaded,
        actor,
        (tracker) => {
          acted = act(tracker);
        },
        (batch) => {
          batch.jobs.update(job.id, { status: acted ? 'done' : 'canceled', attempts: job.attempts + 1, lockOwner: null, lockExpiresAt: null });
          return acted ? events : [];
        }
      );
      return acted;
    } catch (err) {
      if (err instanceof ConflictError) await store.jobs.update(job.id, { status: 'canceled', lockOwner: null, lockExpiresAt: null });
      else if (err instanceof StepFailedError) await raiseIncident(job, 'engine', err.message, job.attempts + 1);
      else throw err;
      return false;
    }
  }

  /**
   * A called instance failed with an error: its call activity catches it, or it goes on up. A
   * caught error brings the called instance's variables through the call activity's `camunda:out`
   * mappings, as a completion does, so the boundary path reads why (a reasoned refusal's grounds);
   * an error that goes on up maps nothing.
   */
  async function returnError(job: JobRow, loaded: Loaded, child: InstanceRow) {
    const failed = (await store.history.byInstance(child.id)).reverse().find((h: { type: string }) => h.type === 'instance.failed');
    const error = ((failed?.data as { error?: ThrownError } | null)?.error ?? {}) as ThrownError;
    if (!loaded.compiled.catchesError(job.elementId, error.code)) {
      const returned: StepEvent = { type: 'call.returned', elementId: job.elementId, elementType: 'bpmn:CallActivity', executionId: job.executionId, data: { instanceId: child.id, error } };
      return uncaughtError(job, loaded, error, 'call', 'error', 1, [returned]);
    }
    const spec = loaded.compiled.calls.get(job.elementId);
    const vars = spec ? mapVariables(spec.outputs, variablesOf(JSON.parse(child.state))) : {};
    const returned: StepEvent = { type: 'call.returned', elementId: job.elementId, elementType: 'bpmn:CallActivity', executionId: job.executionId, data: { instanceId: child.id, error, variables: vars } };
    await jobStep(
      job,
      'call',
      (tracker) => {
        const api = tracker.waitingIn(job.executionId);
        if (api) setVariables(api, vars);
        api?.sendApiMessage('error', { message: error.name ?? error.code ?? 'BPMN error', code: error.code });
        return api !== undefined;
      },
      [returned],
      loaded
    );
  }

  /**
   * A BPMN error raised at a job's element that nothing in its definition catches: an instance a
   * call activity started fails and hands the error to that call activity; any other raises an
   * incident, and the element stays where it is.
   */
  async function uncaughtError(job: JobRow, loaded: Loaded, error: ThrownError, actor: string, kind: 'service' | 'error', attempts: number, events: StepEvent[] = []) {
    const { instance, definition } = loaded;
    const message = uncaughtErrorMessage(job.elementId, error);
    if (!instance.parentInstanceId) return raiseIncident(job, kind, message, attempts);
    const at = now();
    const batch = store.batch();
    batch.jobs.update(job.id, { status: 'done', attempts, lastError: message, lockOwner: null, lockExpiresAt: null });
    const before = events.map((e) => ({ instanceId: instance.id, definitionId: definition.id, definitionVersion: definition.version, actor, at, ...e }));
    const { canceled, jobs } = await recordEnd(store, batch, instance, actor, at, { status: 'failed', state: instance.state, isNew: false, error: { ...error, elementId: job.elementId } }, before);
    try {
      await batch.commit();
    } catch (err) {
      // Someone else moved the instance meanwhile: the job is decided again from what they wrote.
      if (err instanceof StaleWriteError) return store.jobs.update(job.id, { lockOwner: null, lockExpiresAt: null });
      throw err;
    }
    steps.forget(canceled);
    if (jobs.length) deps.jobs?.accept(jobs);
  }

  async function recordFailure(job: JobRow, compiled: CompiledDefinition, attempt: number, error: Error) {
    const policy = retryPolicy(compiled, job.elementId);
    const message = error.message || String(error);
    const at = clock.now();
    if (attempt < job.maxAttempts) {
      const due = new Date(at.getTime() + policy.delayMs(attempt));
      await store.jobs.update(job.id, { attempts: attempt, lastError: message, dueAt: due.toISOString(), lockOwner: null, lockExpiresAt: null });
      deps.log?.warn({ event: 'job.retry', jobId: job.id, instanceId: job.instanceId, elementId: job.elementId, topic: job.topic, attempt, maxAttempts: job.maxAttempts, retryAt: due.toISOString(), error: message }, 'job failed, retried later');
      return;
    }
    await raiseIncident(job, 'service', namedByTopic(job, message), attempt);
  }

  /** The job stops; an admin sees the incident and retries it once the cause is fixed. */
  async function raiseIncident(job: JobRow, kind: 'service' | 'engine' | 'error', message: string, attempts: number) {
    const incidentId = await steps.writeBeside(job.instanceId, async (batch, instance) => {
      const at = now();
      const incidentId = randomUUID();
      batch.jobs.update(job.id, { status: 'failed', attempts, lastError: message, lockOwner: null, lockExpiresAt: null });
      batch.incidents.insert({ id: incidentId, instanceId: job.instanceId, jobId: job.id, elementId: job.elementId, kind, message, status: 'open', createdAt: at, resolvedAt: null });
      batch.history.append([
        { instanceId: job.instanceId, definitionId: instance.definitionId, definitionVersion: instance.definitionVersion, type: 'incident.raised', elementId: job.elementId, elementType: null, executionId: job.executionId, actor: 'jobs', at, data: { incidentId, kind, topic: job.topic, attempts, error: message } },
      ]);
      return incidentId;
    });
    deps.log?.error({ event: 'incident.raised', incidentId, jobId: job.id, instanceId: job.instanceId, elementId: job.elementId, kind, topic: job.topic, attempts, error: message }, 'incident raised');
  }
}

/**
 * A service incident's message names its handler once: `gateway.verifyEds: the process has no
 * variable "certificateSerial"`. A handler of someone else's that already names itself is not
 * named twice.
 */
function namedByTopic(job: JobRow, message: string): string {
  return message.startsWith(`${job.topic}: `) ? message : `${job.topic}: ${message}`;
}
