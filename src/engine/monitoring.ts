import type { Clock } from '../clock/index.js';
import type { GatewayClient, MonitoringEntry } from '../gateway/index.js';
import type { EventLog } from '../log/index.js';
import type { InstanceRow, JobRow, Store } from '../store/index.js';
import type { StepEvent } from './runtime/tracker.js';

/**
 * The stages of a case entered into the information system for monitoring the provision of public
 * services (seed 000 para 11, seed 002 para 11, under art. 5 para 2 subpara 11 of the Law "On
 * public services", which binds every provider: every case is posted). The acts leave the manner to
 * the authorized body in informatization and publish no interface; the entry (`MonitoringEntry` in
 * src/gateway) and `POST /monitoring/stages` are Qyzmet's own.
 *
 * Durable and exactly once: a step that reaches a stage writes a job of kind `monitoring` in its
 * own batch (so the stage is recorded with the step, or neither is), one per stage, its execution
 * id `monitoring:<revision>.<0 launch | 1 step>.<n>` ordering the stages of an instance. The job
 * executor hands each to `send`, which posts every earlier undelivered stage of the instance first,
 * in order, with the job's id as the Idempotency-Key — so a repeat (a node that died after posting,
 * two nodes on one instance) is entered once. A failure leaves the stage waiting, retried after
 * 10 s, doubling up to an hour, never dropped; the stages after it wait for it. Ending or canceling
 * a case cancels its other waits, never these.
 *
 * Stages: `registered` (the case accepted and registered: its start; or the stage the process's
 * `monitoring.startStage` names, `complaintReceived` for a complaint), `stepTakenUp` (a step began: its user task was created, in the case or in a process
 * it called, under the case's number), `resultIssued` (the result or the reasoned refusal went out:
 * the element marked `resultIssued`, or the end of a case that marks none; `elementId` says which).
 */
export type MonitoringStage = MonitoringEntry['stage'];

/** The stages one step reached, in order: what persist writes as `monitoring` jobs. */
export function monitoringStages(step: {
  instance: Pick<InstanceRow, 'parentInstanceId'>;
  events: readonly StepEvent[];
  /** What a top-level case's start posts: the process's `monitoring.startStage` (`registered` by default). */
  startStage: MonitoringStage;
  /** The step issued the case's result (its resultAt was set by this step). */
  resultIssued: boolean;
  issuesResult(elementId: string): boolean;
}): { stage: MonitoringStage; elementId: string | null }[] {
  const out: { stage: MonitoringStage; elementId: string | null }[] = [];
  const topLevel = step.instance.parentInstanceId === null;
  for (const e of step.events) {
    if (e.type === 'instance.started' && topLevel) out.push({ stage: step.startStage, elementId: null });
    else if (e.type === 'task.created') out.push({ stage: 'stepTakenUp', elementId: e.elementId });
  }
  if (step.resultIssued && topLevel) {
    const latestFirst = step.events.filter((e) => e.type === 'activity.entered' && e.elementId).reverse();
    const result = latestFirst.find((e) => step.issuesResult(e.elementId!)) ?? latestFirst.find((e) => e.elementType === 'bpmn:EndEvent');
    out.push({ stage: 'resultIssued', elementId: result?.elementId ?? null });
  }
  return out;
}

/** The execution id of a stage's job: sorts as the stages happened within the instance. */
export function monitoringExecutionId(revision: number, launch: boolean, index: number): string {
  return `monitoring:${String(revision).padStart(10, '0')}.${launch ? 0 : 1}.${String(index).padStart(4, '0')}`;
}

export interface MonitoringSender {
  /** Posts the job's stage, and every earlier undelivered one of its instance first; never throws. */
  send(job: JobRow): Promise<void>;
}

const firstRetryMs = 10_000;
const lastRetryMs = 3_600_000;

export function createMonitoringSender(deps: { store: Store; gateway: GatewayClient; clock: Clock; log?: EventLog }): MonitoringSender {
  const { store, gateway, clock, log } = deps;
  // One delivery per instance at a time on this node, so its stages go out in order and once.
  const running = new Map<string, Promise<void>>();

  async function deliver(job: JobRow) {
    const pending = (await store.jobs.listByInstance(job.instanceId)).filter((j) => j.kind === 'monitoring' && j.status === 'waiting' && j.executionId <= job.executionId).sort((a, b) => a.executionId.localeCompare(b.executionId));
    if (!pending.length) return;
    // An earlier stage waiting out its retry: this one waits with it rather than post it early.
    const first = pending[0]!;
    if (first.id !== job.id && first.dueAt > clock.now().toISOString()) {
      await store.jobs.update(job.id, { dueAt: first.dueAt, lockOwner: null, lockExpiresAt: null });
      return;
    }
    const instance = await store.instances.get(job.instanceId);
    if (!instance) return;
    for (const stage of pending) {
      try {
        await gateway.monitorStage(entryOf(instance, stage), stage.id);
      } catch (err) {
        const attempts = stage.attempts + 1;
        const retryAt = new Date(clock.now().getTime() + Math.min(firstRetryMs * 2 ** (attempts - 1), lastRetryMs)).toISOString();
        const message = (err as Error).message;
        await store.jobs.update(stage.id, { attempts, lastError: message, dueAt: retryAt, lockOwner: null, lockExpiresAt: null });
        // The stages after it wait for it, so that the system receives them in order.
        if (stage.id !== job.id) await store.jobs.update(job.id, { dueAt: retryAt, lockOwner: null, lockExpiresAt: null });
        log?.warn({ event: 'monitoring.retry', jobId: stage.id, instanceId: job.instanceId, stage: stage.topic, attempt: attempts, retryAt, error: message }, 'monitoring entry not taken; tried again later');
        return;
      }
      await store.jobs.update(stage.id, { status: 'done', attempts: stage.attempts + 1, lastError: null, lockOwner: null, lockExpiresAt: null });
    }
  }

  return {
    send(job) {
      const before = running.get(job.instanceId) ?? Promise.resolve();
      const mine = before.then(() => deliver(job)).catch((err: Error) => log?.error({ event: 'monitoring.failed', jobId: job.id, instanceId: job.instanceId, error: err.message }, 'monitoring delivery failed; its job is tried again when its lock expires'));
      running.set(job.instanceId, mine);
      void mine.finally(() => {
        if (running.get(job.instanceId) === mine) running.delete(job.instanceId);
      });
      return mine;
    },
  };
}

// helpers

function entryOf(instance: InstanceRow, job: JobRow): MonitoringEntry {
  return {
    caseNumber: instance.businessKey ?? instance.id,
    instanceId: instance.id,
    service: instance.definitionKey,
    provider: instance.provider,
    stage: job.topic as MonitoringStage,
    elementId: job.elementId || null,
    at: job.createdAt,
  };
}
