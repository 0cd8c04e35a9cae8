import { Router } from 'express';
import { NotFoundError } from '../../errors/index.js';
import { signedIn, visibleCase } from '../access.js';
import { requirePermission } from '../auth.js';
import type { Runtime } from '../../engine/index.js';
import type { Store } from '../../store/index.js';
import type { Naming } from '../names.js';

/** Whose case it is: the applicant's IIN, as the acts' documents print it. */
const applicantOf = (v: Record<string, unknown>): string | undefined => {
  const applicant = v.applicant as { iin?: unknown } | undefined;
  const iin = typeof v.iin === 'string' ? v.iin : typeof applicant?.iin === 'string' ? applicant.iin : undefined;
  return iin || undefined;
};

/**
 * What a document is registered under: the number its act gives it where the case records one (the
 * commission's decision, the agreement, the deed), else the case's number that every document prints.
 */
const numberVariable: Record<string, string> = { housingCommissionDecision: 'decisionNumber', privatizationAgreement: 'agreementNumber', transferDeed: 'deedNumber' };

/**
 * Documents an instance produced, listed with their SHA-256 and downloaded as files. A case's list
 * holds the documents its called cases issued to the same applicant too (the commission's decision
 * is the privatization's as much as the vote's), each with `issuedBy`: the case and the step (its
 * names in kk/ru/en) that issued it; and `number`, what the document is registered under.
 */
export function documentsRouter(store: Store, runtime: Runtime, naming: Naming): Router {
  return Router()
    .get('/instances/:id/documents', requirePermission('instances.read'), async (req, res) => {
      const instance = await visibleCase(store, signedIn(req.principal), String(req.params.id));
      const own = (await runtime.details(instance.id)).variables;
      const applicant = applicantOf(own);
      // The case and, depth first, the cases it called that were about the same applicant.
      const cases: { id: string; definitionId: string; definitionKey: string; businessKey: string | null; variables: Record<string, unknown> }[] = [{ ...instance, variables: own }];
      const visit = async (parentId: string) => {
        for (const called of await store.instances.calledBy(parentId)) {
          const variables = (await runtime.details(called.id)).variables;
          if (!applicant || applicantOf(variables) !== applicant) continue;
          cases.push({ ...called, variables });
          await visit(called.id);
        }
      };
      await visit(instance.id);
      const listed = [];
      for (const c of cases) {
        const names = await naming.of(c.definitionId);
        for (const { idempotencyKey: _key, ...doc } of await store.documents.byInstance(c.id)) {
          const registered = c.variables[numberVariable[doc.kind] ?? ''];
          listed.push({
            ...doc,
            url: `/api/documents/${doc.id}`,
            number: typeof registered === 'string' && registered ? registered : (c.businessKey ?? null),
            issuedBy: { instanceId: c.id, definitionKey: c.definitionKey, businessKey: c.businessKey, elementId: doc.elementId, names: names(doc.elementId) },
          });
        }
      }
      res.json(listed.sort((a, b) => a.createdAt.localeCompare(b.createdAt)));
    })
    .get('/documents/:id', requirePermission('instances.read'), async (req, res) => {
      const doc = await store.documents.get(String(req.params.id));
      // A document of a case the reader may not see is as absent as one that does not exist.
      if (doc) await visibleCase(store, signedIn(req.principal), doc.instanceId).catch(() => {
        throw new NotFoundError(`no document with id "${req.params.id}"`, { documentId: req.params.id });
      });
      if (!doc) throw new NotFoundError(`no document with id "${req.params.id}"`, { documentId: req.params.id });
      // res.attachment writes Content-Disposition with the package content-disposition: an ASCII
      // filename="…" for old clients and, when the name is not ASCII (ЦОН-…), filename*=UTF-8''… (RFC 6266, RFC 5987).
      res
        .attachment(doc.fileName)
        .type(doc.mediaType)
        .set('ETag', `"${doc.sha256}"`)
        .set('X-Content-SHA256', doc.sha256)
        .send(doc.content);
    });
}
