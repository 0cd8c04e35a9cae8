import { Router } from 'express';
import type { Decisions } from '../../engine/index.js';
import { NotFoundError } from '../../errors/index.js';
import type { Store } from '../../store/index.js';
import { requirePermission } from '../auth.js';
import { validBody } from '../validate.js';

export const evaluateSchema = {
  type: 'object',
  required: ['variables'],
  additionalProperties: false,
  properties: {
    variables: { type: 'object', description: 'the decision\'s input data and variables by name, as a case would hold them' },
    version: { type: 'integer', minimum: 1, description: 'the version to evaluate; the one in effect now when absent' },
  },
} as const;

/**
 * Deployed decisions (DMN), for analysts: the list, each key's versions with its table as deployed,
 * and an evaluation on given variables, so a table can be tried before a process uses it.
 */
export function decisionsRouter(store: Store, decisions: Decisions): Router {
  return Router()
    .get('/decisions', async (_req, res) => {
      const rows = await store.decisions.list();
      const latest = new Map<string, (typeof rows)[number]>();
      for (const row of rows) latest.set(row.key, row);
      res.json([...latest.values()].map(({ contentHash: _hash, ...summary }) => ({ ...summary, versions: rows.filter((r) => r.key === summary.key).length })));
    })
    .get('/decisions/:key', async (req, res) => {
      const key = String(req.params.key);
      const versions = await store.decisions.versions(key);
      if (versions.length === 0) throw new NotFoundError(`no decision with key "${key}"`, { key });
      res.json({
        key,
        versions: await Promise.all(versions.map(async ({ contentHash: _hash, ...summary }) => {
          const decision = (await decisions.parsed(await decisions.version(key, summary.version))).decisions.get(key)!;
          return { ...summary, requiredDecisions: decision.requiredDecisions, logic: decision.logic };
        })),
      });
    })
    .post('/decisions/:key/evaluate', requirePermission('decisions.evaluate'), validBody(evaluateSchema), async (req, res) => {
      res.json(await decisions.evaluate(String(req.params.key), req.body.variables, req.body.version === undefined ? {} : { version: req.body.version }));
    });
}
