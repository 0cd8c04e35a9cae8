import { randomUUID } from 'node:crypto';
import type { DefinitionRow, HistoryEvent, InstanceRow, Repositories, TaskRow } from '../../store/index.js';
import type { StepOutcome } from './session.js';
import type { ActivityApi, StepEvent } from './tracker.js';

/** Thrown inside a persist transaction when another writer advanced the instance first. */
export class RevisionConflict extends Error {}

export interface TaskAttributes {
  name: string | null;
  assignee: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  formKey: string | null;
  dueAt: string | null;
}

export interface PersistContext {
  tx: Repositories;
  instance: Pick<InstanceRow, 'id' | 'revision'> & { isNew: boolean };
  definition: DefinitionRow;
  outcome: StepOutcome;
  actor: string;
  now: string;
  /** Reads a waiting user task's attributes (candidate groups, due date, …) for its row. */
  taskAttributes(api: ActivityApi): TaskAttributes;
  /** Retry policy of a service task: attempts allowed. */
  maxAttempts(elementId: string): number;
  /** Extra history events of the action itself (e.g. task.completed), placed before the run's own. */
  events?: StepEvent[];
}

/**
 * Writes one step: the engine state (guarded by the revision read), then brings task, job and
 * subscription rows in line with the waits the engine reported, and appends history.
 */
export async function persistStep(ctx: PersistContext): Promise<{ createdJobs: number }> {
  const { tx, instance, outcome, now } = ctx;
  const status = outcome.completed ? 'completed' : 'running';
  if (!instance.isNew) {
    const written = await tx.instances.update(instance.id, instance.revision, {
      state: outcome.state,
      status,
      endedAt: outcome.completed ? now : null,
    });
    if (!written) throw new RevisionConflict();
  }

  const events: StepEvent[] = [...(ctx.events ?? []), ...outcome.tracker.events];
  const { tracker } = outcome;

  // User tasks
  const openTasks = await tx.tasks.openByInstance(instance.id);
  for (const task of openTasks) {
    if (tracker.userTasks.has(task.executionId)) continue;
    await tx.tasks.update(task.id, { status: 'open' }, { status: 'canceled', endedAt: now });
    events.push({ type: 'task.canceled', elementId: task.elementId, elementType: 'bpmn:UserTask', executionId: task.executionId, data: { taskId: task.id } });
  }
  for (const [executionId, api] of tracker.userTasks) {
    const row: TaskRow = {
      id: randomUUID(),
      instanceId: instance.id,
      executionId,
      elementId: api.id,
      status: 'open',
      createdAt: now,
      claimedAt: null,
      endedAt: null,
      completedBy: null,
      ...ctx.taskAttributes(api),
    };
    if (await tx.tasks.insertIfNew(row)) {
      events.push({ type: 'task.created', elementId: api.id, elementType: api.type, executionId, data: { taskId: row.id, candidateGroups: row.candidateGroups, dueAt: row.dueAt } });
    }
  }

  // Jobs: timers and service calls
  let createdJobs = 0;
  const waitingJobs = await tx.jobs.waitingByInstance(instance.id);
  for (const job of waitingJobs) {
    const live = job.kind === 'timer' ? tracker.timers.has(job.executionId) : tracker.services.has(job.executionId);
    if (live) continue;
    const done = job.kind === 'timer' ? tracker.firedTimers.has(job.executionId) : false;
    await tx.jobs.update(job.id, { status: done ? 'done' : 'canceled', lockOwner: null, lockExpiresAt: null });
  }
  for (const [executionId, timer] of tracker.timers) {
    const inserted = await tx.jobs.insertIfNew({
      id: randomUUID(),
      instanceId: instance.id,
      executionId,
      elementId: timer.elementId,
      kind: 'timer',
      topic: null,
      status: 'waiting',
      dueAt: timer.expireAt.toISOString(),
      lockOwner: null,
      lockExpiresAt: null,
      attempts: 0,
      maxAttempts: 1,
      lastError: null,
      createdAt: now,
    });
    if (inserted) createdJobs++;
  }
  for (const [executionId, api] of tracker.services) {
    const inserted = await tx.jobs.insertIfNew({
      id: randomUUID(),
      instanceId: instance.id,
      executionId,
      elementId: api.id,
      kind: 'service',
      topic: String(api.owner.behaviour.topic),
      status: 'waiting',
      dueAt: now,
      lockOwner: null,
      lockExpiresAt: null,
      attempts: 0,
      maxAttempts: ctx.maxAttempts(api.id),
      lastError: null,
      createdAt: now,
    });
    if (inserted) createdJobs++;
  }

  // Message subscriptions
  for (const sub of await tx.subscriptions.waitingByInstance(instance.id)) {
    if (!tracker.messages.has(sub.executionId)) await tx.subscriptions.update(sub.id, { status: 'done' });
  }
  for (const [executionId, { api, messageName }] of tracker.messages) {
    await tx.subscriptions.insertIfNew({ id: randomUUID(), instanceId: instance.id, executionId, elementId: api.id, messageName, status: 'waiting', createdAt: now });
  }

  if (outcome.completed) events.push({ type: 'instance.ended', elementId: null, elementType: null, executionId: null, data: null });
  await tx.history.append(events.map((e) => historyRow(ctx, e)));
  return { createdJobs };
}

function historyRow(ctx: PersistContext, e: StepEvent): HistoryEvent {
  return {
    instanceId: ctx.instance.id,
    definitionId: ctx.definition.id,
    definitionVersion: ctx.definition.version,
    actor: ctx.actor,
    at: ctx.now,
    ...e,
  };
}
