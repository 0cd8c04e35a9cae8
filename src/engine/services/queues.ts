import { randomUUID } from 'node:crypto';
import { formatLocal, isIsoDate, type WorkingCalendar } from '../../calendar/index.js';
import type { Clock } from '../../clock/index.js';
import { iinProblem } from '../../gateway/index.js';
import type { QueueEntryRow, QueueFamilyMember, Store } from '../../store/index.js';
import { BpmnError, type ServiceHandler } from './index.js';

/** The error code `queue.findEntry` throws for a family not on the list (processes/waiting-list-update.bpmn catches it). */
export const notOnWaitingList = 'NotOnWaitingList';

/**
 * The waiting lists a family can be registered on, by id. Seed 001 asks for "the name of the list
 * in accordance with paragraph 2 of Article 74 of the Law" (Appendix 1 item 1) without naming them;
 * the application's items name the three it serves: the socially vulnerable segments of the
 * population (item 4), civil servants, employees of budgetary organizations, military personnel,
 * astronaut candidates and astronauts, employees of special state bodies and persons holding
 * public elected positions (item 9), and citizens whose housing is recognised as emergency
 * housing (item 11). A category (large family, orphan, family raising a child with a disability…)
 * is a property of the application, not a list of its own.
 */
export const queueLists = ['sociallyVulnerable', 'publicSector', 'emergencyHousing'] as const;
export type QueueList = (typeof queueLists)[number];
export const isQueueList = (value: unknown): value is QueueList => typeof value === 'string' && (queueLists as readonly string[]).includes(value);

/**
 * `queue.register`: registers the family on a waiting list with the next serial number of the
 * queue in that list and locality (seed 001 para 12 subpara 1, Standard row 5: "notification of
 * registration indicating the serial number of the queue").
 *
 * Reads the process variables `queueList` (one of `queueLists`), `locality` (the settlement whose
 * local executive body keeps the list, e.g. "Almaty"; numbers run per list and locality), `iin`
 * (the applicant's, 12 digits with a valid check digit), `applicant` (the applicant's name, last
 * name first: text, or { lastName, firstName, middleName } as GET /api/applicants/{iin} answers)
 * and `family` (optional: [{ iin, relationship, name? }], Appendix 1 item 3).
 * Writes `queueNumber` (integer from 1) and `queueRegisteredAt` (ISO instant, the clock's now).
 *
 * The number is the last one handed out in the list and locality plus one, and it is taken in the
 * batch of the step that completes the task (ServiceInput.write): the sequence row moves from
 * n − 1 to n under a guard, so of two steps proposing n on two nodes one commits and the other
 * writes nothing and decides again. A step that does not commit takes no number; a step run again
 * under the same idempotency key finds its entry and returns the number it already has.
 * A variable missing or malformed fails the job (retried, then an incident naming the variable).
 */
