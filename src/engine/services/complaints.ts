import { formatLocal, type WorkingCalendar } from '../../calendar/index.js';
import type { Clock } from '../../clock/index.js';
import type { InstanceRow, Store } from '../../store/index.js';
import { isOverdue } from '../overdue.js';
import { variablesOf } from '../runtime/session.js';
import type { ServiceHandler } from './index.js';

/**
 * `complaints.register`: the office's registration of a complaint (seed 000 para 13: "the
 * incoming number and the date of registration"; the terms of consideration run from it).
 *
 * A complaint is its own instance, started by the complainant (the portal's personal account) or
 * by the office that received it by mail or by hand, with the complained-about case's number as its
 * `caseNumber`. Its business key is its own — by convention the case's number, `/` and the
 * complaint's sequence about that case (HA-2026-000001/1, /2, …), so that several complaints about
 * one case run at once (another decision, another member of the family) and
 * `GET /api/instances?definition=complaint&businessKeyStartsWith=HA-2026-000001/` lists them all.
 * The handler writes:
 *
 * - `registrationNumber`: `Ш-<year>-<five digits>`, one counter per year of registration, never
 *   handed out twice (a retried step gets the number it took the first time);
 * - `registeredAt`, `answerDueAt`: the instance's registration instant and the end of its
 *   statutory term (5 or 15 working days, the process's `statutoryTerm`), as the calendar set them,
 *   and `answerDueDate`, that day as a citizen reads it (dd.MM.yyyy, Almaty);
 * - `complainedCase`: the case as Qyzmet holds it (definition, status, whether it is overdue, where
 *   it waits), or null for a case Qyzmet does not know (filed on paper before Qyzmet, say): a
 *   complaint is registered and considered all the same, the law gives no ground to refuse it;
 * - `previousAnswer`: when `previousComplaint` names an earlier complaint about the same case (the
 *   complainant disagrees with its answer and goes on to the quality-assessment body), that
 *   complaint's addressee, decision and answer, or null if Qyzmet holds none with that number about
 *   that case. It is found by its registration number, whatever its business key.
 */
