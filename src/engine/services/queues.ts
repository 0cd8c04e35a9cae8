import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock/index.js';
import { iinProblem } from '../../gateway/index.js';
import type { QueueFamilyMember, Store } from '../../store/index.js';
import type { ServiceHandler } from './index.js';

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
export function queueServices(store: Store, clock: Clock): Record<string, ServiceHandler> {
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
  };
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
