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

/** What persisting needs to know of a definition version beyond its row. */
export interface DefinitionRules {
  /** Reads a waiting user task's attributes (candidate groups, due date, …) for its row. */
  taskAttributes(api: ActivityApi): TaskAttributes;
  /** Retry policy of a service task: attempts allowed. */
  maxAttempts(elementId: string): number;
  /** Whether its call activities start instances of other definitions (whose rows then need reconciling). */
  callsOut: boolean;
}

/** A new instance ready to be written: its first run, and the instances its call activities started. */
export interface Launch {
  row: InstanceRow;
  definition: DefinitionRow;
  rules: DefinitionRules;
  outcome: StepOutcome;
  variables: Record<string, unknown>;
  children: Launch[];
}

type InstanceRef = Pick<InstanceRow, 'id' | 'revision' | 'parentInstanceId' | 'parentExecutionId' | 'parentElementId'>;

export interface PersistContext {
  tx: Repositories;
  instance: InstanceRef & { isNew: boolean };
  definition: DefinitionRow;
  rules: DefinitionRules;
  outcome: StepOutcome;
  actor: string;
  now: string;
  /** Extra history events of the action itself (e.g. task.completed), placed before the run's own. */
  events?: StepEvent[];
  /** Instances started by this step's call activities. */
  children?: Launch[];
}

/** Writes a new instance, its first step, and the instances it called. */
export async function persistLaunch(tx: Repositories, launch: Launch, actor: string, now: string): Promise<{ createdJobs: number }> {
  await tx.instances.insert(launch.row);
  const { businessKey } = launch.row;
  return persistStep({
    tx,
    instance: { ...launch.row, isNew: true },
    definition: launch.definition,
    rules: launch.rules,
    outcome: launch.outcome,
    actor,
    now,
    events: [{ type: 'instance.started', elementId: null, elementType: null, executionId: null, data: { businessKey, variables: launch.variables, parentInstanceId: launch.row.parentInstanceId } }],
    children: launch.children,
  });
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
      ...ctx.rules.taskAttributes(api),
    };
    newTasks.push(row);
    events.push({ type: 'task.created', elementId: api.id, elementType: api.type, executionId, data: { taskId: row.id, candidateGroups: row.candidateGroups, dueAt: row.dueAt } });
  }
  await tx.tasks.insertMany(newTasks);

  // Jobs: timers and service calls
  for (const job of waitingJobs) {
    const live = (job.kind === 'timer' ? tracker.timers : job.kind === 'call' ? tracker.calls : tracker.services).has(job.executionId);
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
    if (!knownJobs.has(executionId)) newJobs.push(job(executionId, api.id, { kind: 'service', topic: String(api.owner.behaviour.topic), dueAt: now, maxAttempts: ctx.rules.maxAttempts(api.id) }));
  }
  // A called instance that ended hands control back to its caller's call activity through a job.
  if (outcome.completed && instance.parentInstanceId) {
    newJobs.push({ ...job(instance.parentExecutionId!, instance.parentElementId!, { kind: 'call', topic: null, dueAt: now, maxAttempts: 1 }), instanceId: instance.parentInstanceId });
  }
  await tx.jobs.insertMany(newJobs);

  // Message and signal subscriptions
  for (const sub of waitingSubs) {
    if (!tracker.catches.has(sub.executionId)) await tx.subscriptions.update(sub.id, { status: 'done' });
  }
  const knownSubs = new Set(waitingSubs.map((s) => s.executionId));
  await tx.subscriptions.insertMany(
    [...tracker.catches]
      .filter(([executionId]) => !knownSubs.has(executionId))
      .map(([executionId, { api, kind, name }]) => ({ id: randomUUID(), instanceId: instance.id, executionId, elementId: api.id, kind, messageName: name, status: 'waiting' as const, createdAt: now }))
  );

  // Called instances: one whose call activity is gone (interrupted by a boundary event, ended by a
  // terminate event) is canceled with it.
  if (ctx.rules.callsOut && !instance.isNew) {
    for (const child of await tx.instances.runningChildren(instance.id)) {
      if (tracker.calls.has(child.parentExecutionId!)) continue;
      if (!(await cancelInstance(tx, child, ctx.actor, now))) throw new RevisionConflict();
    }
  }

  if (outcome.completed) events.push({ type: 'instance.ended', elementId: null, elementType: null, executionId: null, data: null });
  let createdJobs = newJobs.length;
  for (const child of ctx.children ?? []) {
    events.push({ type: 'call.started', elementId: child.row.parentElementId, elementType: 'bpmn:CallActivity', executionId: child.row.parentExecutionId, data: { instanceId: child.row.id, definitionKey: child.row.definitionKey, definitionVersion: child.row.definitionVersion } });
  }
  await tx.history.append(events.map((e) => historyRow(ctx, e)));
  for (const child of ctx.children ?? []) createdJobs += (await persistLaunch(tx, child, ctx.actor, now)).createdJobs;
  return { createdJobs };
}

/**
 * Cancels an instance and everything it waits for — tasks, jobs, subscriptions, open incidents and
 * the instances its call activities started. Returns false if the instance changed since it was read.
 */
export async function cancelInstance(tx: Repositories, instance: Omit<InstanceRow, 'state'>, actor: string, at: string): Promise<boolean> {
  if (!(await tx.instances.update(instance.id, instance.revision, { status: 'canceled', endedAt: at }))) return false;
  for (const task of await tx.tasks.openByInstance(instance.id)) await tx.tasks.update(task.id, { status: 'open' }, { status: 'canceled', endedAt: at });
  for (const job of await tx.jobs.waitingByInstance(instance.id)) await tx.jobs.update(job.id, { status: 'canceled', lockOwner: null, lockExpiresAt: null });
  for (const sub of await tx.subscriptions.waitingByInstance(instance.id)) await tx.subscriptions.update(sub.id, { status: 'canceled' });
  for (const incident of await tx.incidents.list({ instanceId: instance.id, status: 'open' })) await tx.incidents.resolve(incident.id, at);
  await tx.history.append([
    { instanceId: instance.id, definitionId: instance.definitionId, definitionVersion: instance.definitionVersion, type: 'instance.canceled', elementId: null, elementType: null, executionId: null, actor, at, data: null },
  ]);
  for (const child of await tx.instances.runningChildren(instance.id)) {
    if (!(await cancelInstance(tx, child, actor, at))) return false;
  }
  return true;
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