export function complaintServices(store: Store, clock: Clock, calendar: () => Promise<WorkingCalendar>): Record<string, ServiceHandler> {
  return {
    'complaints.register': async (input) => {
      const self = await store.instances.get(input.instanceId);
      if (!self) throw new Error(`instance ${input.instanceId} is gone`);
      const caseNumber = input.variables.caseNumber;
      if (typeof caseNumber !== 'string' || !caseNumber) throw new Error('the process has no variable "caseNumber" naming the complained-about case');
      const registeredAt = self.registeredAt ?? self.startedAt;
      const registrationNumber = await numberFor(store, self.id, formatLocal(new Date(registeredAt)).slice(0, 4));

      const related = await store.instances.list({ businessKey: caseNumber });
      const serviceCase = related.find((row) => row.definitionKey !== self.definitionKey && row.parentInstanceId === null);
      const previous = input.variables.previousComplaint;
      // Received by the provider for another body, the case is due at the provider first: forwarded within its term.
      const forwarding = toBeForwarded(input.variables);
      return {
        registrationNumber,
        registeredAt,
        answerDueAt: forwarding ? null : self.dueAt,
        answerDueDate: !forwarding && self.dueAt ? localDate(self.dueAt) : null,
        forwardingDueAt: forwarding ? self.dueAt : null,
        forwardingDueDate: forwarding && self.dueAt ? localDate(self.dueAt) : null,
        complainedCase: serviceCase ? caseSummary(serviceCase, clock.now()) : null,
        termExtension: (serviceCase && reviewExtensions[serviceCase.definitionKey]) ?? null,
        previousAnswer: typeof previous === 'string' && previous ? await previousAnswerOf(store, self, caseNumber, related, previous) : null,
      };
    },

    /**
     * `complaints.extend`: the review term extended as the act allows (seed 002 para 14: by no more
     * than 10 working days, for an additional study or inspection, or for additional information),
     * counted on from the end of the term as it stood. Writes the new `answerDueAt` and
     * `answerDueDate`, `previousAnswerDueAt`, `extensionNoticeDueAt` (the complainant is told within
     * 3 working days of the extension, with its reasons) and `termExtended`; records `term.extended`,
     * which moves the complaint's own due date. The form's rule (`complaintExtensionProblems`)
     * refused an extension the act does not give before this runs; this checks again, for a
     * diagram that calls it without that form.
     */
    'complaints.extend': async (input) => {
      const v = input.variables;
      const allowed = v.termExtension as ReviewExtension | null | undefined;
      const days = v.extensionWorkingDays;
      if (!allowed) throw new Error('the complained-about case\'s act gives no extension of the review term (termExtension is null)');
      if (v.termExtended === true) throw new Error('the review term was extended once already');
      if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > allowed.workingDays) throw new Error(`extensionWorkingDays must be a whole number from 1 to ${allowed.workingDays}`);
      const previous = typeof v.answerDueAt === 'string' ? new Date(v.answerDueAt) : null;
      if (!previous || Number.isNaN(previous.getTime())) throw new Error('answerDueAt (the term as it stands) is missing');
      const cal = await calendar();
      const dueAt = cal.deadline(previous, { amount: days, unit: 'workingDays', schedule: 'provider' }, { registration: 'asFiled' }).dueAt.toISOString();
      const noticeDueAt = cal.deadline(clock.now(), { amount: allowed.noticeWorkingDays, unit: 'workingDays', schedule: 'provider' }, { registration: 'asFiled' }).dueAt.toISOString();
      input.record?.({ type: 'term.extended', data: { dueAt, previousDueAt: previous.toISOString(), workingDays: days, ground: v.extensionGround ?? null, reason: v.extensionReason ?? null, paragraph: allowed.paragraph } });
      return { answerDueAt: dueAt, answerDueDate: localDate(dueAt), previousAnswerDueAt: previous.toISOString(), extensionNoticeDueAt: noticeDueAt, termExtended: true, extendReview: false };
    },

    /**
     * `complaints.forward`: what the provider did with a complaint it received for another body
     * (APPC art. 91 para 4; seed 002 para 12 part 2, seed 001 para 14, seed 003 para 19), as the
     * head recorded it on the form `complaint-forwarding`:
     *
     * - `forwardingDecision` `forward`: the body registers the complaint when it arrives — Qyzmet
     *   forwards at once, so now, or its next opening after hours — and its own term runs from then
     *   (seed 002 para 13: 5 working days at the authorized body, 15 at the quality-assessment body).
     *   Writes `answerDueAt`, `answerDueDate`, `bodyRegisteredAt`, `forwardedOnDate` (dd.MM.yyyy)
     *   and `forwardedTo` (`{ kk, ru }`, the body as the complainant reads it); records
     *   `complaint.forwarded` `{ to, letterNumber, forwardedOn, registeredAt, dueAt, previousDueAt }`,
     *   which moves the complaint's own due date to the body's term.
     * - `satisfied`: a favourable act or action satisfied the complaint in full, so it is not sent on.
     *   Writes `favourableActDateText` (dd.MM.yyyy) and `forwardedTo`; records
     *   `complaint.notForwarded` `{ to, actNumber, actDate, summary }`.
     *
     * Errors (retried, then an incident): a complaint not to be forwarded, an unknown decision.
     */
    'complaints.forward': async (input) => {
      const v = input.variables;
      if (!toBeForwarded(v)) throw new Error('complaints.forward: the complaint was not received by the provider for another body (receivedBy, complaintAddressee)');
      const to = v.complaintAddressee as 'authorizedBody' | 'qualityBody';
      const forwardedTo = bodyNames[to];
      if (v.forwardingDecision === 'satisfied') {
        input.record?.({ type: 'complaint.notForwarded', data: { to, actNumber: v.favourableActNumber ?? null, actDate: v.favourableActDate ?? null, summary: v.favourableActSummary ?? null } });
        return { forwardedTo, favourableActDateText: typeof v.favourableActDate === 'string' ? isoDateText(v.favourableActDate) : null };
      }
      if (v.forwardingDecision !== 'forward') throw new Error(`complaints.forward: forwardingDecision must be "forward" or "satisfied", not ${JSON.stringify(v.forwardingDecision)}`);
      const cal = await calendar();
      const { registeredAt, dueAt } = cal.deadline(clock.now(), { amount: to === 'qualityBody' ? 15 : 5, unit: 'workingDays', schedule: 'provider' });
      const due = dueAt.toISOString();
      input.record?.({ type: 'complaint.forwarded', data: { to, letterNumber: v.forwardingLetterNumber ?? null, forwardedOn: v.forwardedOn ?? null, registeredAt: registeredAt.toISOString(), dueAt: due, previousDueAt: typeof v.forwardingDueAt === 'string' ? v.forwardingDueAt : null } });
      return {
        forwardedTo,
        forwardedOnDate: typeof v.forwardedOn === 'string' ? isoDateText(v.forwardedOn) : null,
        bodyRegisteredAt: registeredAt.toISOString(),
        answerDueAt: due,
        answerDueDate: localDate(due),
      };
    },
  };
}

/** Received by the provider, addressed to another body: the provider forwards it (APPC art. 91 para 4). */
function toBeForwarded(v: Readonly<Record<string, unknown>>): boolean {
  return v.receivedBy === 'provider' && (v.complaintAddressee === 'authorizedBody' || v.complaintAddressee === 'qualityBody');
}

/** The bodies a provider forwards complaints to, in the cases the notes put them (kk: dative; ru: accusative after "в"). */
const bodyNames = {
  authorizedBody: { kk: 'тұрғын үй қатынастары саласындағы уәкілетті органға', ru: 'уполномоченный орган в сфере жилищных отношений' },
  qualityBody: { kk: 'мемлекеттік қызметтер көрсету сапасын бағалау және бақылау жөніндегі уәкілетті органға', ru: 'уполномоченный орган по оценке и контролю за качеством оказания государственных услуг' },
} as const;

