import { Router, type NextFunction, type Request, type Response } from 'express';
import { ConflictError, NotFoundError } from '../../errors/index.js';
import { isOverdue, type Runtime } from '../../engine/index.js';
import type { Store, TaskRow, TaskStatus } from '../../store/index.js';
import { actorOf } from '../actor.js';
import { validBody, validQuery } from '../validate.js';
import { instanceView } from './definitions.js';
import type { Clock } from '../../clock/index.js';
import { dueFilters } from '../views.js';
import { mayReassign, mayWork, seesEveryProvider, signedIn, taskVisibility, visibleTask } from '../access.js';
import { ForbiddenError, ValidationError } from '../../errors/index.js';
import { cursorParts, cursorText, invalidCursor } from '../cursor.js';
import { dueIn, type WorkingCalendar } from '../../calendar/index.js';
import type { Definitions } from '../../engine/index.js';
import type { TaskCursor, TaskSort, TaskWithCase } from '../../store/index.js';
import { groupsOf, permissionsOf, isRole } from '../../auth/index.js';
import type { Naming } from '../names.js';

export const taskQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    candidateGroup: { type: 'string' },
    assignee: { type: 'string' },
    instance: { type: 'string' },
    status: { enum: ['open', 'completed', 'canceled'] },
    ...dueFilters,
    process: { type: 'string', description: 'only tasks of cases of this definition key' },
    step: { type: 'string', description: "only tasks of this element of the diagram (the task's elementId)" },
    unassigned: { type: 'boolean', description: 'true: only tasks nobody holds; false: only held ones' },
    sort: { enum: ['dueAt', '-dueAt', 'createdAt'], default: 'dueAt', description: 'dueAt (default): the task due first on top, tasks without a due date last; -dueAt: the latest first; createdAt: oldest first' },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 500, description: 'page size; the header X-Total-Count says how many the filters select in all' },
    offset: { type: 'integer', minimum: 0, default: 0 },
    after: {
      type: 'string',
      minLength: 1,
      maxLength: 1000,
      description: "a cursor: the page after the one whose response header X-Next-Cursor gave it (sort dueAt only, without offset); each page then costs the same however deep, where an offset reads every row it skips",
    },
  },
} as const;

export const reassignSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['taskIds', 'assignee'],
  properties: {
    taskIds: { type: 'array', minItems: 1, maxItems: 200, uniqueItems: true, items: { type: 'string', minLength: 1, maxLength: 64 } },
    assignee: { type: 'string', minLength: 1, maxLength: 255, description: 'an enabled account of the same provider that works tasks' },
  },
} as const;

export const claimSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { user: { type: 'string', minLength: 1, maxLength: 255, description: 'whom to assign it to: oneself when absent; someone else only for a head or admin' } },
} as const;
export const completeSchema = { type: 'object', additionalProperties: false, properties: { variables: { type: 'object' } } } as const;

/** What the task list needs beyond the store: lanes from the diagrams, the calendar for due dates, accounts to reassign to. */
export interface TaskListDeps {
  definitions: Pick<Definitions, 'get' | 'compiled'>;
  calendar: () => Promise<WorkingCalendar>;
  users: Pick<Store['users'], 'get' | 'list'>;
  naming: Naming;
}

