import { checkTerm, termUnits, type Term, type TermUnit } from '../calendar/index.js';

/**
 * Statutory terms in diagrams. A timer or a task deadline that the regulation states in working
 * time says so in FEEL, where an analyst reading the diagram sees it:
 *
 *   <timeDuration>${workingDays(8)}</timeDuration>
 *   <userTask camunda:dueDate="${workingMinutes(15, "stateCorporation")}"/>
 *
 * Each function returns the term; the Kazakhstan calendar turns it into an instant when the timer
 * or task starts. Plain ISO 8601 durations (P30D) keep meaning calendar time.
 */
export const termFunctions: Readonly<Record<TermUnit, (amount: unknown, schedule?: unknown) => Term>> = Object.fromEntries(
  termUnits.map((unit) => [unit, (amount: unknown, schedule?: unknown) => checkTerm({ amount, unit, schedule: schedule ?? undefined })])
) as Record<TermUnit, (amount: unknown, schedule?: unknown) => Term>;

/** A term, also as it comes back from a saved engine state (a plain object). */
export function isTerm(value: unknown): value is Term {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.amount === 'number' && typeof v.unit === 'string' && termUnits.includes(v.unit as TermUnit) && typeof v.schedule === 'string';
}

const unitWords: Record<TermUnit, [string, string]> = {
  workingDays: ['working day', 'working days'],
  calendarDays: ['calendar day', 'calendar days'],
  workingHours: ['working hour', 'working hours'],
  workingMinutes: ['working minute', 'working minutes'],
};

/** "8 working days", as the regulation says it. */
export function describeTerm(term: Term): string {
  const [one, many] = unitWords[term.unit];
  return `${term.amount} ${term.amount === 1 ? one : many}${term.schedule === 'provider' ? '' : ` (${term.schedule})`}`;
}
