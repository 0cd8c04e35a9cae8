import { Router } from 'express';
import { NotFoundError } from '../../errors/index.js';
import type { Store } from '../../store/index.js';

/** Documents an instance produced: listed with their SHA-256, downloaded as files. */
export function documentsRouter(store: Store): Router {
  return Router()
    .get('/instances/:id/documents', async (req, res) => {
      if (!(await store.instances.get(req.params.id))) throw new NotFoundError(`no instance with id "${req.params.id}"`, { instanceId: req.params.id });
      res.json((await store.documents.byInstance(req.params.id)).map(({ idempotencyKey: _key, ...doc }) => ({ ...doc, url: `/api/documents/${doc.id}` })));
    })
    .get('/documents/:id', async (req, res) => {
      const doc = await store.documents.get(req.params.id);
      if (!doc) throw new NotFoundError(`no document with id "${req.params.id}"`, { documentId: req.params.id });
      res
        .type(doc.mediaType)
        .set('Content-Disposition', `attachment; filename="${doc.fileName}"`)
        .set('ETag', `"${doc.sha256}"`)
        .set('X-Content-SHA256', doc.sha256)
        .send(doc.content);
    });
}
