import { Router } from 'express';
import type { Clock } from '../../clock/index.js';
import type { Runtime } from '../../engine/index.js';
import { ValidationError } from '../../errors/index.js';
import { iinProblem } from '../../gateway/index.js';
import type { Store } from '../../store/index.js';
import { actorOf } from '../actor.js';
import { requirePermission } from '../auth.js';
import { rowsWithNames, withNames, type Naming } from '../names.js';

/** Whether `value` holds the IIN: a string with it not inside a longer number, or the number itself. */
function holds(value: unknown, iin: string, depth = 0): boolean {
  if (typeof value === 'string') return new RegExp(`(?<![0-9])${iin}(?![0-9])`).test(value);
  if (typeof value === 'number') return String(value) === iin;
  if (value === null || typeof value !== 'object' || depth > 32) return false;
  return Object.values(value).some((v) => holds(v, iin, depth + 1));
}

/**
 * Subject access (Law No. 94-V: the subject may learn what is held about them): an admin
 * exports, as JSON, every case whose variables hold the person's IIN — the case, its variables,
 * history, tasks, incidents and the metadata of its documents (the files themselves download from
 * /api/documents/:id). The export is itself recorded first: a `subject.exported` history row on
 * each case, with the admin as actor, so the record cannot be skipped by a failed answer.
 * Archived cases (retention) are exported too, marked `archived: true`; they change no more, so the
 * export is recorded on the hot cases only.
 */
export function subjectsRouter(store: Store, runtime: Runtime, clock: Clock, naming: Naming): Router {
  return Router().get('/subjects/:iin/export', requirePermission('accounts.manage'), async (req, res) => {
    const iin = String(req.params.iin);
    const problem = iinProblem(iin);
    if (problem) throw new ValidationError(`iin: not a valid IIN: ${problem}`, { field: 'iin' });
    const actor = actorOf(req);
    const at = clock.now().toISOString();

    const candidates = await store.instances.mentioning(iin);
    const found = [];
    for (const row of candidates) {
      const details = await runtime.details(row.id);
      if (holds(details.variables, iin)) found.push(details);
    }
    const archived = new Set<string>();
    for (const id of await store.archive.mentioning(iin)) {
      const details = await runtime.details(id);
      if (holds(details.variables, iin)) {
        found.push(details);
        archived.add(id);
      }
    }
    for (const { instance } of found) if (!archived.has(instance.id)) await runtime.recordEvent(instance.id, 'subject.exported', actor, { subject: iin, instances: found.length });
    const instances = await Promise.all(
      found.map(async ({ instance, variables, activities }) => {
        const [history, tasks, incidents, documents] = await Promise.all([store.history.byInstance(instance.id), store.tasks.list({ instanceId: instance.id }), store.incidents.list({ instanceId: instance.id }), store.documents.byInstance(instance.id)]);
        return { ...(await withNames(naming, { ...instance, variables, activities })), history: await rowsWithNames(naming, instance.definitionId, history), tasks: await rowsWithNames(naming, instance.definitionId, tasks), incidents, documents: documents.map(({ idempotencyKey: _key, ...doc }) => ({ ...doc, url: `/api/documents/${doc.id}` })), ...(archived.has(instance.id) && { archived: true }) };
      })
    );
    res.set('Cache-Control', 'no-store').json({ subject: { iin }, exportedAt: at, exportedBy: actor, instances });
  });
}
