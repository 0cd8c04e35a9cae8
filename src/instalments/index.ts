/**
 * Privatization by instalments (seed 002 Appendix 2 and para 8): the schedule, in tiyn and
 * calendar dates, and the application's rule on the initial contribution. A leaf: it imports no
 * other module; the working calendar comes in as a function.
 */
export {
  addCalendarDays,
  addMonths,
  instalmentDue,
  instalmentSchedule,
  InstalmentPlanError,
  maximumYears,
  minimumDownPaymentPercent,
  minimumDownPaymentTiyn,
  paymentWindowDays,
  planProblems,
  tengeText,
  toTiyn,
  type Instalment,
  type InstalmentPlan,
  type InstalmentSchedule,
} from './schedule.js';
export { instalmentApplicationProblems } from './application.js';
