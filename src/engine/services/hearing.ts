import type { Term, WorkingCalendar } from '../../calendar/index.js';
import type { Clock } from '../../clock/index.js';
import { hearingActKeys, hearingNotificationText, type HearingAct, type HearingNoticeData } from '../../documents/index.js';
import type { Store } from '../../store/index.js';
import type { ServiceHandler } from './index.js';

/**
 * The hearing on a preliminary refusal (processes/hearing.bpmn; Administrative Procedural Code
 * art. 73) counts its terms as the calling act sets them — seed 001 para 13 and seed 003 para 17:
 * the notice at least 3 working days before the case's term ends, the hearing within 2 working days
 * of it; seed 002 para 10: the notice within 15 calendar days, objections within 2 working days of
 * its receipt — so each term comes in as a variable, `{ amount, unit, start }`:
 *
 * - `noticeLeadTime`: `start` `beforeTermEnd` (counted back from the calling case's `dueAt`) or
 *   `afterPreliminaryDecision` (counted from when the hearing was called);
 * - `objectionWindow`: `start` `afterNotice`;
 * - `hearingLimit`: `start` `afterNotice`, or null where the act sets none (seed 002).
 *
 * `unit` is `workingDays` or `calendarDays`. A term counted from the notice runs from the day after
 * it (Civil Code art. 171) to the provider's closing time on its last day, by the Kazakhstan calendar
 * with the decrees in force. The application form `hearing-request` refuses a start without them; a
 * handler that still finds one wrong fails naming the variable (an incident).
 *
 * - `hearing.terms` writes `termEndsAt` (the calling case's `dueAt`, or null), `noticeDueAt` (the
 *   last moment the notice may go) and `noticeLate` (true when that moment had already passed when
 *   the hearing was called: seed 003 para 17 with a 1- or 3-working-day term — nothing is suspended,
 *   the case shows overdue).
 * - `hearing.schedule`, when the employee has set the hearing's time and place: `noticeSentAt`,
 *   `objectionDueAt`, `hearingDueAt` (null without a limit), `objectionsCloseAt` (the window's end or
 *   the hearing's start, whichever is first: at the hearing the position is stated in person),
 *   `hearingTimeProblem` (why `hearingAt` cannot stand, or null) and `hearingNotification`, the note
 *   for the personal account in Kazakh and Russian.
 */
export function hearingServices(store: Store, clock: Clock, calendar: () => Promise<WorkingCalendar>): Record<string, ServiceHandler> {
  return {
    'hearing.terms': async (input) => {
      const v = input.variables;
      const lead = hearingTerm(v.noticeLeadTime, 'noticeLeadTime', ['beforeTermEnd', 'afterPreliminaryDecision']);
      hearingTerm(v.objectionWindow, 'objectionWindow', ['afterNotice']);
      if (v.hearingLimit !== null) hearingTerm(v.hearingLimit, 'hearingLimit', ['afterNotice']);
      actOf(v.act);
      const self = await store.instances.get(input.instanceId);
      const caller = self?.parentInstanceId ? await store.instances.get(self.parentInstanceId) : undefined;
      const termEndsAt = caller?.dueAt ?? null;
      const now = clock.now();
      const cal = await calendar();
      let noticeDueAt: Date;
      if (lead.start === 'beforeTermEnd') {
        if (!termEndsAt) throw new Error('noticeLeadTime counts back from the end of the calling case\'s term (start "beforeTermEnd"), and no calling case with a statutory term called this hearing');
        noticeDueAt = cal.latestBefore(new Date(termEndsAt), lead.term);
      } else {
        noticeDueAt = cal.deadline(now, lead.term, { registration: 'asFiled' }).dueAt;
      }
      return { termEndsAt, noticeDueAt: noticeDueAt.toISOString(), noticeLate: noticeDueAt.getTime() < now.getTime() };
    },

    'hearing.schedule': async (input) => {
      const v = input.variables;
      const window = hearingTerm(v.objectionWindow, 'objectionWindow', ['afterNotice']);
      const limit = v.hearingLimit === null ? null : hearingTerm(v.hearingLimit, 'hearingLimit', ['afterNotice']);
      const sentAt = clock.now();
      const cal = await calendar();
      const objectionDueAt = cal.deadline(sentAt, window.term, { registration: 'asFiled' }).dueAt;
      const hearingDueAt = limit ? cal.deadline(sentAt, limit.term, { registration: 'asFiled' }).dueAt : null;
      const hearingAt = typeof v.hearingAt === 'string' ? new Date(v.hearingAt) : new Date(NaN);
      if (Number.isNaN(hearingAt.getTime())) throw new Error(`hearingAt "${String(v.hearingAt)}" is not an instant`);
      const problem =
        hearingAt.getTime() <= sentAt.getTime()
          ? `the hearing (${hearingAt.toISOString()}) must come after the notice goes (${sentAt.toISOString()})`
          : hearingDueAt && hearingAt.getTime() > hearingDueAt.getTime()
            ? `the hearing (${hearingAt.toISOString()}) must be held no later than ${hearingDueAt.toISOString()}, ${limit!.term.amount} ${limit!.term.unit} after the notice`
            : null;
      const objectionsCloseAt = new Date(Math.min(objectionDueAt.getTime(), hearingAt.getTime()));
      const scheduled = { noticeSentAt: sentAt.toISOString(), objectionDueAt: objectionDueAt.toISOString(), hearingDueAt: hearingDueAt?.toISOString() ?? null, objectionsCloseAt: objectionsCloseAt.toISOString() };
      const notice = hearingNoticeData({ ...v, ...scheduled });
      return { ...scheduled, hearingTimeProblem: problem, hearingNotification: problem ? null : hearingNotificationText(input.businessKey ?? input.instanceId, notice) };
    },
  };
}

