import { Router } from 'express';
import type { Runtime } from '../../engine/index.js';
import { actorOf } from '../actor.js';
import { validBody } from '../validate.js';
import { instanceView } from './definitions.js';
import { requirePermission } from '../auth.js';
import type { Naming } from '../names.js';

export const messageSchema = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: { name: { type: 'string', minLength: 1 }, businessKey: { type: 'string' }, variables: { type: 'object' } },
} as const;

export function messagesRouter(runtime: Runtime, naming: Naming): Router {
  return Router().post('/messages', requirePermission('instances.start'), validBody(messageSchema), async (req, res) => {
    const { name, businessKey, variables } = req.body;
    res.json(await instanceView(await runtime.correlateMessage(name, businessKey, variables ?? {}, actorOf(req)), naming));
  });
}
