import { Router } from 'express';
import { formatLocal, scheduleNames, termUnits, type ScheduleName, type TermUnit } from '../../calendar/index.js';
import type { Calendars } from '../../engine/index.js';
import { ValidationError } from '../../errors/index.js';
import { actorOf } from '../actor.js';
import { validBody, validQuery } from '../validate.js';
import { requirePermission } from '../auth.js';

export const deadlineQuerySchema = {
  type: 'object',
  required: ['start', 'amount', 'unit'],
  additionalProperties: false,
  properties: {
    start: { type: 'string', format: 'date-time' },
    amount: { type: 'integer' },
    unit: { enum: termUnits },
    schedule: { enum: scheduleNames },
  },
} as const;

export const overrideSchema = {
  type: 'object',
  required: ['kind', 'reason'],
  additionalProperties: false,
  properties: { kind: { enum: ['workingDay', 'dayOff'] }, reason: { type: 'string', minLength: 1, maxLength: 1000 } },
} as const;

/** The Kazakhstan working-time calendar: deadlines, the days of a year, and the decrees that move days. */
export function calendarRouter(calendars: Calendars): Router {
  return Router()
    .get('/calendar/deadline', validQuery(deadlineQuerySchema), async (req, res) => {
      const q = req.query as unknown as { start: string; amount: number; unit: TermUnit; schedule?: ScheduleName };
      const calendar = await calendars.fresh();
      const { registeredAt, dueAt } = calendar.deadline(new Date(q.start), { amount: q.amount, unit: q.unit, schedule: q.schedule ?? 'provider' });
      res.json({ registeredAt: formatLocal(registeredAt), dueAt: formatLocal(dueAt) });
    })
    .get('/calendar/overrides', async (_req, res) => {
      res.json(await calendars.overrides());
    })
    .put('/calendar/overrides/:date', requirePermission('calendar.edit'), validBody(overrideSchema), async (req, res) => {
      res.json(await calendars.setOverride({ date: req.params.date, kind: req.body.kind, reason: req.body.reason }, actorOf(req)));
    })
    .delete('/calendar/overrides/:date', requirePermission('calendar.edit'), async (req, res) => {
      await calendars.removeOverride(String(req.params.date));
      res.status(204).end();
    })
    .get('/calendar/:year', async (req, res) => {
      const year = Number(req.params.year);
      if (!/^\d{4}$/.test(req.params.year) || year < 1992 || year > 2100) {
        throw new ValidationError(`year "${req.params.year}" must be a year from 1992 to 2100`, { field: 'year' });
      }
      res.json((await calendars.fresh()).year(year));
    });
}
