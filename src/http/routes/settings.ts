import { Router } from 'express';
import type { Clock } from '../../clock/index.js';
import { incomeLimits, incomeLimitUnit, type IncomeLimit } from '../../engine/index.js';
import type { Store } from '../../store/index.js';
import { actorOf } from '../actor.js';
import { requirePermission } from '../auth.js';
import { validBody } from '../validate.js';

export const incomeLimitSchema = {
  type: 'object',
  required: ['tengePerMonthPerMember', 'act'],
  additionalProperties: false,
  properties: {
    tengePerMonthPerMember: { type: 'integer', minimum: 1, maximum: 1_000_000_000, description: 'tenge per month per family member (the 12 months\' average)' },
    act: { type: 'string', minLength: 3, maxLength: 1000, description: 'the act that sets the figure: name, number, date, provision' },
  },
} as const;

/** What GET answers: the limit with its unit, or nulls when none is set (the employee finds on the income). */
function shown(limit: IncomeLimit | null) {
  return { tengePerMonthPerMember: limit?.tengePerMonthPerMember ?? null, unit: incomeLimitUnit, act: limit?.act ?? null, setAt: limit?.setAt ?? null, setBy: limit?.setBy ?? null };
}

/**
 * The installation's settings the regulations leave to the act in force: the income limit of the
 * waiting list's socially vulnerable list (seed 001 para 11 checks the income and names no figure).
 * A changed limit decides the cases registered after it; a case keeps the one it read.
 */
export function settingsRouter(store: Store, clock: Clock): Router {
  const limits = incomeLimits(store);
  const path = '/settings/waiting-list-income-limit';
  return Router()
    .get(path, async (_req, res) => {
      res.json(shown(await limits.get()));
    })
    .put(path, requirePermission('settings.edit'), validBody(incomeLimitSchema), async (req, res) => {
      const body = req.body as { tengePerMonthPerMember: number; act: string };
      res.json(shown(await limits.set({ tengePerMonthPerMember: body.tengePerMonthPerMember, act: body.act.trim(), setAt: clock.now().toISOString(), setBy: actorOf(req) })));
    })
    .delete(path, requirePermission('settings.edit'), async (_req, res) => {
      await limits.clear();
      res.status(204).end();
    });
}
