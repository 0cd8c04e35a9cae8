import { performance } from 'node:perf_hooks';
import { createWorkingCalendar, isIsoDate, type Schedule, type ScheduleName, type WorkingCalendar } from '../calendar/index.js';
import type { Clock } from '../clock/index.js';
import { NotFoundError, ValidationError } from '../errors/index.js';
import type { CalendarOverrideRow, Store } from '../store/index.js';

/** The working calendar with the government's decrees as stored; the one every deadline uses. */
export interface Calendars {
  /** The calendar as last read, for code that runs inside an engine step. */
  current(): WorkingCalendar;
  /** The calendar with decrees read no longer than `maxAgeMs` ago (another node may have changed them). */
  fresh(): Promise<WorkingCalendar>;
  overrides(): Promise<CalendarOverrideRow[]>;
  setOverride(override: { date: unknown; kind: unknown; reason: unknown }, actor: string): Promise<CalendarOverrideRow>;
  removeOverride(date: string): Promise<void>;
}

export function createCalendars(deps: { store: Store; clock: Clock; maxAgeMs?: number; hours?: Partial<Record<ScheduleName, Schedule>> }): Calendars {
  const { store, clock, maxAgeMs = 5000, hours = {} } = deps;
  let calendar = createWorkingCalendar([], hours);
  let readAt = Number.NEGATIVE_INFINITY;

  async function reload() {
    const rows = await store.calendar.list();
    calendar = createWorkingCalendar(rows, hours);
    readAt = performance.now();
    return calendar;
  }

  return {
    current: () => calendar,
    fresh: () => (performance.now() - readAt < maxAgeMs ? Promise.resolve(calendar) : reload()),
    overrides: () => store.calendar.list(),

    async setOverride({ date, kind, reason }, actor) {
      if (typeof date !== 'string' || !isIsoDate(date)) throw new ValidationError(`date "${String(date)}" is not a date (YYYY-MM-DD)`, { field: 'date' });
      if (kind !== 'workingDay' && kind !== 'dayOff') throw new ValidationError(`kind "${String(kind)}" must be workingDay or dayOff`, { field: 'kind' });
      if (typeof reason !== 'string' || !reason.trim()) throw new ValidationError('reason is required: name the decree', { field: 'reason' });
      // What the day is without any decree, so that a decree that changes nothing is caught.
      const byLaw = createWorkingCalendar().day(date);
      if (byLaw.working === (kind === 'workingDay')) {
        throw new ValidationError(`${date} is already ${byLaw.working ? 'a working day' : 'a day off'} (${byLaw.kind}); the decree would change nothing`, { field: 'kind' });
      }
      const row: CalendarOverrideRow = { date, kind, reason: reason.trim(), updatedAt: clock.now().toISOString(), updatedBy: actor };
      await store.calendar.put(row);
      await reload();
      return row;
    },

    async removeOverride(date) {
      if (!(await store.calendar.remove(date))) throw new NotFoundError(`no decree for ${date}`, { date });
      await reload();
    },
  };
}
