import { Router } from 'express';
import { ForbiddenError, ValidationError } from '../../errors/index.js';
import type { Clock } from '../../clock/index.js';
import { validBody } from '../validate.js';
import { requirePermission } from '../auth.js';

/** Where a manual clock stops (see the route). */
const latestInstant = '9000-01-01T00:00:00.000Z';

export const clockSchema = { type: 'object', required: ['now'], additionalProperties: false, properties: { now: { type: 'string', format: 'date-time' } } } as const;

/**
 * Reading the clock is always allowed; moving it only with QYZMET_CLOCK=manual (tests and demos),
 * and only forward: `move` refuses an earlier instant with a 400 naming `now`.
 */
export function clockRouter(clock: Clock, move: ((to: Date) => Promise<void>) | undefined): Router {
  return Router()
    .get('/clock', (_req, res) => {
      res.json({ now: clock.now().toISOString(), movable: clock.movable });
    })
    .post('/clock', requirePermission('instances.manage'), validBody(clockSchema), async (req, res) => {
      if (!move) throw new ForbiddenError('the clock can only be moved when the server runs with QYZMET_CLOCK=manual');
      // Instants are stored as ISO text and compared as text, which holds for four-digit years
      // only; terms and sessions reach years past now, so the clock stays well short of 9999.
      if (Date.parse(req.body.now) >= Date.parse(latestInstant)) throw new ValidationError(`now: ${req.body.now} is past the latest instant the clock moves to, ${latestInstant}`, { field: 'now' });
      await move(new Date(req.body.now));
      res.json({ now: clock.now().toISOString(), movable: true });
    });
}
