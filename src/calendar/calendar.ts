import { ValidationError } from '../errors/index.js';
import { addDays, datesOfYear, isIsoDate, weekday } from './days.js';
import { statutoryDaysOff, type HolidayName } from './holidays.js';
import { intervalsOf, schedules as defaultSchedules, type Schedule, type ScheduleName } from './schedules.js';
import { instantOf, localTime } from './zone.js';

/** A government decree moving a day: a Saturday made a working day, a Monday made a day off. */
export interface CalendarOverride {
  date: string;
  kind: 'workingDay' | 'dayOff';
  reason: string;
}

export type DayKind = 'working' | 'weekend' | 'holiday' | 'substitute' | 'decreedWorkingDay' | 'decreedDayOff';

export interface CalendarDay {
  date: string;
  kind: DayKind;
  /** Whether terms in working days count it. */
  working: boolean;
  /** Holidays and substitute days: the holiday. */
  name?: HolidayName;
  /** Decrees: why. */
  reason?: string;
}

/** When an application counts as registered: at the next opening (after-hours rule) or as filed. */
export type RegistrationRule = 'nextOpening' | 'asFiled';
export const registrationRules: readonly RegistrationRule[] = ['nextOpening', 'asFiled'];

export type TermUnit = 'workingDays' | 'calendarDays' | 'workingHours' | 'workingMinutes';
export const termUnits: readonly TermUnit[] = ['workingDays', 'calendarDays', 'workingHours', 'workingMinutes'];

/** A statutory term as a regulation states it: "8 working days", "15 working minutes". */
export interface Term {
  amount: number;
  unit: TermUnit;
  schedule: ScheduleName;
}

/** The most each unit allows: a thousand days, or as many working hours and minutes. */
export const termLimits: Readonly<Record<TermUnit, number>> = {
  workingDays: 1000,
  calendarDays: 1000,
  workingHours: 1000 * 8,
  workingMinutes: 1000 * 8 * 60,
};

const minuteMs = 60_000;
/** The longest a search for the next open day may run: far past any run of days off. */
const searchDays = 3 * 366;

export interface WorkingCalendar {
  day(date: string): CalendarDay;
  year(year: number): CalendarDay[];
  /** When an application that arrives at `at` is registered: now if the office is open, else at its next opening. */
  registrationMoment(at: Date, schedule: ScheduleName): Date;
  /**
   * When a term that starts with an application arriving at `start` ends. `registration`:
   * `nextOpening` (the default) applies the after-hours rule (seed 000 para 9.1: an application
   * after hours, on a weekend or a holiday counts from the next opening); `asFiled` counts from the
   * moment the package was handed in or the application made (seed 004 para 6 has no such rule).
   */
  deadline(start: Date, term: Term, options?: { registration?: RegistrationRule }): { registeredAt: Date; dueAt: Date };
  /**
   * The last moment at which `term` (working or calendar days) still lies whole between it and
   * `dueAt`: the close of the day that many days before `dueAt`'s day — "sent at least 3 working
   * days before the end of the term" (seed 001 para 13, seed 003 para 17). A calendar-day count
   * that lands on a day off moves back to the working day before it (the office acts on working
   * days). May lie before any given start: the caller decides what a notice already late means.
   */
  latestBefore(dueAt: Date, term: Term): Date;
  /** The office hours of a schedule, as this calendar counts them. */
  schedule(name: ScheduleName): Schedule;
  /** Working time left from `now` until `dueAt` in the schedule's office hours, in minutes (0 when overdue). */
  remainingMinutes(now: Date, dueAt: Date, schedule: ScheduleName): number;
}

/** Checks a term's parts, naming the field at fault. */
export function checkTerm(term: { amount: unknown; unit: unknown; schedule?: unknown }): Term {
  if (typeof term.unit !== 'string' || !termUnits.includes(term.unit as TermUnit)) {
    throw new ValidationError(`unit "${String(term.unit)}" is not one of ${termUnits.join(', ')}`, { field: 'unit' });
  }
  const unit = term.unit as TermUnit;
  const amount = term.amount;
  if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 1 || amount > termLimits[unit]) {
    throw new ValidationError(`amount ${String(amount)} must be a whole number of ${unit} from 1 to ${termLimits[unit]}`, { field: 'amount' });
  }
  const schedule = term.schedule ?? 'provider';
  if (typeof schedule !== 'string' || !(schedule in defaultSchedules)) {
    throw new ValidationError(`schedule "${String(schedule)}" is not one of ${Object.keys(defaultSchedules).join(', ')}`, { field: 'schedule' });
  }
  return { amount, unit, schedule: schedule as ScheduleName };
}

/**
 * Kazakhstan's working-time calendar (Labour Code, Civil Code arts. 171 and 173) with the decrees
 * in force. Immutable: new overrides make a new calendar. `hours` replaces a schedule's default
 * office hours (a provider's established schedule).
 */
