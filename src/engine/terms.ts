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

/** A term counted from the case's registration instead of from when its task starts. */
export type AnchoredTerm = Term & { from?: 'registration' };

/**
 * `${sinceRegistration(workingDays(2))}`: the task is due when the term counted from the case's
 * registration ends, not from when the task itself started — for a regulation that gives several
 * steps one term together (seed 000 para 9.2: the refusal for an incomplete package, reviewed and
 * signed, goes out within 2 working days of registration). Task due dates only: a timer refuses it.
 */
export function sinceRegistration(term: unknown): AnchoredTerm {
  if (!isTerm(term)) throw new TypeError('sinceRegistration(…) takes a term such as workingDays(2)');
  return { ...term, from: 'registration' };
}

/** A term, also as it comes back from a saved engine state (a plain object). */
export function isTerm(value: unknown): value is AnchoredTerm {
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
export function describeTerm(term: AnchoredTerm): string {
  const [one, many] = unitWords[term.unit];
  return `${term.amount} ${term.amount === 1 ? one : many}${term.schedule === 'provider' ? '' : ` (${term.schedule})`}${term.from === 'registration' ? ' since registration' : ''}`;
}

/** Every FEEL function of terms a diagram may call. */
export const termScope: Readonly<Record<string, (...args: unknown[]) => unknown>> = { ...termFunctions, sinceRegistration } as Record<string, (...args: unknown[]) => unknown>;