export function tasksRouter(store: Store, runtime: Runtime, clock: Clock, deps: TaskListDeps): Router {
  const view = (task: TaskRow) => ({ ...task, overdue: isOverdue(task, clock.now()) });
  /** A task as answered alone: with its step's names, read from its case's definition version. */
  const named = async (task: TaskRow) => {
    const instance = await store.instances.get(task.instanceId);
    const names = instance ? await deps.naming.of(instance.definitionId) : () => null;
    return { ...view(task), names: names(task.elementId) };
  };

  // Each case's applicant as last read, by the case's revision: an inbox read again and again (every
  // clerk's page polls) parses a case's state only after it changed. Bounded; the oldest go first.
  const applicants = new Map<string, { revision: number; applicant: Promise<Applicant | null> }>();
  const applicantOfCase = (task: TaskWithCase) => {
    const known = applicants.get(task.instanceId);
    if (known && known.revision === task.instanceRevision) return known.applicant;
    const applicant = runtime.taskVariables(task).then(
      (variables) => withCallersApplicant(task.instanceId, applicantOf(variables)),
      () => null
    );
    applicants.delete(task.instanceId);
    applicants.set(task.instanceId, { revision: task.instanceRevision, applicant });
    if (applicants.size > maxKnownApplicants) applicants.delete(applicants.keys().next().value!);
    return applicant;
  };

  /**
   * A called process (the commission's vote, the hearing, the family's consent) works for its
   * caller's case: where its own variables do not name the applicant, the calling case's do, so a
   * member sees whose dwelling they vote on. The business key is the caller's already (steps.ts).
   */
  async function withCallersApplicant(instanceId: string, own: Applicant | null, depth = 0): Promise<Applicant | null> {
    if (own?.name && own.iin) return own;
    const parentId = (await store.instances.get(instanceId))?.parentInstanceId;
    if (!parentId || depth >= maxCallerDepth) return own;
    const caller = applicantOf((await runtime.details(parentId)).variables);
    const merged = own || caller ? { name: own?.name ?? caller?.name ?? null, iin: own?.iin ?? caller?.iin ?? null } : null;
    return withCallersApplicant(parentId, merged, depth + 1);
  }

  /** A row of the inbox: the task with its case's keys, its lane, its applicant (masked) and how far its due date is. */
  async function listView(tasks: TaskWithCase[]) {
    const now = clock.now();
    const calendar = await deps.calendar();
    // Whom a task is held by, as people call them: one account read per person on the page.
    const displayNames = new Map<string, Promise<string | null>>();
    const nameOf = (username: string) => {
      if (!displayNames.has(username)) displayNames.set(username, deps.users.get(username).then((a) => a?.displayName || null));
      return displayNames.get(username)!;
    };
    return Promise.all(
      tasks.map(async ({ instanceRevision: _revision, ...task }) => {
        const applicant = applicantOfCase({ ...task, instanceRevision: _revision });
        const compiled = await deps.definitions.compiled(await deps.definitions.get(task.definitionId));
        const laneId = compiled.laneIds.get(task.elementId);
        return {
          ...view(task),
          names: compiled.names.get(task.elementId) ?? null,
          lane: compiled.lanes.get(task.elementId) ?? null,
          laneNames: (laneId && compiled.names.get(laneId)) || null,
          applicant: await applicant,
          assigneeName: task.assignee ? await nameOf(task.assignee) : null,
          dueIn: task.dueAt && task.status === 'open' ? dueIn(calendar, now, new Date(task.dueAt)) : null,
        };
      })
    );
  }

  return Router()
    .get('/tasks', validQuery(taskQuerySchema), async (req, res) => {
      const q = req.query as { candidateGroup?: string; assignee?: string; instance?: string; status?: TaskStatus; overdue?: boolean; dueBefore?: string; process?: string; step?: string; unassigned?: boolean; sort?: TaskSort; limit?: number; offset?: number; after?: string };
      const principal = signedIn(req.principal);
      if (!principal.permissions.includes('tasks.work') && !principal.permissions.includes('instances.read')) throw new ForbiddenError(`${principal.username} may not list tasks`, { permission: 'tasks.work' });
      const now = clock.now().toISOString();
      const after = q.after === undefined ? undefined : cursorOf(q.after, q.sort ?? 'dueAt', q.offset ?? 0);
      const { rows, total, capped, next } = await store.tasks.page(
        {
          visibleTo: taskVisibility(principal),
          candidateGroup: q.candidateGroup,
          assignee: q.assignee,
          instanceId: q.instance,
          status: q.status ?? 'open',
          overdueAt: q.overdue === true ? now : undefined,
          notOverdueAt: q.overdue === false ? now : undefined,
          dueBefore: q.dueBefore && new Date(q.dueBefore).toISOString(),
          definitionKey: q.process,
          elementId: q.step,
          unassigned: q.unassigned,
        },
        { sort: q.sort ?? 'dueAt', limit: q.limit ?? 500, offset: q.offset ?? 0, after }
      );
      res.set('X-Total-Count', String(total));
      if (capped) res.set('X-Total-Count-Capped', 'true');
      if (next && (q.sort ?? 'dueAt') === 'dueAt') res.set('X-Next-Cursor', cursorText([next.dueSort, next.createdAt, next.id]));
      res.json(await listView(rows));
    })
    .get('/tasks/assignees', headsOnly, async (req, res) => {
      // Whom a head may hand tasks to: the same rule the reassignment below checks, as a list.
      const principal = signedIn(req.principal);
      const everyProvider = seesEveryProvider(principal);
      const people = (await deps.users.list()).filter(
        (account) => !account.disabled && (everyProvider || account.provider === principal.provider) && permissionsOf(account.roles.filter(isRole)).includes('tasks.work')
      );
      res.json(people.map(({ username, displayName, provider, roles }) => ({ username, displayName, provider, roles, groups: groupsOf(roles.filter(isRole)) })));
    })
    .post('/tasks/reassign', headsOnly, validBody(reassignSchema), async (req, res) => {
      const principal = signedIn(req.principal);
      const { taskIds, assignee } = req.body as { taskIds: string[]; assignee: string };
      const tasks = await Promise.all(taskIds.map(async (id) => visibleTask(principal, await store.tasks.get(id), id)));
      const closed = tasks.find((task) => task.status !== 'open');
      if (closed) throw new ConflictError(`task ${closed.id} is already ${closed.status}`, { taskId: closed.id, status: closed.status });
      const account = await deps.users.get(assignee);
      const works = account && !account.disabled && permissionsOf(account.roles.filter(isRole)).includes('tasks.work');
      if (!account || !works) throw new ValidationError(`assignee "${assignee}" is no enabled account that works tasks`, { field: 'assignee' });
      const elsewhere = tasks.find((task) => task.provider !== account.provider);
      if (elsewhere) throw new ValidationError(`assignee "${assignee}" belongs to provider "${account.provider}", task ${elsewhere.id} to "${elsewhere.provider}"`, { field: 'assignee' });
      // One claim after another, each with its own history row naming the head and the new assignee.
      const done: TaskRow[] = [];
      for (const task of tasks) done.push(await runtime.claimTask(task.id, assignee, { actor: principal.username, reassign: true }));
      res.json(await Promise.all(done.map(named)));
    })
    .get('/tasks/:id', async (req, res) => {
      res.json(await named(visibleTask(signedIn(req.principal), await store.tasks.get(req.params.id), req.params.id)));
    })
    .post('/tasks/:id/claim', validBody(claimSchema), async (req, res) => {
      const principal = signedIn(req.principal);
      const task = visibleTask(principal, await store.tasks.get(String(req.params.id)), String(req.params.id));
      mayWork(principal, task);
      const user: string = req.body.user ?? principal.username;
      if (user !== principal.username && !mayReassign(principal)) throw new ForbiddenError(`${principal.username} claims tasks for themselves only; a head or admin assigns them to others`, { field: 'user' });
      res.json(await named(await runtime.claimTask(task.id, user, { actor: principal.username, reassign: mayReassign(principal) })));
    })
    .post('/tasks/:id/unclaim', async (req, res) => {
      const principal = signedIn(req.principal);
      const task = visibleTask(principal, await store.tasks.get(req.params.id), req.params.id);
      mayWork(principal, task);
      res.json(await named(await runtime.unclaimTask(task.id, principal.username, { reassign: mayReassign(principal) })));
    })
    .post('/tasks/:id/complete', validBody(completeSchema), async (req, res) => {
      const principal = signedIn(req.principal);
      const task = visibleTask(principal, await store.tasks.get(String(req.params.id)), String(req.params.id));
      mayWork(principal, task);
      res.json(await instanceView(await runtime.completeTask(task.id, req.body.variables ?? {}, actorOf(req)), deps.naming));
    });
}

