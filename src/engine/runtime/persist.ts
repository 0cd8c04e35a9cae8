import { randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Batch, DefinitionRow, HistoryEvent, InstanceActivity, InstanceRow, JobRow, Repositories, TaskRow } from '../../store/index.js';
import type { JobLock } from './ports.js';
import { monitoringExecutionId, monitoringStages, type MonitoringStage } from '../monitoring.js';
import type { StepOutcome } from './session.js';
import type { ActivityApi, StepEvent, StepTracker } from './tracker.js';

/** History rows recorded in one stretch: a multiple of the 50 rows one insert takes. */
const historyRowsPerSlice = 250;

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
  taskAttributes(api: ActivityApi, instance?: { registeredAt: string | null }): TaskAttributes;
  /** Retry policy of a service task: attempts allowed. */
  maxAttempts(elementId: string): number;
  /** Whether reaching the element means the result has gone out (its `resultIssued` property). */
  issuesResult(elementId: string): boolean;
  /** The monitoring stage the case's start posts (the process's `monitoring.startStage`). */
  startStage: MonitoringStage;
  /** Whether the case's stages are posted to the monitoring system (src/engine/monitoring.ts). */
  monitored: boolean;
}

/**
 * When the case's result went out, after a step: kept once known; else now, if the step reached an
 * element marked `resultIssued` or completed the case.
 */
function resultAtAfter(resultAt: string | null, events: readonly StepEvent[], completed: boolean, rules: DefinitionRules, now: string): string | null {
  if (resultAt) return resultAt;
  if (completed || events.some((e) => e.type === 'activity.entered' && e.elementId && rules.issuesResult(e.elementId))) return now;
  return null;
}

/** A new instance ready to be written: its first run, and the instances its call activities started. */
export interface Launch {
  row: InstanceRow;
  definition: DefinitionRow;
  /** Flow elements of the definition (what keeping its engine costs). */
  weight: number;
  rules: DefinitionRules;
  outcome: StepOutcome;
  variables: Record<string, unknown>;
  children: Launch[];
}

export interface PersistContext {
  /** Reads what a step cannot know from its engine (the instances its ended call activities started). */
  store: Repositories;
  /** Where the step's writes go; the caller commits it. */
  batch: Batch;
  /** The instance as read before the step (or as launched, `isNew`). */
  instance: InstanceRow & { isNew: boolean };
  definition: DefinitionRow;
  rules: DefinitionRules;
  outcome: StepOutcome;
  actor: string;
  now: string;
  /** Extra history events of the action itself (e.g. task.completed), placed before the run's own. */
  events?: StepEvent[];
  /** Instances started by this step's call activities. */
  children?: Launch[];
  /** Set when jobs due at once are handed to this node's executor after the commit. */
  jobLock?: JobLock | null;
}

/** Records a new instance, its first step, and the instances it called. */
export async function recordLaunch(store: Repositories, batch: Batch, launch: Launch, actor: string, now: string, jobLock: JobLock | null = null): Promise<{ jobs: JobRow[] }> {
  launch.row.activities = activitiesAfter(launch.outcome.tracker, [], now, launch.children);
  launch.row.resultAt = resultAtAfter(null, launch.outcome.tracker.events, launch.outcome.completed, launch.rules, now);
  if (launch.row.parentInstanceId && launch.outcome.tracker.errors.size) Object.assign(launch.row, { status: 'failed', endedAt: now, activities: [], resultAt: null });
  batch.instances.insert(launch.row);
  const { businessKey } = launch.row;
  const record = await recordStep({
    store,
    batch,
    instance: { ...launch.row, isNew: true },
    definition: launch.definition,
    rules: launch.rules,
    outcome: launch.outcome,
    actor,
    now,
    events: [{ type: 'instance.started', elementId: null, elementType: null, executionId: null, data: { businessKey, variables: launch.variables, parentInstanceId: launch.row.parentInstanceId } }],
    children: launch.children,
    jobLock,
  });
  // The row kept for the instance's next step carries the chain's head as this batch leaves it.
  Object.assign(launch.row, batch.chainHead(launch.row.id));
  return record;
}

/**
 * Records one step: the engine state (guarded by the revision read), rows for the waits that
 * appeared, closes the rows of waits that went away, and appends history. Nothing is read back:
 * the tracker knows which waits the stored rows describe.
 */
