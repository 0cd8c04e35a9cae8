import { Router } from 'express';
import { NotFoundError } from '../../errors/index.js';
import { isOverdue, type Runtime } from '../../engine/index.js';
import type { Store, TaskRow, TaskStatus } from '../../store/index.js';
import { actorOf } from '../actor.js';
import { validBody, validQuery } from '../validate.js';
import { instanceView } from './definitions.js';
import type { Clock } from '../../clock/index.js';
import { dueFilters } from '../views.js';

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

export const claimSchema = { type: 'object', required: ['user'], additionalProperties: false, properties: { user: { type: 'string', minLength: 1, maxLength: 255 } } } as const;
export const completeSchema = { type: 'object', additionalProperties: false, properties: { variables: { type: 'object' } } } as const;

export function tasksRouter(store: Store, runtime: Runtime, clock: Clock): Router {
  const view = (task: TaskRow) => ({ ...task, overdue: isOverdue(task, clock.now()) });
  return Router()
    .get('/tasks', validQuery(taskQuerySchema), async (req, res) => {
      const q = req.query as { candidateGroup?: string; assignee?: string; instance?: string; status?: TaskStatus; overdue?: boolean; dueBefore?: string };
      const tasks = await store.tasks.list({
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
      const task = await store.tasks.get(req.params.id);
      if (!task) throw new NotFoundError(`no task with id "${req.params.id}"`, { taskId: req.params.id });
      res.json(view(task));
    })
    .post('/tasks/:id/claim', validBody(claimSchema), async (req, res) => {
      res.json(view(await runtime.claimTask(String(req.params.id), req.body.user)));
    })
    .post('/tasks/:id/unclaim', async (req, res) => {
      res.json(view(await runtime.unclaimTask(req.params.id, actorOf(req))));
    })
    .post('/tasks/:id/complete', validBody(completeSchema), async (req, res) => {
      res.json(instanceView(await runtime.completeTask(String(req.params.id), req.body.variables ?? {}, actorOf(req))));
    });
}
