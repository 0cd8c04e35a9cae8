import { randomUUID } from 'node:crypto';
import type { DefinitionRow, HistoryEvent, InstanceRow, JobRow, Repositories, TaskRow } from '../../store/index.js';
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

  // Waits are re-announced on every resume, so rows already open for an execution are kept as they
  // are; open rows whose wait is gone are closed; waits without a row get one.
  const [openTasks, waitingJobs, waitingSubs] = await Promise.all([
    tx.tasks.openByInstance(instance.id),
    tx.jobs.waitingByInstance(instance.id),
    tx.subscriptions.waitingByInstance(instance.id),
  ]);

  // User tasks
  for (const task of openTasks) {
    if (tracker.userTasks.has(task.executionId)) continue;
    await tx.tasks.update(task.id, { status: 'open' }, { status: 'canceled', endedAt: now });
    events.push({ type: 'task.canceled', elementId: task.elementId, elementType: 'bpmn:UserTask', executionId: task.executionId, data: { taskId: task.id } });
  }
  const knownTasks = new Set(openTasks.map((t) => t.executionId));
  const newTasks: TaskRow[] = [];
  for (const [executionId, api] of tracker.userTasks) {
    if (knownTasks.has(executionId)) continue;
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
    newTasks.push(row);
    events.push({ type: 'task.created', elementId: api.id, elementType: api.type, executionId, data: { taskId: row.id, candidateGroups: row.candidateGroups, dueAt: row.dueAt } });
  }
  await tx.tasks.insertMany(newTasks);

  // Jobs: timers and service calls
  for (const job of waitingJobs) {
    const live = job.kind === 'timer' ? tracker.timers.has(job.executionId) : tracker.services.has(job.executionId);
    if (live) continue;
    const done = job.kind === 'timer' ? tracker.firedTimers.has(job.executionId) : false;
    await tx.jobs.update(job.id, { status: done ? 'done' : 'canceled', lockOwner: null, lockExpiresAt: null });
  }
  const knownJobs = new Set(waitingJobs.map((j) => j.executionId));
  const job = (executionId: string, elementId: string, fields: Pick<JobRow, 'kind' | 'topic' | 'dueAt' | 'maxAttempts'>): JobRow => ({
    id: randomUUID(),
    instanceId: instance.id,
    executionId,
    elementId,
    status: 'waiting',
    lockOwner: null,
    lockExpiresAt: null,
    attempts: 0,
    lastError: null,
    createdAt: now,
    ...fields,
  });
  const newJobs: JobRow[] = [];
  for (const [executionId, timer] of tracker.timers) {
    if (!knownJobs.has(executionId)) newJobs.push(job(executionId, timer.elementId, { kind: 'timer', topic: null, dueAt: timer.expireAt.toISOString(), maxAttempts: 1 }));
  }
  for (const [executionId, api] of tracker.services) {
    if (!knownJobs.has(executionId)) newJobs.push(job(executionId, api.id, { kind: 'service', topic: String(api.owner.behaviour.topic), dueAt: now, maxAttempts: ctx.maxAttempts(api.id) }));
  }
  await tx.jobs.insertMany(newJobs);

  // Message subscriptions
  for (const sub of waitingSubs) {
    if (!tracker.messages.has(sub.executionId)) await tx.subscriptions.update(sub.id, { status: 'done' });
  }
  const knownSubs = new Set(waitingSubs.map((s) => s.executionId));
  await tx.subscriptions.insertMany(
    [...tracker.messages]
      .filter(([executionId]) => !knownSubs.has(executionId))
      .map(([executionId, { api, messageName }]) => ({ id: randomUUID(), instanceId: instance.id, executionId, elementId: api.id, messageName, status: 'waiting' as const, createdAt: now }))
  );

  if (outcome.completed) events.push({ type: 'instance.ended', elementId: null, elementType: null, executionId: null, data: null });
  await tx.history.append(events.map((e) => historyRow(ctx, e)));
  return { createdJobs: newJobs.length };
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
