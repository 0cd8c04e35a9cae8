/**
 * Privatization by instalments (seed 002 Appendix 2: "by redemption at the residual value (or in
 * installments for a period of ___ (up to ten years), in equal amounts, the initial contribution
 * ___ (not less than 30%)"; para 8: the price is paid within 30 calendar days after the agreement).
 *
 * Money is in tiyn (1 tenge = 100 tiyn), always a safe integer, so no sum ever drifts; dates are
 * ISO calendar dates (YYYY-MM-DD, Almaty). A leaf: the working calendar comes in as a function.
 */

/** Appendix 2: "not less than 30%". */
export const minimumDownPaymentPercent = 30;
/** Appendix 2: "up to ten years". */
export const maximumYears = 10;
/** Para 8: the initial contribution (the whole price, for redemption) within 30 calendar days of the agreement. */
export const paymentWindowDays = 30;

/** A plan that cannot be: `field` names the input at fault (`downPayment`, `instalmentYears`, …). */
export class InstalmentPlanError extends Error {
  constructor(
    readonly field: string,
    message: string
  ) {
    super(`${field} ${message}`);
    this.name = 'InstalmentPlanError';
  }
}

export interface InstalmentPlan {
  /** The residual value of the dwelling, in tiyn. */
  priceTiyn: number;
  /** The initial contribution, in tiyn: at least 30 % of the price, less than all of it. */
  downPaymentTiyn: number;
  /** 1 to 10 whole years of monthly instalments after the initial contribution. */
  years: number;
  /** YYYY-MM-DD: the day the privatization agreement was concluded. */
  agreementDate: string;
}

export interface Instalment {
  /** 1-based. */
  number: number;
  /** YYYY-MM-DD. */
  due: string;
  amountTiyn: number;
  /** What is still owed after this instalment is paid, in tiyn. */
  remainingTiyn: number;
}

export interface InstalmentSchedule {
  priceTiyn: number;
  downPaymentTiyn: number;
  /** YYYY-MM-DD: the agreement's date + 30 calendar days (para 8), moved to the next working day if it is a day off. */
  downPaymentDue: string;
  /** priceTiyn − downPaymentTiyn, paid in `instalments`. */
  restTiyn: number;
  years: number;
  /** One per month: `years` × 12; amounts differ by at most one tiyn and add up to `restTiyn` exactly. */
  instalments: Instalment[];
}

/**
 * The schedule of a plan. Appendix 2 says "in equal amounts" and names no period between them:
 * Qyzmet reads it as monthly instalments (README, *Instalments*). The rest after the initial
 * contribution is split into `years × 12` amounts, equal to the tiyn — the first few one tiyn more
 * when it does not divide — so the sum is exact. Instalment k is due k months after the initial
 * contribution's due date, on the same day of the month (the month's last day when it has no such
 * day); a due date on a day off moves to the next working day, as the Civil Code counts the end of a
 * term, when `workingDayOnOrAfter` is given (the Kazakhstan calendar with its decrees).
 *
 * Throws InstalmentPlanError naming the field for a plan the act does not allow.
 */
export function instalmentSchedule(plan: InstalmentPlan, options: { workingDayOnOrAfter?: (date: string) => string } = {}): InstalmentSchedule {
  const problem = planProblems(plan)[0];
  if (problem) throw new InstalmentPlanError(problem.field, problem.message);
  const shift = options.workingDayOnOrAfter ?? ((date: string) => date);
  const contributionDue = addCalendarDays(plan.agreementDate, paymentWindowDays);
  const restTiyn = plan.priceTiyn - plan.downPaymentTiyn;
  const count = plan.years * 12;
  const base = Math.floor(restTiyn / count);
  const extra = restTiyn - base * count;
  let remaining = restTiyn;
  const instalments: Instalment[] = [];
  for (let k = 1; k <= count; k++) {
    const amountTiyn = base + (k <= extra ? 1 : 0);
    remaining -= amountTiyn;
    instalments.push({ number: k, due: shift(addMonths(contributionDue, k)), amountTiyn, remainingTiyn: remaining });
  }
  return { priceTiyn: plan.priceTiyn, downPaymentTiyn: plan.downPaymentTiyn, downPaymentDue: shift(contributionDue), restTiyn, years: plan.years, instalments };
}