export function queueServices(store: Store, clock: Clock, calendar: () => Promise<WorkingCalendar>): Record<string, ServiceHandler> {
  return {
    'queue.register': async (input) => {
      const taken = await store.queues.byStepKey(input.idempotencyKey);
      if (taken) return { queueNumber: taken.number, queueRegisteredAt: taken.registeredAt };
      const v = input.variables;
      const list = v.queueList;
      if (!isQueueList(list)) throw new Error(`the process variable "queueList" must be one of ${queueLists.join(', ')}; it is ${JSON.stringify(list ?? null)}`);
      const locality = typeof v.locality === 'string' ? v.locality.trim() : '';
      if (!locality) throw new Error('the process has no variable "locality" naming the settlement whose list this is');
      const iinWrong = iinProblem(v.iin);
      if (iinWrong) throw new Error(`the process variable "iin" is not an IIN: it ${iinWrong}`);
      const applicant = nameOf(v.applicant);
      if (!applicant) throw new Error('the process has no variable "applicant" with the applicant\'s name (text, or { lastName, firstName, middleName })');
      const family = familyOf(v.family);
      if (!input.write) throw new Error('runs only as a job step: its number is taken in the step that completes the task');

      await store.queues.ensureSequence(list, locality);
      const number = (await store.queues.lastNumber(list, locality)) + 1;
      const registeredAt = clock.now().toISOString();
      const entry = { id: randomUUID(), list, locality, number, instanceId: input.instanceId, stepKey: input.idempotencyKey, iin: v.iin as string, applicant, family, registeredAt, status: 'registered' as const, updatedAt: null };
      input.write((batch) => batch.queues.take(entry));
      return { queueNumber: number, queueRegisteredAt: registeredAt };
    },

    /**
     * `queue.findEntry`: the family's entry for an update of its data (seed 001 para 11, Appendix 3).
     * Reads `iin` (the applicant's, Appendix 3 item 1) and either `queueList`, `locality` and
     * `queueNumber` (the entry's own number: it must be the applicant's), or only the IIN (with
     * `queueList` and `locality` narrowing it when given): the applicant's oldest entry. A family
     * not on a list throws BpmnError `NotOnWaitingList`. Reads `groundsOn` (yyyy-MM-dd: the day the
     * grounds arose or the SMS notification was received) and writes:
     *
     * - `queueEntry`: { id, list, locality, number, registeredAt };
     * - `updateDueAt`: the close of the provider's day on the 15th working day after `groundsOn`
     *   (Standard row 8: "within 15 (fifteen) working days from the date of the appearance of grounds
     *   or receipt of an sms-notification"; counted from the next day, Civil Code art. 171), and
     *   `updateDueDate`, that day as dd.MM.yyyy;
     * - `filedInTime`: whether the case was started (the application filed) by then. The act says
     *   nothing of an update filed later: it is considered all the same, and the entry shows it.
     */
    'queue.findEntry': async (input) => {
      const v = input.variables;
      const iinWrong = iinProblem(v.iin);
      if (iinWrong) throw new Error(`the process variable "iin" is not an IIN: it ${iinWrong}`);
      if (typeof v.groundsOn !== 'string' || !isIsoDate(v.groundsOn)) throw new Error('the process variable "groundsOn" must be a date yyyy-MM-dd: when the grounds arose or the SMS notification was received');
      const entry = await entryFor(store, v);
      if (!entry) throw new BpmnError(notOnWaitingList, `no waiting-list entry of IIN ${String(v.iin).slice(0, 4)}…: the family is not on the list`);
      const self = await store.instances.get(input.instanceId);
      const filedAt = self?.registeredAt ?? self?.startedAt ?? clock.now().toISOString();
      // Noon in Almaty on that day: the term runs from the next day whatever the hour.
      const dueAt = (await calendar()).deadline(new Date(`${v.groundsOn}T12:00:00+05:00`), { amount: 15, unit: 'workingDays', schedule: 'provider' }, { registration: 'asFiled' }).dueAt;
      const [y, m, d] = formatLocal(dueAt).slice(0, 10).split('-');
      return {
        queueEntry: { id: entry.id, list: entry.list, locality: entry.locality, number: entry.number, registeredAt: entry.registeredAt },
        updateDueAt: dueAt.toISOString(),
        updateDueDate: `${d}.${m}.${y}`,
        filedInTime: Date.parse(filedAt) <= dueAt.getTime(),
      };
    },

    /**
     * `queue.recordUpdate`: records the update on the entry (`queueEntry.id`), in the batch of the
     * step that completes the task: `memberIin` (Appendix 3 item 2, or null for the applicant's own
     * data), `reason` (item 3), `changesRecorded` (what the employee changed), the application's
     * receipt (the case's registration) and now. Writes `queueUpdateRecordedAt`. A step run again
     * finds the update it recorded.
     */
    'queue.recordUpdate': async (input) => {
      const v = input.variables;
      const entryId = (v.queueEntry as { id?: unknown } | undefined)?.id;
      if (typeof entryId !== 'string') throw new Error('the process has no variable "queueEntry" (queue.findEntry writes it)');
      const known = await store.queues.updateOfInstance(input.instanceId);
      if (known) return { queueUpdateRecordedAt: known.recordedAt };
      if (typeof v.reason !== 'string' || !v.reason.trim()) throw new Error('the process has no variable "reason" (Appendix 3 item 3)');
      if (typeof v.changesRecorded !== 'string' || !v.changesRecorded.trim()) throw new Error('the process has no variable "changesRecorded" (what the employee changed)');
      const memberIin = v.memberIin === undefined || v.memberIin === null || v.memberIin === '' ? null : v.memberIin;
      if (memberIin !== null && iinProblem(memberIin)) throw new Error(`the process variable "memberIin" is not an IIN: it ${iinProblem(memberIin)}`);
      if (!input.write) throw new Error('runs only as a job step: the update is recorded in the step that completes the task');
      const self = await store.instances.get(input.instanceId);
      const recordedAt = clock.now().toISOString();
      const update = { id: randomUUID(), entryId, instanceId: input.instanceId, memberIin: memberIin as string | null, reason: v.reason.trim(), changes: { text: v.changesRecorded.trim(), supportingDocument: typeof v.supportingDocument === 'string' ? v.supportingDocument : null, grounds: v.grounds ?? null, groundsOn: v.groundsOn ?? null, filedInTime: v.filedInTime ?? null }, receivedAt: self?.registeredAt ?? self?.startedAt ?? recordedAt, recordedAt };
      input.write((batch) => batch.queues.recordUpdate(update));
      return { queueUpdateRecordedAt: recordedAt };
    },
  };
}

/** The entry an update names: by its number (the applicant's own), else the applicant's oldest. */
async function entryFor(store: Store, v: Readonly<Record<string, unknown>>): Promise<QueueEntryRow | undefined> {
  const list = typeof v.queueList === 'string' && v.queueList ? v.queueList : undefined;
  const locality = typeof v.locality === 'string' && v.locality.trim() ? v.locality.trim() : undefined;
  if (v.queueNumber !== undefined && v.queueNumber !== null) {
    if (!list || !locality || !Number.isInteger(v.queueNumber)) throw new Error('the process variable "queueNumber" names an entry only with "queueList" and "locality"');
    const entry = await store.queues.find(list, locality, v.queueNumber as number);
    return entry?.iin === v.iin ? entry : undefined;
  }
  return (await store.queues.byIin(v.iin as string)).find((e) => (!list || e.list === list) && (!locality || e.locality === locality));
}

/** The name as the list shows it, last name first: the text given, or the parts of the individuals register's answer. */
function nameOf(value: unknown): string {
  if (typeof value === 'string') return value.trim().replace(/\s+/g, ' ');
  if (!value || typeof value !== 'object') return '';
  const person = value as Record<string, unknown>;
  return [person.lastName, person.firstName, person.middleName].filter((p): p is string => typeof p === 'string' && p.trim() !== '').map((p) => p.trim()).join(' ');
}

function familyOf(value: unknown): QueueFamilyMember[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Error('the process variable "family" must be a list of { iin, relationship }');
  return value.map((member: unknown, i) => {
    const m = (member ?? {}) as Record<string, unknown>;
    const wrong = iinProblem(m.iin);
    if (wrong) throw new Error(`the process variable "family" item ${i + 1}: "iin" ${wrong}`);
    if (typeof m.relationship !== 'string' || !m.relationship) throw new Error(`the process variable "family" item ${i + 1} has no "relationship"`);
    return { iin: m.iin as string, relationship: m.relationship, ...(typeof m.name === 'string' && m.name ? { name: m.name } : {}) };
  });
}
