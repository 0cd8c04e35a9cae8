import { Router } from 'express';
import { NotFoundError } from '../../errors/index.js';
import { isOverdue, type Runtime } from '../../engine/index.js';
import type { Store, TaskRow, TaskStatus } from '../../store/index.js';
import { actorOf } from '../actor.js';
import { validBody, validQuery } from '../validate.js';
import { instanceView } from './definitions.js';
import type { Clock } from '../../clock/index.js';
import { dueFilters } from '../views.js';
import { mayReassign, mayWork, signedIn, taskVisibility, visibleTask } from '../access.js';
import { ForbiddenError } from '../../errors/index.js';

export const taskQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    candidateGroup: { type: 'string' },
    assignee: { type: 'string' },
    instance: { type: 'string' },
    status: { enum: ['open', 'completed', 'canceled'] },
    ...dueFilters,
  },
} as const;

export const claimSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { user: { type: 'string', minLength: 1, maxLength: 255, description: 'whom to assign it to: oneself when absent; someone else only for a head or admin' } },
} as const;
export const completeSchema = { type: 'object', additionalProperties: false, properties: { variables: { type: 'object' } } } as const;

export function tasksRouter(store: Store, runtime: Runtime, clock: Clock): Router {
  const view = (task: TaskRow) => ({ ...task, overdue: isOverdue(task, clock.now()) });
  return Router()
    .get('/tasks', validQuery(taskQuerySchema), async (req, res) => {
      const q = req.query as { candidateGroup?: string; assignee?: string; instance?: string; status?: TaskStatus; overdue?: boolean; dueBefore?: string };
      const principal = signedIn(req.principal);
      if (!principal.permissions.includes('tasks.work') && !principal.permissions.includes('instances.read')) throw new ForbiddenError(`${principal.username} may not list tasks`, { permission: 'tasks.work' });
      const tasks = await store.tasks.list({
        visibleTo: taskVisibility(principal),
        candidateGroup: q.candidateGroup,
        assignee: q.assignee,
        instanceId: q.instance,
        status: q.status ?? 'open',
        overdueAt: q.overdue === true ? clock.now().toISOString() : undefined,
        dueBefore: q.dueBefore && new Date(q.dueBefore).toISOString(),
      });
      res.json(tasks.map(view).filter((t) => q.overdue !== false || !t.overdue));
    })
    .get('/tasks/:id', async (req, res) => {
      res.json(view(visibleTask(signedIn(req.principal), await store.tasks.get(req.params.id), req.params.id)));
    })
    .post('/tasks/:id/claim', validBody(claimSchema), async (req, res) => {
      const principal = signedIn(req.principal);
      const task = visibleTask(principal, await store.tasks.get(String(req.params.id)), String(req.params.id));
      mayWork(principal, task);
      const user: string = req.body.user ?? principal.username;
      if (user !== principal.username && !mayReassign(principal)) throw new ForbiddenError(`${principal.username} claims tasks for themselves only; a head or admin assigns them to others`, { field: 'user' });
      res.json(view(await runtime.claimTask(task.id, user, { actor: principal.username, reassign: mayReassign(principal) })));
    })
    .post('/tasks/:id/unclaim', async (req, res) => {
      const principal = signedIn(req.principal);
      const task = visibleTask(principal, await store.tasks.get(req.params.id), req.params.id);
      mayWork(principal, task);
      res.json(view(await runtime.unclaimTask(task.id, principal.username, { reassign: mayReassign(principal) })));
    })
    .post('/tasks/:id/complete', validBody(completeSchema), async (req, res) => {
      const principal = signedIn(req.principal);
      const task = visibleTask(principal, await store.tasks.get(String(req.params.id)), String(req.params.id));
      mayWork(principal, task);
      res.json(instanceView(await runtime.completeTask(task.id, req.body.variables ?? {}, actorOf(req))));
    });
}
