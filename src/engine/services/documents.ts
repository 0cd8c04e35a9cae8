import { randomUUID } from 'node:crypto';
import { formatLocal } from '../../calendar/index.js';
import type { Clock } from '../../clock/index.js';
import { documentKinds, housingDocuments, renderDocument, type DocumentData, type DocumentKind } from '../../documents/index.js';
import type { Store } from '../../store/index.js';
import type { ServiceHandler, ServiceInput } from './index.js';

/**
 * `documents.<kind>` service tasks render a document from the process variables, store it with
 * the instance, and record its SHA-256 in history. A retried step finds the document it already
 * made (by the step's idempotency key) instead of making a second one. Reads: `applicant` (or
 * `applicantName`), `iin`, `addresses.current.address`, `providerName`, `missingDocuments`,
 * `refusalGround` + `refusalReason`, `assistanceAmount` + `assistanceFrom` + `assistanceMonths`,
 * `signedBy`. Writes `<kind>: { documentId, sha256 }`.
 */
export function documentServices(store: Store, clock: Clock): Record<string, ServiceHandler> {
  const handler =
    (kind: DocumentKind): ServiceHandler =>
    async (input) => {
      const existing = await store.documents.byIdempotencyKey(input.idempotencyKey);
      if (existing) return { [kind]: { documentId: existing.id, sha256: existing.sha256 } };

      const rendered = await renderDocument(kind, dataOf(input, clock.now()));
      const instance = (await store.instances.get(input.instanceId))!;
      const id = randomUUID();
      const at = clock.now().toISOString();
      await store.transaction(async (tx) => {
        await tx.documents.insert({ id, instanceId: input.instanceId, elementId: input.elementId, kind, fileName: rendered.fileName, mediaType: rendered.mediaType, content: rendered.content, size: rendered.content.length, sha256: rendered.sha256, idempotencyKey: input.idempotencyKey, createdAt: at });
        await tx.history.append([
          { instanceId: input.instanceId, definitionId: instance.definitionId, definitionVersion: instance.definitionVersion, type: 'document.created', elementId: input.elementId, elementType: 'bpmn:ServiceTask', executionId: null, actor: `service:${input.topic}`, at, data: { documentId: id, kind, fileName: rendered.fileName, sha256: rendered.sha256, size: rendered.content.length } },
        ]);
      });
      return { [kind]: { documentId: id, sha256: rendered.sha256 } };
    };
  return Object.fromEntries(documentKinds.map((kind) => [`documents.${kind}`, handler(kind)]));
}

/** Document codes (a form's list, or a checklist's missing and expired entries) as the receipt names them. */
function missingDocumentsOf(v: Record<string, any>): string[] | undefined {
  const name = (code: string) => housingDocuments[code]?.ru ?? code;
  if (Array.isArray(v.missingDocuments)) return v.missingDocuments.map((c: unknown) => name(String(c)));
  if (v.checklist && typeof v.checklist === 'object') {
    return Object.entries(v.checklist as Record<string, string>)
      .filter(([, status]) => status === 'missing' || status === 'expired')
      .map(([code, status]) => `${name(code)}${status === 'expired' ? ' (истек срок действия)' : ''}`);
  }
  return undefined;
}

function dataOf(input: ServiceInput, now: Date): DocumentData {
  const v = input.variables as Record<string, any>;
  const person = v.applicant && typeof v.applicant === 'object' ? [v.applicant.lastName, v.applicant.firstName, v.applicant.middleName].filter(Boolean).join(' ') : undefined;
  return {
    caseNumber: input.businessKey ?? input.instanceId,
    date: formatLocal(now).slice(0, 10),
    applicant: { name: person ?? String(v.applicantName ?? '—'), iin: String(v.iin ?? '—'), address: v.addresses?.current?.address ?? v.applicantAddress },
    provider: String(v.providerName ?? 'Отдел занятости и социальных программ / Жұмыспен қамту және әлеуметтік бағдарламалар бөлімі'),
    missingDocuments: missingDocumentsOf(v),
    refusal: v.refusalGround !== undefined ? { ground: Number(v.refusalGround), reason: String(v.refusalReason ?? '') } : undefined,
    assignment: v.assistanceAmount !== undefined ? { monthlyAmount: Number(v.assistanceAmount), from: String(v.assistanceFrom ?? ''), months: Number(v.assistanceMonths ?? 6) } : undefined,
    signedBy: v.signedBy ? String(v.signedBy) : undefined,
  };
}
