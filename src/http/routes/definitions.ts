import { Router } from 'express';
import { NotFoundError } from '../../errors/index.js';
import type { Runtime } from '../../engine/index.js';
import type { Store } from '../../store/index.js';
import { actorOf } from '../actor.js';
import { validBody } from '../validate.js';

export const startSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    businessKey: { type: ['string', 'null'], maxLength: 255 },
    variables: { type: 'object' },
  },
} as const;

export function definitionsRouter(store: Store, runtime: Runtime): Router {
  return Router()
    .get('/definitions', async (_req, res) => {
      const rows = await store.definitions.list();
      const latest = new Map<string, (typeof rows)[number]>();
      for (const row of rows) latest.set(row.key, row);
      res.json(
        [...latest.values()].map(({ xml, ...summary }) => ({ ...summary, versions: rows.filter((r) => r.key === summary.key).length }))
      );
    })
    .get('/definitions/:key', async (req, res) => {
      const versions = await store.definitions.versions(req.params.key);
      if (versions.length === 0) throw new NotFoundError(`no definition with key "${req.params.key}"`, { key: req.params.key });
      res.json({ key: req.params.key, versions });
    })
    .post('/definitions/:key/instances', validBody(startSchema), async (req, res) => {
      const details = await runtime.start({ key: String(req.params.key), businessKey: req.body.businessKey ?? null, variables: req.body.variables, actor: actorOf(req) });
      res.status(201).json(instanceView(details));
    });
}

export function instanceView(details: Awaited<ReturnType<Runtime['details']>>) {
  return { ...details.instance, variables: details.variables, activities: details.activities };
}