/** An ISO date (YYYY-MM-DD, as forms send it) as dd.MM.yyyy. */
function isoDateText(date: string): string {
  const [y, m, d] = date.slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
}

/** What an act allows in extending the review of a complaint. */
export interface ReviewExtension {
  /** At most this many working days, once. */
  workingDays: number;
  /** The complainant is told within this many working days of the extension, with its reasons. */
  noticeWorkingDays: number;
  /** The act and paragraph, as the complainant reads them. */
  act: { kk: string; ru: string };
  paragraph: number;
}

/**
 * The acts that let the review of a complaint be extended, by the definition key of the case
 * complained about. Seed 002 para 14 (Order No. 437 of 12.08.2021, after art. 25 para 4 of the
 * Law "On public services"): "extended by no more than 10 (ten) working days in cases of need:
 * 1) conducting an additional study or inspection …; 2) obtaining additional information", the
 * complainant informed "within 3 (three) business days from the date of the extension".
 * Seeds 000, 001, 003 and 004 give no extension: their complaints are answered within the term.
 */
export const reviewExtensions: Readonly<Record<string, ReviewExtension>> = {
  privatization: {
    workingDays: 10,
    noticeWorkingDays: 3,
    act: { kk: '2021 жылғы 12 тамыздағы № 437 бұйрықпен бекітілген Қағидалардың 14-тармағы', ru: 'пункт 14 Правил, утвержденных приказом от 12.08.2021 № 437' },
    paragraph: 14,
  },
};

/**
 * The rule of the form `complaint-decision` that JSON Schema cannot say: an extension only where
 * the complained-about case's act gives one (`termExtension`, read-only), only once, and for no
 * more working days than it allows. Each problem names its field.
 */
export function complaintExtensionProblems(data: Readonly<Record<string, unknown>>): { field: string; message: string }[] {
  if (data.extendReview !== true) return [];
  const allowed = data.termExtension as ReviewExtension | null | undefined;
  if (!allowed) return [{ field: 'extendReview', message: 'the act the complained-about case is provided under gives no extension of the review term: answer within it' }];
  if (data.termExtended === true) return [{ field: 'extendReview', message: `the review term was extended once already (${allowed.act.ru}: by no more than ${allowed.workingDays} working days)` }];
  const days = data.extensionWorkingDays;
  if (typeof days === 'number' && days > allowed.workingDays) return [{ field: 'extensionWorkingDays', message: `must be at most ${allowed.workingDays} working days (${allowed.act.ru})` }];
  return [];
}

/**
 * Settings rows, because they are the one table every node shares with an atomic upsert; one row per
 * complaint keeps a retry from taking a second number, and one per number finds the complaint it
 * was given to (`complaintByNumber:<number>`), whatever the complaint's business key.
 */
async function numberFor(store: Store, instanceId: string, year: string): Promise<string> {
  const mine = `complaintNumber:${instanceId}`;
  return store.transaction(async (tx) => {
    const known = await tx.settings.get(mine);
    if (known) return known;
    const number = `Ш-${year}-${String(await tx.settings.next(`complaintNumbers:${year}`)).padStart(5, '0')}`;
    await tx.settings.putNew(mine, number);
    await tx.settings.putNew(`complaintByNumber:${number}`, instanceId);
    return number;
  });
}

/** dd.MM.yyyy in Almaty, as documents and notes for citizens write dates. */
function localDate(instant: string): string {
  const [y, m, d] = formatLocal(new Date(instant)).slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
}

function caseSummary(row: Omit<InstanceRow, 'state'>, now: Date) {
  return {
    instanceId: row.id,
    definitionKey: row.definitionKey,
    status: row.status,
    registeredAt: row.registeredAt,
    dueAt: row.dueAt,
    overdue: isOverdue(row, now),
    endedAt: row.endedAt,
    waitingIn: row.activities.map((a) => a.elementId),
  };
}

/**
 * The earlier complaint about the same case with that registration number: by the number's own row,
 * or, for a complaint numbered before those rows were kept, among the complaints filed under the
 * case's number as their business key (the convention then).
 */
async function previousAnswerOf(store: Store, self: Pick<InstanceRow, 'id' | 'definitionKey'>, caseNumber: string, related: Omit<InstanceRow, 'state'>[], registrationNumber: string) {
  const numbered = await store.settings.get(`complaintByNumber:${registrationNumber}`);
  const candidates = numbered ? [numbered] : related.filter((row) => row.definitionKey === self.definitionKey).map((row) => row.id);
  for (const id of candidates) {
    if (id === self.id) continue;
    const row = await store.instances.get(id);
    if (!row) continue;
    const v = variablesOf(JSON.parse(row.state)) as Record<string, unknown>;
    if (v.registrationNumber !== registrationNumber || v.caseNumber !== caseNumber) continue;
    return {
      registrationNumber,
      complaintAddressee: v.complaintAddressee ?? null,
      complaintDecision: v.complaintDecision ?? null,
      answerText: v.answerText ?? null,
      status: row.status,
    };
  }
  return null;
}
