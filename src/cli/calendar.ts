import { formatLocal, type TermUnit, type ScheduleName } from '../calendar/index.js';
import type { Calendars } from '../engine/index.js';
import { ValidationError } from '../errors/index.js';

export const calendarUsage = `  calendar list                          decrees that move days off
  calendar set DATE working|off REASON   record a decree (e.g. 2026-01-03 working "Decree No. 1")
  calendar remove DATE                   remove a decree
  calendar year YEAR                     the year's days off and decreed working days
  calendar deadline START AMOUNT UNIT [SCHEDULE]
                                         when a term ends (UNIT workingDays|calendarDays|workingHours|workingMinutes)`;

/** `qyzmet calendar …`: the same operations as /api/calendar, for an admin at a terminal. */
export async function calendarCommand(calendars: Calendars, args: string[], actor: string, out: (line: string) => void): Promise<void> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'list':
      for (const o of await calendars.overrides()) out(`${o.date}  ${o.kind === 'workingDay' ? 'working' : 'off    '}  ${o.reason}  (${o.updatedBy}, ${o.updatedAt})`);
      return;
    case 'set': {
      const [date, kind, ...reason] = rest;
      if (kind !== 'working' && kind !== 'off') throw new ValidationError(`kind "${kind ?? ''}" must be working or off`, { field: 'kind' });
      const row = await calendars.setOverride({ date, kind: kind === 'working' ? 'workingDay' : 'dayOff', reason: reason.join(' ') }, actor);
      out(`${row.date} is now ${kind === 'working' ? 'a working day' : 'a day off'}`);
      return;
    }
    case 'remove':
      await calendars.removeOverride(rest[0] ?? '');
      out(`${rest[0]} follows the law again`);
      return;
    case 'year': {
      const year = Number(rest[0]);
      if (!Number.isInteger(year) || year < 1992 || year > 2100) throw new ValidationError(`year "${rest[0] ?? ''}" must be a year from 1992 to 2100`, { field: 'year' });
      for (const day of (await calendars.fresh()).year(year)) {
        if (day.kind === 'working' || day.kind === 'weekend') continue;
        out(`${day.date}  ${day.kind.padEnd(17)}  ${day.name?.en ?? day.reason ?? ''}`);
      }
      return;
    }
    case 'deadline': {
      const [start, amount, unit, schedule] = rest;
      const at = new Date(start ?? '');
      if (Number.isNaN(at.getTime())) throw new ValidationError(`start "${start ?? ''}" is not an ISO instant`, { field: 'start' });
      const { registeredAt, dueAt } = (await calendars.fresh()).deadline(at, { amount: Number(amount), unit: unit as TermUnit, schedule: (schedule ?? 'provider') as ScheduleName });
      out(`registered ${formatLocal(registeredAt)}`);
      out(`due        ${formatLocal(dueAt)}`);
      return;
    }
    default:
      throw new ValidationError(`unknown calendar command "${sub ?? ''}"\n${calendarUsage}`, { field: 'command' });
  }
}