export async function recordStep(ctx: PersistContext): Promise<StepRecord> {
  const { store, batch, instance, outcome, now } = ctx;
  const { tracker } = outcome;
  const events: StepEvent[] = [...(ctx.events ?? []), ...tracker.events];
  const { added, removed } = tracker.changes();

  // A called instance whose error nothing in it catches ends as failed; its caller's call activity gets the error.
  const [uncaught] = instance.parentInstanceId ? added.errors.keys() : [];
  if (uncaught) {
    const { api, error } = tracker.errors.get(uncaught)!;
    const ended = { status: 'failed' as const, state: outcome.state, isNew: instance.isNew, error: { ...error, elementId: api.id } };
    const { jobs, canceled } = await recordEnd(store, batch, { ...instance, definitionId: ctx.definition.id, definitionVersion: ctx.definition.version }, ctx.actor, now, ended, events.map((e) => historyRow(ctx, e)));
    return { row: written(batch, instance, outcome.state, 'failed', [], now), jobs, canceled };
  }

  const status = outcome.completed ? 'completed' : 'running';
  const activities = instance.isNew ? instance.activities : activitiesAfter(tracker, instance.activities, now, ctx.children ?? []);
  const resultAt = instance.isNew ? instance.resultAt : resultAtAfter(instance.resultAt, tracker.events, outcome.completed, ctx.rules, now);
  // A term extended as the act allows (term.extended), or a complaint forwarded to the body that
  // considers it within its own term (complaint.forwarded): the case is due then.
  const extended = events.filter((e) => e.type === 'term.extended' || e.type === 'complaint.forwarded').at(-1)?.data?.dueAt;
  const dueAt = typeof extended === 'string' && !instance.isNew ? { dueAt: extended } : {};
  if (!instance.isNew) {
    batch.instances.update(instance, { state: outcome.state, status, endedAt: outcome.completed ? now : null, activities, ...(resultAt !== instance.resultAt ? { resultAt } : {}), ...dueAt });
  }

  // Waits that went away without the action finishing them: interrupted, discarded, or fired.
  if (removed.userTasks.size) {
    batch.tasks.closeOpen(instance.id, [...removed.userTasks.keys()], { status: 'canceled', endedAt: now });
    for (const [executionId, elementId] of removed.userTasks) events.push({ type: 'task.canceled', elementId, elementType: 'bpmn:UserTask', executionId, data: null });
  }
  const fired = [...removed.timers.keys()].filter((id) => tracker.firedTimers.has(id));
  const dropped = [...removed.timers.keys()].filter((id) => !tracker.firedTimers.has(id)).concat([...removed.services.keys()], [...removed.calls.keys()]);
  if (fired.length) batch.jobs.closeWaiting(instance.id, fired, 'done');
  if (dropped.length) batch.jobs.closeWaiting(instance.id, dropped, 'canceled');
  if (removed.catches.size) batch.subscriptions.closeWaiting(instance.id, [...removed.catches.keys()], 'done');
  // A called instance whose call activity is gone (interrupted by a boundary event, ended by a
  // terminate event) is canceled with it.
  const canceled: string[] = [];
  if (removed.calls.size) {
    for (const child of await store.instances.runningChildren(instance.id)) {
      if (removed.calls.has(child.parentExecutionId!)) canceled.push(...(await recordEnd(store, batch, child, ctx.actor, now)).canceled);
    }
  }

  // New waits get rows.
  const newTasks: TaskRow[] = [];
  for (const executionId of added.userTasks.keys()) {
    const api = tracker.userTasks.get(executionId)!;
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
      provider: instance.provider,
      ...ctx.rules.taskAttributes(api, instance),
    };
    newTasks.push(row);
    events.push({ type: 'task.created', elementId: api.id, elementType: api.type, executionId, data: { taskId: row.id, candidateGroups: row.candidateGroups, dueAt: row.dueAt } });
  }
  batch.tasks.insertMany(newTasks);

  const job = (executionId: string, elementId: string, fields: JobFields) => newJob(instance.id, executionId, elementId, fields, now, ctx.jobLock);
  const newJobs: JobRow[] = [];
  for (const executionId of added.timers.keys()) {
    const timer = tracker.timers.get(executionId)!;
    newJobs.push(job(executionId, timer.elementId, { kind: 'timer', topic: null, dueAt: timer.expireAt.toISOString(), maxAttempts: 1 }));
  }
  for (const executionId of added.services.keys()) {
    const api = tracker.services.get(executionId)!;
    // A business rule task's job is named after its decision, which the job executor evaluates.
    const { topic, decisionRef } = api.owner.behaviour as { topic?: string; decisionRef?: string };
    newJobs.push(job(executionId, api.id, { kind: 'service', topic: decisionRef ? `decision:${decisionRef}` : String(topic), dueAt: now, maxAttempts: ctx.rules.maxAttempts(api.id) }));
  }
  // A called instance that ended hands control back to its caller's call activity through a job.
  if (outcome.completed && instance.parentInstanceId) newJobs.push(callReturnJob(instance, now, ctx.jobLock));
  // The stages this step reached, for the monitoring system: written with the step, posted by the executor.
  if (ctx.rules.monitored) {
    const resultIssued = instance.isNew ? resultAt !== null : resultAt !== instance.resultAt;
    monitoringStages({ instance, events, resultIssued, issuesResult: ctx.rules.issuesResult, startStage: ctx.rules.startStage }).forEach(({ stage, elementId }, i) =>
      newJobs.push(job(monitoringExecutionId(instance.revision, instance.isNew, i), elementId ?? '', { kind: 'monitoring', topic: stage, dueAt: now, maxAttempts: 1 }))
    );
  }
  batch.jobs.insertMany(newJobs);

  // An error nothing catches in an instance nobody called: the end event waits with an incident (as
  // in Camunda 8). Its job never runs; it anchors the incident.
  for (const executionId of added.errors.keys()) {
    const { api, error } = tracker.errors.get(executionId)!;
    const message = uncaughtErrorMessage(api.id, error);
    const anchor: JobRow = { ...newJob(instance.id, executionId, api.id, { kind: 'error', topic: null, dueAt: now, maxAttempts: 1 }, now), status: 'failed', attempts: 1, lastError: message };
    const incidentId = randomUUID();
    batch.jobs.insertMany([anchor]);
    batch.incidents.insert({ id: incidentId, instanceId: instance.id, jobId: anchor.id, elementId: api.id, kind: 'error', message, status: 'open', createdAt: now, resolvedAt: null });
    events.push({ type: 'incident.raised', elementId: api.id, elementType: api.type, executionId, data: { incidentId, kind: 'error', error } });
  }

  batch.subscriptions.insertMany(
    [...added.catches.keys()].map((executionId) => {
      const { api, kind, name } = tracker.catches.get(executionId)!;
      return { id: randomUUID(), instanceId: instance.id, executionId, elementId: api.id, kind, messageName: name, status: 'waiting' as const, createdAt: now };
    })
  );

  if (outcome.completed) events.push({ type: 'instance.ended', elementId: null, elementType: null, executionId: null, data: null });
  for (const child of ctx.children ?? []) {
    events.push({ type: 'call.started', elementId: child.row.parentElementId, elementType: 'bpmn:CallActivity', executionId: child.row.parentExecutionId, data: { instanceId: child.row.id, definitionKey: child.row.definitionKey, definitionVersion: child.row.definitionVersion } });
  }
  // A step of a big diagram records thousands of history rows, each hashed into the chain as it is
  // recorded: a slice at a time, other requests served in between (the rows and their order are the same).
  const rows = events.map((e) => historyRow(ctx, e));
  for (let i = 0; i < rows.length; i += historyRowsPerSlice) {
    if (i > 0) await nextTurn();
    batch.history.append(rows.slice(i, i + historyRowsPerSlice));
  }
  for (const child of ctx.children ?? []) newJobs.push(...(await recordLaunch(store, batch, child, ctx.actor, now, ctx.jobLock)).jobs);
  return { row: { ...written(batch, instance, outcome.state, status, activities, now), resultAt, ...dueAt }, jobs: newJobs, canceled };
}

