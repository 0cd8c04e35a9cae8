import { Router } from 'express';
import { NotFoundError } from '../../errors/index.js';
import { isFinishedLate, isOverdue, type Runtime } from '../../engine/index.js';
import type { InstanceStatus, Store } from '../../store/index.js';
import { actorOf } from '../actor.js';
import { seesEveryProvider, signedIn, visibleCase } from '../access.js';
import { requirePermission } from '../auth.js';
import { validBody, validQuery } from '../validate.js';
import { instanceView } from './definitions.js';
import type { Clock } from '../../clock/index.js';
import { dueFilters } from '../views.js';

export const instanceQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    definition: { type: 'string' },
    status: { enum: ['running', 'completed', 'canceled', 'failed'] },
    businessKey: { type: 'string' },
    ...dueFilters,
    finishedLate: { type: 'boolean', description: 'true: only cases whose result went out after their term ended; false: only the others' },
  },
} as const;

export const variablesSchema = {
  type: 'object',
  required: ['variables'],
  additionalProperties: false,
  properties: {
    variables: { type: 'object', minProperties: 1, description: 'process variables to set, merged into the existing ones' },
  },
} as const;

export function instancesRouter(store: Store, runtime: Runtime, clock: Clock): Router {
  return Router()
    .get('/instances', requirePermission('instances.read'), validQuery(instanceQuerySchema), async (req, res) => {
      const principal = signedIn(req.principal);
      const q = req.query as { definition?: string; status?: InstanceStatus; businessKey?: string; overdue?: boolean; dueBefore?: string; finishedLate?: boolean };
      const now = clock.now();
      const rows = await store.instances.list({
        definitionKey: q.definition,
        provider: seesEveryProvider(principal) ? undefined : principal.provider,
        status: q.status,
        businessKey: q.businessKey,
        overdueAt: q.overdue === true ? now.toISOString() : undefined,
        dueBefore: q.dueBefore && new Date(q.dueBefore).toISOString(),
        finishedLate: q.finishedLate,
      });
      res.json(rows.map((r) => ({ ...r, overdue: isOverdue(r, now), finishedLate: isFinishedLate(r) })).filter((r) => q.overdue !== false || !r.overdue));
    })
    .get('/instances/:id', requirePermission('instances.read'), async (req, res) => {
      const id = String(req.params.id);
      await visibleCase(store, signedIn(req.principal), id);
      const details = await runtime.details(id);
      const [history, tasks, incidents, jobs] = await Promise.all([
        store.history.byInstance(id),
        store.tasks.list({ instanceId: id }),
        store.incidents.list({ instanceId: id }),
        store.jobs.listByInstance(id),
      ]);
      res.json({ ...instanceView(details), tasks, jobs, incidents, history });
    })
    // The audit trail: whether the instance's history hash chain is intact, and where it first breaks.
    .get('/instances/:id/audit', requirePermission('instances.read'), async (req, res) => {
      const instance = await visibleCase(store, signedIn(req.principal), String(req.params.id));
      const report = await store.audit.verify(instance.id);
      if (!report) throw new NotFoundError(`no instance with id "${req.params.id}"`, { instanceId: req.params.id });
      res.json(report);
    })
    .post('/instances/:id/cancel', requirePermission('instances.manage'), async (req, res) => {
      res.json(instanceView(await runtime.cancel(String(req.params.id), actorOf(req))));
    })
    .put('/instances/:id/variables', requirePermission('instances.manage'), validBody(variablesSchema), async (req, res) => {
      res.json(instanceView(await runtime.setInstanceVariables(String(req.params.id), req.body.variables, actorOf(req))));
    });
}
