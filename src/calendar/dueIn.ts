import type { WorkingCalendar } from './calendar.js';
import { addDays } from './days.js';
import { localTime } from './zone.js';

/**
 * How far a due date is from now, as a clerk reads it: "2 working days left", "overdue by 3 hours".
 * - `overdue`: the due instant has passed.
 * - `workingDays`: working days (Kazakhstan's calendar with its decrees) between the two Almaty
 *   dates, counting the later date and not the earlier one: due tomorrow (a working day) is 1,
 *   due later today is 0; overdue since yesterday is 1 (if today is a working day).
 * - `hours`: whole hours of clock time between now and the due instant (rounded down).
 */
export interface DueIn {
  overdue: boolean;
  workingDays: number;
  hours: number;
}

/** Days scanned at most: a due date further off is counted as this many (terms are at most months). */
const horizon = 3660;

export function dueIn(calendar: Pick<WorkingCalendar, 'day'>, now: Date, dueAt: Date): DueIn {
  const overdue = dueAt.getTime() < now.getTime();
  const [from, to] = overdue ? [dueAt, now] : [now, dueAt];
  const last = localTime(to).date;
  let workingDays = 0;
  let date = localTime(from).date;
  for (let i = 0; date < last && i < horizon; i++) {
    date = addDays(date, 1);
    if (calendar.day(date).working) workingDays++;
  }
  return { overdue, workingDays, hours: Math.floor(Math.abs(dueAt.getTime() - now.getTime()) / 3_600_000) };
}
