import type { WorkingCalendar } from '../../calendar/index.js';
import type { Clock } from '../../clock/index.js';
import { termFunctions } from '../terms.js';
import { addCalendarDays, instalmentDue, instalmentSchedule, paymentWindowDays, planProblems, tengeText, toTiyn, type InstalmentSchedule } from '../../instalments/index.js';
import type { ServiceHandler } from './index.js';

/**
 * `privatization.paymentTerms` (seed 002 para 8 and Appendix 2): what the citizen owes after the
 * privatization agreement and by when, ready for `gateway.payments` and the schedule's PDF.
 *
 * Reads `privatizationMethod` (gratuitous | redemption | instalments), `residualValue` and, for
 * instalments, `downPayment` (tenge, as the application gives them; the provider may have set
 * `residualValue` since), `instalmentYears`, and `agreementDate` (YYYY-MM-DD, the agreement's day).
 * Writes `amountDueTiyn` (0 when gratuitous; the whole price for redemption; the initial
 * contribution for instalments), `paymentDueDate` (the agreement + 30 calendar days, on the next
 * working day if that is a day off; null when gratuitous — para 8: no payment) and
 * `paymentSchedule` (src/instalments: every monthly instalment's due date and amount in tiyn;
 * null unless by instalments). With `exemptionSubparagraph` (the executor found a case of para 23 of
 * the Rules of privatization, Government decree No. 673 of 2 July 2013, with its document:
 * `exemptionDocumentKind`, `exemptionDocumentNumber`, `exemptionDocumentDate`) nothing is owed and
 * `paymentExemption` records which case and document. A wrong input fails the job naming the
 * variable (an incident).
 *
 * `privatization.transferTerms` (seed 002 para 6(2)–(3)), run the moment the housing commission's
 * decision is issued: a communal institution's dwelling is transferred to the communal stock, and
 * a republican one's transfer decided by the state-property body, within 15 calendar days of that
 * decision — a term anchored on the decision, not on the task that carries it. Writes `decisionAt`
 * and `transferDueAt` (ISO instants; the provider's closing time on the 15th calendar day, as the
 * calendar counts calendar-day terms).
 */
