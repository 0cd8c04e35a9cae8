import { Router } from 'express';
import type { Runtime } from '../../engine/index.js';
import type { IncidentStatus, Store } from '../../store/index.js';
import { actorOf } from '../actor.js';
import { validQuery } from '../validate.js';
import { requirePermission } from '../auth.js';

export const incidentQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { status: { enum: ['open', 'resolved'] }, instance: { type: 'string' } },
} as const;

export function incidentsRouter(store: Store, runtime: Runtime): Router {
  return Router()
    .get('/incidents', requirePermission('instances.manage'), validQuery(incidentQuerySchema), async (req, res) => {
      const q = req.query as { status?: IncidentStatus; instance?: string };
      res.json(await store.incidents.list({ status: q.status ?? 'open', instanceId: q.instance }));
    })
    .post('/incidents/:id/retry', requirePermission('instances.manage'), async (req, res) => {
      await runtime.retryIncident(String(req.params.id), actorOf(req));
      res.json(await store.incidents.get(String(req.params.id)));
    });
}