export function createWorkingCalendar(overrides: readonly CalendarOverride[] = [], hours: Partial<Record<ScheduleName, Schedule>> = {}): WorkingCalendar {
  const decreed = new Map(overrides.map((o) => [o.date, o]));
  const schedules: Record<ScheduleName, Schedule> = { ...defaultSchedules, ...hours };

  function day(date: string): CalendarDay {
    const decree = decreed.get(date);
    if (decree) return { date, kind: decree.kind === 'workingDay' ? 'decreedWorkingDay' : 'decreedDayOff', working: decree.kind === 'workingDay', reason: decree.reason };
    const off = statutoryDaysOff(Number(date.slice(0, 4))).get(date);
    if (off) return { date, kind: off.kind, working: false, name: off.name };
    const dow = weekday(date);
    return dow === 0 || dow === 6 ? { date, kind: 'weekend', working: false } : { date, kind: 'working', working: true };
  }

  const isWorkingDay = (date: string) => day(date).working;

  /** Whether the office receives on a date: every working day, and the State Corporation's ordinary Saturdays. */
  function isOpen(date: string, schedule: Schedule): boolean {
    const d = day(date);
    return d.working || (schedule.saturdays && d.kind === 'weekend' && weekday(date) === 6);
  }

  function nextOpenDay(after: string, schedule: Schedule): string {
    let date = after;
    for (let i = 0; i < searchDays; i++) {
      date = addDays(date, 1);
      if (isOpen(date, schedule)) return date;
    }
    throw new Error(`no open day within ${searchDays} days after ${after}`);
  }

  function previousWorkingDay(from: string): string {
    let date = from;
    for (let i = 0; i < searchDays && !isWorkingDay(date); i++) date = addDays(date, -1);
    return date;
  }

  function nextWorkingDay(from: string): string {
    let date = from;
    for (let i = 0; i < searchDays && !isWorkingDay(date); i++) date = addDays(date, 1);
    return date;
  }

  function registrationMoment(at: Date, scheduleName: ScheduleName): Date {
    const schedule = schedules[scheduleName];
    const { date, ms } = localTime(at);
    if (isOpen(date, schedule) && ms < schedule.closes * minuteMs) {
      return ms < schedule.opens * minuteMs ? instantOf(date, schedule.opens * minuteMs) : at;
    }
    return instantOf(nextOpenDay(date, schedule), schedule.opens * minuteMs);
  }

  /** Civil Code art. 171: the term runs from the day after registration; it ends when the office closes on its last day. */
  function addWorkingDays(registeredAt: Date, amount: number, schedule: Schedule): Date {
    let date = localTime(registeredAt).date;
    for (let counted = 0; counted < amount; ) {
      date = addDays(date, 1);
      if (isWorkingDay(date)) counted++;
    }
    return instantOf(date, schedule.closes * minuteMs);
  }

  /** Civil Code art. 173: a last day that is not a working day moves to the next working day. */
  function addCalendarDays(registeredAt: Date, amount: number, schedule: Schedule): Date {
    const last = nextWorkingDay(addDays(localTime(registeredAt).date, amount));
    return instantOf(last, schedule.closes * minuteMs);
  }

  /** Counted inside office hours only: lunch, nights, weekends and holidays do not run. */
  function addWorkingMinutes(start: Date, minutes: number, schedule: Schedule): Date {
    let left = minutes * minuteMs;
    const { date: firstDate, ms: startMs } = localTime(start);
    for (let date = firstDate, i = 0; i < searchDays * 4; i++, date = addDays(date, 1)) {
      if (!isOpen(date, schedule)) continue;
      for (const [from, to] of intervalsOf(schedule)) {
        const begin = Math.max(from * minuteMs, date === firstDate ? startMs : 0);
        const end = to * minuteMs;
        if (begin >= end) continue;
        if (left <= end - begin) return instantOf(date, begin + left);
        left -= end - begin;
      }
    }
    throw new Error(`${minutes} working minutes do not fit in the calendar`);
  }

  function workingMsBetween(from: Date, to: Date, schedule: Schedule): number {
    if (to <= from) return 0;
    let total = 0;
    const first = localTime(from);
    const last = localTime(to);
    for (let date = first.date, i = 0; date <= last.date && i < searchDays * 4; i++, date = addDays(date, 1)) {
      if (!isOpen(date, schedule)) continue;
      for (const [start, end] of intervalsOf(schedule)) {
        const begin = Math.max(start * minuteMs, date === first.date ? first.ms : 0);
        const finish = Math.min(end * minuteMs, date === last.date ? last.ms : Infinity);
        if (finish > begin) total += finish - begin;
      }
    }
    return total;
  }

  return {
    day,
    year: (year) => datesOfYear(year).map(day),
    registrationMoment,
    schedule: (name) => schedules[name],
    deadline(start, term, options = {}) {
      const { amount, unit, schedule: scheduleName } = checkTerm(term);
      const schedule = schedules[scheduleName];
      const registeredAt = options.registration === 'asFiled' ? start : registrationMoment(start, scheduleName);
      switch (unit) {
        case 'workingDays':
          return { registeredAt, dueAt: addWorkingDays(registeredAt, amount, schedule) };
        case 'calendarDays':
          return { registeredAt, dueAt: addCalendarDays(registeredAt, amount, schedule) };
        case 'workingHours':
          return { registeredAt, dueAt: addWorkingMinutes(registeredAt, amount * 60, schedule) };
        case 'workingMinutes':
          return { registeredAt, dueAt: addWorkingMinutes(registeredAt, amount, schedule) };
      }
    },
    latestBefore(dueAt, term) {
      const { amount, unit, schedule: scheduleName } = checkTerm(term);
      const schedule = schedules[scheduleName];
      let date = localTime(dueAt).date;
      if (unit === 'workingDays') {
        for (let counted = 0; counted < amount; ) {
          date = addDays(date, -1);
          if (isWorkingDay(date)) counted++;
        }
      } else if (unit === 'calendarDays') {
        date = previousWorkingDay(addDays(date, -amount));
      } else {
        throw new ValidationError(`a lead time before a term's end is counted in workingDays or calendarDays, not ${unit}`, { field: 'unit' });
      }
      return instantOf(date, schedule.closes * minuteMs);
    },
    remainingMinutes(now, dueAt, scheduleName) {
      return Math.floor(workingMsBetween(now, dueAt, schedules[scheduleName]) / minuteMs);
    },
  };
}

export { isIsoDate };