/** The cursor `after` names (the last task of a page: its due date, creation, id), or a 400 naming `after`. */
function cursorOf(text: string, sort: TaskSort, offset: number): TaskCursor {
  if (sort !== 'dueAt') throw invalidCursor('a cursor pages tasks sorted by dueAt only');
  const [dueSort, createdAt, id] = cursorParts(text, 3, offset);
  return { dueSort: dueSort!, createdAt: createdAt!, id: id! };
}

/** How many calling cases up the applicant is looked for (calls nest no deeper in practice). */
const maxCallerDepth = 5;

/** Cases whose applicant the task list keeps (a few hundred bytes each). */
const maxKnownApplicants = 5000;

/** Refuses anyone but a head or admin before the body is read: a clerk learns nothing from a 400. */
function headsOnly(req: Request, _res: Response, next: NextFunction) {
  const principal = signedIn(req.principal);
  if (!mayReassign(principal)) throw new ForbiddenError(`${principal.username} may not reassign tasks: a head or admin does`, { permission: 'tasks.reassign' });
  next();
}

/** The applicant as the inbox shows them: last name and initials, and the IIN's last four digits only. */
export interface Applicant {
  name: string | null;
  iin: string | null;
}

function applicantOf(variables: Record<string, unknown>): Applicant | null {
  // A complaint names its complainant in its own fields (complaint-application), not from a register lookup.
  const person = (variables.applicant as { lastName?: unknown; firstName?: unknown; middleName?: unknown } | undefined) ?? {
    lastName: variables.complainantLastName,
    firstName: variables.complainantFirstName,
    middleName: variables.complainantMiddleName,
  };
  const iin = typeof variables.iin === 'string' ? variables.iin : null;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
  const last = text(person?.lastName);
  const initials = [person?.firstName, person?.middleName].map(text).filter((v): v is string => !!v).map((v) => `${[...v][0]}.`);
  const name = last ? [last, ...initials].join(' ') : null;
  if (!name && !iin) return null;
  return { name, iin: iin && /^\d{12}$/.test(iin) ? `********${iin.slice(8)}` : null };
}
