/**
 * Kazakhstan's working-time calendar and statutory deadlines. A leaf: it knows nothing of BPMN or
 * the database; decrees come in as a list of overrides.
 */
export { checkTerm, createWorkingCalendar, isIsoDate, registrationRules, termLimits, termUnits } from './calendar.js';
export type { CalendarDay, CalendarOverride, DayKind, RegistrationRule, Term, TermUnit, WorkingCalendar } from './calendar.js';
export type { HolidayName, StatutoryDayOff } from './holidays.js';
export { parseOfficeHours, scheduleNames, schedules, type Schedule, type ScheduleName } from './schedules.js';
export { formatLocal, timeZone } from './zone.js';
export { addDays } from './days.js';
export { dueIn, type DueIn } from './dueIn.js';
