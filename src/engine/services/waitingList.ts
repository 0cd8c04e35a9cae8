import type { WorkingCalendar } from '../../calendar/index.js';
import type { Clock } from '../../clock/index.js';
import { dateTimeText } from '../../documents/index.js';
import { termFunctions } from '../terms.js';
import type { ServiceHandler } from './index.js';

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
export function waitingListServices(clock: Clock, calendar: () => Promise<WorkingCalendar>): Record<string, ServiceHandler> {
  return {
    'waitingList.fixWindow': async () => {
      const receivedAt = clock.now();
      const { dueAt } = (await calendar()).deadline(receivedAt, termFunctions.workingDays(2));
      const at = dueAt.toISOString();
      return { noticeReceivedAt: receivedAt.toISOString(), fixDueAt: at, fixDue: { at, text: dateTimeText(at) } };
    },
  };
}
