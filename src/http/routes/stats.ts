import { Router } from 'express';
import { addDays, formatLocal } from '../../calendar/index.js';
import type { Clock } from '../../clock/index.js';
import { ValidationError } from '../../errors/index.js';
import type { Store } from '../../store/index.js';
import { seesEveryProvider, signedIn } from '../access.js';
import { requirePermission } from '../auth.js';
import { validQuery } from '../validate.js';
import type { Naming } from '../names.js';

export const statsQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    from: { type: 'string', format: 'date', description: 'first Almaty date of perDay (default: 13 days before to)' },
    to: { type: 'string', format: 'date', description: 'last Almaty date of perDay (default: today in Almaty)' },
  },
} as const;

/** The longest range of perDay, in days: a year and a leap day. */
const maxDays = 366;

/** The Almaty date of an instant (`2026-03-02`). */
const almatyDate = (instant: Date) => formatLocal(instant).slice(0, 10);

/**
 * The dashboard's numbers: running cases per definition and per step (open user tasks, pending
 * service calls), how many are overdue now, and cases started and finished per Almaty day.
 * Non-admins see their own provider's cases only, as everywhere. Processes and steps carry their
 * names as the latest version of their definition gives them.
 */
export function statsRouter(store: Store, clock: Clock, naming: Naming): Router {
  return Router().get('/stats', requirePermission('instances.read'), validQuery(statsQuerySchema), async (req, res) => {
    const principal = signedIn(req.principal);
    const provider = seesEveryProvider(principal) ? undefined : principal.provider;
    const now = clock.now();
    const q = req.query as { from?: string; to?: string };
    const to = q.to ?? almatyDate(now);
    const from = q.from ?? addDays(to, -13);
    if (from > to) throw new ValidationError(`from (${from}) is after to (${to})`, { fields: [{ field: 'from', message: 'must not be after to' }] });
    const days: string[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) {
      if (days.length === maxDays) throw new ValidationError(`from … to spans more than ${maxDays} days`, { fields: [{ field: 'from', message: `at most ${maxDays} days before to` }] });
      days.push(d);
    }
    // Almaty is ahead of UTC by less than a day: UTC hours from the day before `from` to the day
    // after `to` cover every Almaty hour of the range; each hour is then put in its Almaty date.
    const [byProcess, byStep, hours] = await Promise.all([
      store.stats.runningByProcess(now.toISOString(), provider),
      store.stats.runningByStep(now.toISOString(), provider),
      store.stats.perHour(`${addDays(from, -1)}T00:00:00.000Z`, `${addDays(to, 1)}T00:00:00.000Z`, provider),
    ]);
    const perDay = new Map(days.map((date) => [date, { date, started: 0, finished: 0 }]));
    for (const h of hours) {
      const day = perDay.get(almatyDate(new Date(`${h.hour}:00:00Z`)));
      if (!day) continue;
      day.started += h.started;
      day.finished += h.finished;
    }
    const keys = [...new Set([...byProcess, ...byStep].map((r) => r.definitionKey))];
    const names = new Map(await Promise.all(keys.map(async (key) => [key, await naming.latest(key)] as const)));
    const named = <T extends { definitionKey: string }>(row: T, elementId: string) => ({ ...row, names: names.get(row.definitionKey)!(elementId) });
    res.json({
      at: now.toISOString(),
      byProcess: byProcess.map((r) => named(r, r.definitionKey)),
      byStep: byStep.map((r) => named(r, r.elementId)),
      perDay: [...perDay.values()],
    });
  });
}