/** The notice's content from the hearing's variables (the PDF and the personal account's note). */
export function hearingNoticeData(v: Readonly<Record<string, unknown>>): HearingNoticeData {
  const grounds = Array.isArray(v.preliminaryGrounds) ? (v.preliminaryGrounds as { kk?: unknown; ru?: unknown }[]) : [];
  if (!grounds.length) throw new Error('the process has no variable "preliminaryGrounds" (the preliminary decision\'s grounds, each { kk, ru })');
  return {
    act: actOf(v.act),
    grounds: grounds.map((g) => ({ kk: String(g.kk ?? ''), ru: String(g.ru ?? '') })),
    reasoning: String(v.preliminaryReasoning ?? ''),
    hearingAt: String(v.hearingAt),
    hearingPlace: String(v.hearingPlace ?? ''),
    objectionsCloseAt: String(v.objectionsCloseAt),
    hearingDueAt: typeof v.hearingDueAt === 'string' ? v.hearingDueAt : null,
  };
}

function actOf(value: unknown): HearingAct {
  if (typeof value === 'string' && (hearingActKeys as readonly string[]).includes(value)) return value as HearingAct;
  throw new Error(`act "${String(value)}" is not one of ${hearingActKeys.join(', ')}: the act the calling case runs under`);
}

/** A hearing term as the caller passed it, checked; the error names the variable. */
function hearingTerm(value: unknown, name: string, starts: readonly string[]): { term: Term; start: string } {
  const t = (value ?? {}) as Record<string, unknown>;
  if (value === undefined || value === null || typeof value !== 'object') throw new Error(`the process has no variable "${name}" ({ amount, unit, start })`);
  if (t.unit !== 'workingDays' && t.unit !== 'calendarDays') throw new Error(`${name}.unit "${String(t.unit)}" is not workingDays or calendarDays`);
  if (typeof t.amount !== 'number' || !Number.isInteger(t.amount) || t.amount < 1 || t.amount > 1000) throw new Error(`${name}.amount ${String(t.amount)} is not a whole number of days from 1 to 1000`);
  if (typeof t.start !== 'string' || !starts.includes(t.start)) throw new Error(`${name}.start "${String(t.start)}" is not ${starts.join(' or ')}`);
  return { term: { amount: t.amount, unit: t.unit, schedule: 'provider' }, start: t.start };
}