export function privatizationServices(calendar: () => Promise<WorkingCalendar>, clock: Clock): Record<string, ServiceHandler> {
  return {
    'privatization.transferTerms': async () => {
      const decisionAt = clock.now();
      const { dueAt } = (await calendar()).deadline(decisionAt, termFunctions.calendarDays(15));
      return { decisionAt: decisionAt.toISOString(), transferDueAt: dueAt.toISOString() };
    },
    'privatization.paymentTerms': async (input) => {
      const v = input.variables;
      const method = v.privatizationMethod;
      if (method === 'gratuitous') return { amountDueTiyn: 0, paymentDueDate: null, paymentSchedule: null };
      if (method !== 'redemption' && method !== 'instalments') throw new Error(`privatizationMethod "${String(method)}" is not gratuitous, redemption or instalments`);
      // Para 8: "except for the cases specified in paragraph 23 of the Decree" — the executor records
      // on the agreement which sub-paragraph applies and the document (form pr-agreement).
      if (typeof v.exemptionSubparagraph === 'number') {
        const document = { kind: String(v.exemptionDocumentKind ?? ''), number: String(v.exemptionDocumentNumber ?? ''), date: String(v.exemptionDocumentDate ?? '') };
        if (!document.kind || !document.number || !/^\d{4}-\d{2}-\d{2}$/.test(document.date)) throw new Error('exemptionSubparagraph needs exemptionDocumentKind, exemptionDocumentNumber and exemptionDocumentDate (YYYY-MM-DD): the document that proves the case of para 23');
        const paymentExemption = { decree: { number: '673', date: '2013-07-02' }, paragraph: 23, subparagraph: v.exemptionSubparagraph, document };
        return { amountDueTiyn: 0, paymentDueDate: null, paymentSchedule: null, paymentExemption };
      }
      const agreementDate = v.agreementDate;
      if (typeof agreementDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(agreementDate)) throw new Error(`agreementDate "${String(agreementDate)}" is not a date (YYYY-MM-DD): the day the privatization agreement was concluded`);
      const cal = await calendar();
      const workingDayOnOrAfter = (date: string) => {
        let d = date;
        while (!cal.day(d).working) d = addCalendarDays(d, 1);
        return d;
      };
      const priceTiyn = tiyn(v.residualValue, 'residualValue');
      if (method === 'redemption') return { amountDueTiyn: priceTiyn, paymentDueDate: workingDayOnOrAfter(addCalendarDays(agreementDate, paymentWindowDays)), paymentSchedule: null };
      const plan = { priceTiyn, downPaymentTiyn: tiyn(v.downPayment, 'downPayment'), years: Number(v.instalmentYears), agreementDate };
      const problem = planProblems(plan)[0];
      if (problem) throw new Error(`${variableOf[problem.field] ?? problem.field} ${problem.message}`);
      const schedule = instalmentSchedule(plan, { workingDayOnOrAfter });
      return { amountDueTiyn: schedule.downPaymentTiyn, paymentDueDate: schedule.downPaymentDue, paymentSchedule: schedule };
    },

    /**
     * `privatization.nextInstalment` (Appendix 2: "in installments … in equal amounts"; the schedule
     * of `paymentSchedule`): run once the initial contribution is confirmed, and again after each
     * instalment's check. Records the instalment just checked — `payments.covered` from
     * `gateway.payments` — in `paidInstalments` or, unpaid at the end of its due date, in
     * `overdueInstalments` ([{ number, due, shortfallTiyn, shortfallText }]); the act attaches no
     * consequence of its own to a late instalment, so none is drawn here. Then sets the next one:
     * `instalmentNumber`, `instalmentDueDate` (YYYY-MM-DD) and, for the check, `paymentDueDate`
     * and `amountDueTiyn` (all owed by then: the contribution and instalments 1 to k, so a late
     * instalment paid since counts); `instalmentsLeft` false after the last.
     */
    'privatization.nextInstalment': async (input) => {
      const v = input.variables;
      const schedule = v.paymentSchedule as InstalmentSchedule | null | undefined;
      if (!schedule || !Array.isArray(schedule.instalments)) throw new Error('the process has no variable "paymentSchedule" (the instalment schedule of privatization.paymentTerms)');
      const checked = typeof v.instalmentNumber === 'number' ? v.instalmentNumber : 0;
      const paidInstalments = Array.isArray(v.paidInstalments) ? [...(v.paidInstalments as number[])] : [];
      const overdueInstalments = Array.isArray(v.overdueInstalments) ? [...(v.overdueInstalments as unknown[])] : [];
      if (checked > 0) {
        const payments = v.payments as { covered?: unknown; shortfallTiyn?: unknown } | undefined;
        if (typeof payments?.covered !== 'boolean') throw new Error('the process has no variable "payments" (gateway.payments) for the instalment just checked');
        if (payments.covered) paidInstalments.push(checked);
        else {
          const shortfallTiyn = Number(payments.shortfallTiyn);
          overdueInstalments.push({ number: checked, due: v.instalmentDueDate, shortfallTiyn, shortfallText: tengeText(shortfallTiyn) });
        }
      }
      const next = instalmentDue(schedule, checked + 1);
      const recorded = { paidInstalments, overdueInstalments };
      if (!next) return { ...recorded, instalmentsLeft: false };
      return { ...recorded, instalmentsLeft: true, instalmentNumber: next.number, instalmentDueDate: next.due, paymentDueDate: next.due, amountDueTiyn: next.cumulativeTiyn };
    },
  };
}

/** The process variable behind each field of a plan, for messages. */
const variableOf: Record<string, string> = { priceTiyn: 'residualValue', downPaymentTiyn: 'downPayment', years: 'instalmentYears', agreementDate: 'agreementDate' };

function tiyn(value: unknown, name: string): number {
  if (typeof value !== 'number' && typeof value !== 'string') throw new Error(`the process has no variable "${name}" (tenge)`);
  try {
    return toTiyn(value);
  } catch (err) {
    throw new Error(`${name}: ${(err as Error).message}`);
  }
}