type JobFields = Pick<JobRow, 'kind' | 'topic' | 'dueAt' | 'maxAttempts'>;

/** A new waiting job; one due at once is written with `jobLock`, for this node's executor to run without acquiring it. */
function newJob(instanceId: string, executionId: string, elementId: string, fields: JobFields, now: string, jobLock: JobLock | null = null): JobRow {
  return {
    id: randomUUID(),
    instanceId,
    executionId,
    elementId,
    status: 'waiting',
    ...(fields.dueAt <= now && jobLock ? jobLock : { lockOwner: null, lockExpiresAt: null }),
    attempts: 0,
    lastError: null,
    createdAt: now,
    ...fields,
  };
}

/** The job that hands control back to the call activity that started `instance`, which ended (completed or failed). */
function callReturnJob(instance: Pick<InstanceRow, 'parentInstanceId' | 'parentExecutionId' | 'parentElementId'>, now: string, jobLock: JobLock | null = null): JobRow {
  return newJob(instance.parentInstanceId!, instance.parentExecutionId!, instance.parentElementId!, { kind: 'call', topic: null, dueAt: now, maxAttempts: 1 }, now, jobLock);
}

/** The instance row as a step wrote it, with its history chain's head after the step's rows. */
function written(batch: Batch, instance: InstanceRow & { isNew: boolean }, state: string, status: InstanceRow['status'], activities: InstanceActivity[], now: string): InstanceRow {
  const { isNew, ...row } = instance;
  return { ...row, state, status, activities, endedAt: status === 'running' ? null : now, revision: isNew ? row.revision : row.revision + 1, ...batch.chainHead(instance.id) };
}

