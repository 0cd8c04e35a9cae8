import { Router } from 'express';
import type { Archiving, ArchivePeriod } from '../../retention/index.js';
import type { Clock } from '../../clock/index.js';
import { actorOf } from '../actor.js';
import { requirePermission } from '../auth.js';
import { validBody } from '../validate.js';

export const archivePeriodSchema = {
  type: 'object',
  required: ['days'],
  additionalProperties: false,
  properties: {
    days: { type: 'integer', minimum: 1, maximum: 36_500, description: 'calendar days after a case ended before it moves to the archive' },
    act: { type: 'string', minLength: 3, maxLength: 1000, description: 'the act or decision the period follows: name, number, date, article' },
  },
} as const;

/** What GET answers: the period, or nulls when none is set (archiving is off). */
function shown(period: ArchivePeriod | null) {
  return { days: period?.days ?? null, act: period?.act ?? null, setAt: period?.setAt ?? null, setBy: period?.setBy ?? null };
}

/**
 * Retention: the installation's archive period (finished cases move out of the hot tables that
 * many days after they ended; nothing is deleted), and a pass run on demand.
 */
export function archiveRouter(archiving: Archiving, clock: Clock): Router {
  const path = '/settings/archive-period';
  return Router()
    .get(path, async (_req, res) => {
      res.json(shown(await archiving.period()));
    })
    .put(path, requirePermission('settings.edit'), validBody(archivePeriodSchema), async (req, res) => {
      const body = req.body as { days: number; act?: string };
      res.json(shown(await archiving.setPeriod({ days: body.days, act: body.act?.trim() ?? null, setAt: clock.now().toISOString(), setBy: actorOf(req) })));
    })
    .delete(path, requirePermission('settings.edit'), async (_req, res) => {
      await archiving.clearPeriod();
      res.status(204).end();
    })
    .post('/archive/run', requirePermission('instances.manage'), async (_req, res) => {
      res.json(await archiving.run());
    });
}
