import { Router } from 'express';
import { ForbiddenError, ValidationError } from '../../errors/index.js';
import type { Clock } from '../../clock/index.js';
import { validBody } from '../validate.js';

export const clockSchema = { type: 'object', required: ['now'], additionalProperties: false, properties: { now: { type: 'string', format: 'date-time' } } } as const;

/** Reading the clock is always allowed; moving it only with QYZMET_CLOCK=manual (tests and demos). */
export function clockRouter(clock: Clock, move: ((to: Date) => Promise<void>) | undefined): Router {
  return Router()
    .get('/clock', (_req, res) => {
      res.json({ now: clock.now().toISOString(), movable: clock.movable });
    })
    .post('/clock', validBody(clockSchema), async (req, res) => {
      if (!move) throw new ForbiddenError('the clock can only be moved when the server runs with QYZMET_CLOCK=manual');
      const to = new Date(req.body.now);
      if (to.getTime() < clock.now().getTime()) throw new ValidationError('now: the clock only moves forward', { field: 'now' });
      await move(to);
      res.json({ now: clock.now().toISOString(), movable: true });
    });
}
