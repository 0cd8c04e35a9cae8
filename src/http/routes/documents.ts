import { Router } from 'express';
import { NotFoundError } from '../../errors/index.js';
import { signedIn, visibleCase } from '../access.js';
import { requirePermission } from '../auth.js';
import type { Store } from '../../store/index.js';

/** Documents an instance produced: listed with their SHA-256, downloaded as files. */
export function documentsRouter(store: Store): Router {
  return Router()
    .get('/instances/:id/documents', requirePermission('instances.read'), async (req, res) => {
      const instance = await visibleCase(store, signedIn(req.principal), String(req.params.id));
      res.json((await store.documents.byInstance(instance.id)).map(({ idempotencyKey: _key, ...doc }) => ({ ...doc, url: `/api/documents/${doc.id}` })));
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
