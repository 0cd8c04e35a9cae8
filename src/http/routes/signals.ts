import { Router } from 'express';
import type { Runtime } from '../../engine/index.js';
import { actorOf } from '../actor.js';
import { validBody } from '../validate.js';
import { requirePermission } from '../auth.js';

export const signalSchema = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: { name: { type: 'string', minLength: 1 }, variables: { type: 'object' } },
} as const;

/** A signal is a broadcast: every instance waiting for it continues, and none waiting is not an error. */
export function signalsRouter(runtime: Runtime): Router {
  return Router().post('/signals', requirePermission('instances.manage'), validBody(signalSchema), async (req, res) => {
    const { name, variables } = req.body;
    res.json({ name, ...(await runtime.sendSignal(name, variables ?? {}, actorOf(req))) });
  });
}
