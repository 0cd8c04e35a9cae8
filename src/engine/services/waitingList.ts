import type { WorkingCalendar } from '../../calendar/index.js';
import type { Clock } from '../../clock/index.js';
import { dateTimeText } from '../../documents/index.js';
import type { Store } from '../../store/index.js';
import { termFunctions } from '../terms.js';
import type { ServiceHandler } from './index.js';

/**
 * The income limit of the socially vulnerable list (seed 001 para 11: "income" is checked, Appendix 1
 * item 4 asks for the 12 months' income), as the installation sets it. The seed gives no figure: it
 * is the one the act in force sets (the Law "On Housing Relations" and its by-laws), so the admin
 * enters it with the act that sets it (PUT /api/settings/waiting-list-income-limit), and until then
 * the employee finds on the income (decision housing-queue-grounds, rule p11-income-finding).
 */
export interface IncomeLimit {
  /** Average monthly income per family member over the 12 months before applying, tenge. */
  tengePerMonthPerMember: number;
  /** The act that sets the figure: its name, number, date and the provision. */
  act: string;
  /** ISO instant it was set, and by whom (username). */
  setAt: string;
  setBy: string;
}

/** The unit of {@link IncomeLimit.tengePerMonthPerMember}, as the API states it. */
export const incomeLimitUnit = 'KZT per month per family member';

/** The settings row that holds the income limit (JSON of {@link IncomeLimit}). */
const incomeLimitSetting = 'waitingList.incomeLimit';

/** Reads and sets the installation's income limit; `null`: none is set. */
export function incomeLimits(store: Pick<Store, 'settings'>) {
  return {
    async get(): Promise<IncomeLimit | null> {
      const stored = await store.settings.get(incomeLimitSetting);
      return stored ? (JSON.parse(stored) as IncomeLimit) : null;
    },
    async set(limit: IncomeLimit): Promise<IncomeLimit> {
      await store.settings.put(incomeLimitSetting, JSON.stringify(limit));
      return limit;
    },
    clear: () => store.settings.remove(incomeLimitSetting),
  };
}

/**
 * The waiting list for state housing (seed 001, processes/housing-queue-registration.bpmn).
 *
 * `waitingList.fixWindow`: the applicant has 2 working days from the receipt of the notice of
 * non-compliance to bring the package into compliance (paras 10–11). The notice is received in the
 * personal account the moment it is sent, so the window starts now: by the Civil Code art. 171 it
 * runs from the next day and ends at the provider's closing time (18:30 Almaty) on its second
 * working day, by the Kazakhstan calendar with the decrees in force; a notice sent after hours
 * counts from the next opening, as an application does. Writes `noticeReceivedAt` and `fixDueAt`
 * (ISO instants, the timer's `timeDate`) and `fixDue` `{ at, text }`, `text` the Almaty wall
 * clock ("12.03.2026 18:30") for the notice's wording.
 */
export function waitingListServices(clock: Clock, calendar: () => Promise<WorkingCalendar>, store: Pick<Store, 'settings'>): Record<string, ServiceHandler> {
  const limits = incomeLimits(store);
  return {
    /**
     * `waitingList.incomeLimit`: writes `incomeLimit`, the installation's {@link IncomeLimit} when the
     * case is registered, or `null` when none is set (then the verification asks the employee for
     * `incomeWithinLimit`). Read once per case, as the decision table's version is: the limit in
     * force when the citizen applied decides, and the case shows which act set it.
     */
    'waitingList.incomeLimit': async () => {
      const limit = await limits.get();
      return { incomeLimit: limit && { tengePerMonthPerMember: limit.tengePerMonthPerMember, unit: incomeLimitUnit, act: limit.act } };
    },
    'waitingList.fixWindow': async () => {
      const receivedAt = clock.now();
      const { dueAt } = (await calendar()).deadline(receivedAt, termFunctions.workingDays(2));
      const at = dueAt.toISOString();
      return { noticeReceivedAt: receivedAt.toISOString(), fixDueAt: at, fixDue: { at, text: dateTimeText(at) } };
    },
  };
}
