import { formatLocal } from '../../calendar/index.js';
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
 * `caseNumber` (and, by convention, as its business key, so that the case and its complaints list
 * together). The handler writes:
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
 *   complaint's addressee, decision and answer, or null if Qyzmet holds none with that number.
 */
export function complaintServices(store: Store, clock: Clock): Record<string, ServiceHandler> {
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
      return {
        registrationNumber,
        registeredAt,
        answerDueAt: self.dueAt,
        answerDueDate: self.dueAt ? localDate(self.dueAt) : null,
        complainedCase: serviceCase ? caseSummary(serviceCase, clock.now()) : null,
        previousAnswer: typeof previous === 'string' && previous ? await previousAnswerOf(store, related.filter((row) => row.definitionKey === self.definitionKey && row.id !== self.id), previous) : null,
      };
    },
  };
}

/** Settings rows, because they are the one table every node shares with an atomic upsert; one row per complaint keeps a retry from taking a second number. */
async function numberFor(store: Store, instanceId: string, year: string): Promise<string> {
  const mine = `complaintNumber:${instanceId}`;
  return store.transaction(async (tx) => {
    const known = await tx.settings.get(mine);
    if (known) return known;
    const number = `Ш-${year}-${String(await tx.settings.next(`complaintNumbers:${year}`)).padStart(5, '0')}`;
    await tx.settings.putNew(mine, number);
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

async function previousAnswerOf(store: Store, complaints: Omit<InstanceRow, 'state'>[], registrationNumber: string) {
  for (const summary of complaints) {
    const row = await store.instances.get(summary.id);
    if (!row) continue;
    const v = variablesOf(JSON.parse(row.state)) as Record<string, unknown>;
    if (v.registrationNumber !== registrationNumber) continue;
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