/** What a step wrote: the instance row, the jobs to hand to the executor, the instances it canceled. */
export interface StepRecord {
  row: InstanceRow;
  jobs: JobRow[];
  canceled: string[];
}

/** The incident text for a BPMN error that nothing catches. */
export function uncaughtErrorMessage(elementId: string, error: { code?: string; name?: string }): string {
  const what = error.code ? `BPMN error "${error.code}"${error.name && error.name !== error.code ? ` (${error.name})` : ''}` : `BPMN error${error.name ? ` "${error.name}"` : ''} without errorCode`;
  return `${elementId}: ${what} is caught by no error boundary event, neither on ${elementId} nor on a sub-process or call activity around it`;
}

/** The waits after a step, each with the time it began (kept from before the step, or now). */
function activitiesAfter(tracker: StepTracker, before: InstanceActivity[], now: string, children: Launch[]): InstanceActivity[] {
  const previous = new Map(before.map((a) => [a.executionId, a]));
  const called = new Map(children.map((c) => [c.row.parentExecutionId!, c.row.id]));
  const entry = (kind: InstanceActivity['kind'], executionId: string, elementId: string): InstanceActivity => {
    const known = previous.get(executionId);
    const activity: InstanceActivity = { elementId, kind, executionId, since: known?.since ?? now };
    const instanceId = known?.instanceId ?? called.get(executionId);
    if (instanceId) activity.instanceId = instanceId;
    return activity;
  };
  return [
    ...[...tracker.userTasks].map(([id, api]) => entry('userTask', id, api.id)),
    ...[...tracker.services].map(([id, api]) => entry('service', id, api.id)),
    ...[...tracker.timers].map(([id, timer]) => entry('timer', id, timer.elementId)),
    ...[...tracker.catches].map(([id, c]) => entry(c.kind, id, c.api.id)),
    ...[...tracker.calls].map(([id, c]) => entry('call', id, c.api.id)),
    ...[...tracker.errors].map(([id, e]) => entry('error', id, e.api.id)),
  ];
}

/** How an instance ends outside a normal completion. */
export type InstanceEnd =
  | { status: 'canceled' }
  /** An error nothing in it caught; `state` is the step's, `isNew` when that step launched it. */
  | { status: 'failed'; state: string; isNew: boolean; error: { code?: string; name?: string; id?: string; elementId: string } };

/**
 * Records an instance ending — canceled by someone, or failed by an error nothing in it caught —
 * with everything it waits for: tasks, jobs, subscriptions, open incidents and the instances its
 * call activities started (canceled with it). A failed instance that a call activity started hands
 * the error to that call activity through a job. Each instance is guarded by the revision read: if
 * one changed meanwhile, the batch's commit fails. Returns the ids of the instances ended and the
 * jobs to run. `before`: the instance's history of the step that ends it, written ahead of its end.
 */
export async function recordEnd(
  store: Repositories,
  batch: Batch,
  instance: Omit<InstanceRow, 'state' | 'activities' | 'status' | 'startedAt' | 'startedBy' | 'endedAt' | 'term' | 'registeredAt' | 'dueAt' | 'definitionKey' | 'businessKey'>,
  actor: string,
  at: string,
  end: InstanceEnd = { status: 'canceled' },
  before: HistoryEvent[] = []
): Promise<{ canceled: string[]; jobs: JobRow[] }> {
  const fields = { status: end.status, endedAt: at, activities: [] };
  // An instance launched in this very step was inserted as failed already (see recordLaunch).
  if (end.status !== 'failed' || !end.isNew) {
    batch.instances.update(instance, end.status === 'failed' ? { ...fields, state: end.state } : fields);
  }
  batch.tasks.closeOpen(instance.id, null, { status: 'canceled', endedAt: at });
  batch.jobs.closeWaiting(instance.id, null, 'canceled');
  batch.subscriptions.closeWaiting(instance.id, null, 'canceled');
  batch.incidents.resolveOpen(instance.id, at);
  const event = end.status === 'failed' ? { type: 'instance.failed' as const, elementId: end.error.elementId, data: { error: end.error } } : { type: 'instance.canceled' as const, elementId: null, data: null };
  batch.history.append([...before, { instanceId: instance.id, definitionId: instance.definitionId, definitionVersion: instance.definitionVersion, elementType: null, executionId: null, actor, at, ...event }]);
  const jobs = end.status === 'failed' && instance.parentInstanceId ? [callReturnJob(instance, at)] : [];
  batch.jobs.insertMany(jobs);
  const canceled = [instance.id];
  for (const child of await store.instances.runningChildren(instance.id)) canceled.push(...(await recordEnd(store, batch, child, actor, at)).canceled);
  return { canceled, jobs };
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