/** What is wrong with a plan, each naming its field; empty when the act allows it. */
export function planProblems(plan: InstalmentPlan): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (!Number.isSafeInteger(plan.priceTiyn) || plan.priceTiyn <= 0) problems.push({ field: 'priceTiyn', message: 'must be a positive whole number of tiyn' });
  if (!Number.isSafeInteger(plan.downPaymentTiyn) || plan.downPaymentTiyn < 0) problems.push({ field: 'downPaymentTiyn', message: 'must be a whole number of tiyn' });
  if (!Number.isInteger(plan.years) || plan.years < 1 || plan.years > maximumYears) problems.push({ field: 'years', message: `must be a whole number of years from 1 to ${maximumYears} (Appendix 2 to the Rules)` });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(plan.agreementDate) || Number.isNaN(Date.parse(`${plan.agreementDate}T00:00:00Z`))) problems.push({ field: 'agreementDate', message: 'must be a date (YYYY-MM-DD)' });
  if (problems.length) return problems;
  const down = downPaymentProblem(plan.priceTiyn, plan.downPaymentTiyn);
  return down ? [{ field: 'downPaymentTiyn', message: down }] : [];
}

/** Why a contribution does not fit the price (both in tiyn), or undefined: compared in integers, 30 % of 1 tiyn is never rounded away. */
export function downPaymentProblem(priceTiyn: number, downPaymentTiyn: number): string | undefined {
  if (downPaymentTiyn * 100 < priceTiyn * minimumDownPaymentPercent) return `must be at least ${minimumDownPaymentPercent} % of the residual value (${tengeText(minimumDownPaymentTiyn(priceTiyn))} tenge; Appendix 2 to the Rules)`;
  if (downPaymentTiyn >= priceTiyn) return 'must be less than the residual value: paying all of it at once is redemption, not instalments';
  return undefined;
}

/** The smallest initial contribution the act allows, in tiyn (30 %, rounded up to the tiyn). */
export function minimumDownPaymentTiyn(priceTiyn: number): number {
  return Math.ceil((priceTiyn * minimumDownPaymentPercent) / 100);
}

/**
 * Tenge as a person writes them (12480000, 3744000.5, "3744000.50") → tiyn, from the decimal text,
 * never by multiplying a float. Throws RangeError for a negative amount, more than two decimals,
 * or an amount past what a safe integer holds.
 */
export function toTiyn(tenge: number | string): number {
  // A number's shortest text (String(3744000.5) = "3744000.5") is the decimal the person typed:
  // JSON hands it over as the nearest double, and that double prints back as the same digits.
  const text = typeof tenge === 'number' ? String(tenge) : tenge.trim();
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) throw new RangeError(`${text} is not an amount in tenge with at most two decimals (tiyn)`);
  const tiyn = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(tiyn)) throw new RangeError(`${text} tenge is more than Qyzmet counts exactly`);
  return tiyn;
}

/** 374400050 → "3 744 000,50" (no-break spaces, a decimal comma, tiyn only when there are any). */
export function tengeText(tiyn: number): string {
  const whole = Math.floor(tiyn / 100);
  const fraction = tiyn % 100;
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return fraction ? `${grouped},${String(fraction).padStart(2, '0')}` : grouped;
}

/** YYYY-MM-DD + n calendar days. */
export function addCalendarDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** YYYY-MM-DD + n months, on the same day of the month or the month's last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * Instalment `number` (1-based) of a schedule as a payment check needs it: its due date and what
 * must have been paid in all by then — the initial contribution and instalments 1 to `number`, in
 * tiyn — so that one check counts a late earlier instalment paid since. Undefined past the last.
 */
export function instalmentDue(schedule: Pick<InstalmentSchedule, 'downPaymentTiyn' | 'instalments'>, number: number): { number: number; due: string; amountTiyn: number; cumulativeTiyn: number } | undefined {
  const instalment = schedule.instalments[number - 1];
  if (!Number.isInteger(number) || number < 1 || !instalment) return undefined;
  const cumulativeTiyn = schedule.instalments.slice(0, number).reduce((sum, i) => sum + i.amountTiyn, schedule.downPaymentTiyn);
  return { number, due: instalment.due, amountTiyn: instalment.amountTiyn, cumulativeTiyn };
}
