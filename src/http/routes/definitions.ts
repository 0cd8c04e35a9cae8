import { Router } from 'express';
import { ForbiddenError, NotFoundError } from '../../errors/index.js';
import type { Definitions, Runtime } from '../../engine/index.js';
import type { DefinitionRow } from '../../store/index.js';
import type { Store } from '../../store/index.js';
import { actorOf } from '../actor.js';
import { seesEveryProvider, signedIn } from '../access.js';
import { requirePermission } from '../auth.js';
import { validBody } from '../validate.js';
import { withNames, type Naming } from '../names.js';

export const startSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    businessKey: { type: ['string', 'null'], maxLength: 255 },
    variables: { type: 'object' },
    provider: { type: 'string', minLength: 1, maxLength: 100, description: "the provider the case belongs to; the starter's own when absent" },
  },
} as const;

/**
 * The regulation a definition version carries out, from the `act.*` properties of its process:
 * number, date, state registration, entry into force and abolition as the act's text gives them,
 * and whether it has been abolished (a provider may still run it, e.g. for training); its title in
 * each language as `titles` when it has one, and the abolishing act's as `abolishedByTitles`.
 */
async function actOf(definitions: Definitions, row: DefinitionRow) {
  const { act, actTitles, actAbolishedBy } = await definitions.compiled(row);
  return act ? { ...act, ...(actTitles ? { titles: actTitles } : {}), ...(actAbolishedBy ? { abolishedByTitles: actAbolishedBy } : {}), abolished: !!(act.abolishedOn || act.abolishedBy) } : null;
}

/** The process's names in Kazakh, Russian and English (its `name` and `name:ru`/`name:en` properties). */
async function processNames(definitions: Definitions, row: DefinitionRow) {
  return (await definitions.compiled(row)).names.get(row.key) ?? null;
}

export function definitionsRouter(store: Store, runtime: Runtime, definitions: Definitions, naming: Naming): Router {
  return Router()
    .get('/definitions', async (_req, res) => {
      const rows = await store.definitions.list();
      const latest = new Map<string, (typeof rows)[number]>();
      for (const row of rows) latest.set(row.key, row);
      res.json(
        await Promise.all(
          [...latest.values()].map(async ({ xml, ...summary }) => ({
            ...summary,
            names: await processNames(definitions, { xml, ...summary }),
            act: await actOf(definitions, { xml, ...summary }),
            // The application's form (the start event's camunda:formKey or the applicationForm property), for whoever files one.
            // And the documents its cases may issue (a receipt of acceptance, …), so the start page promises only those.
            ...(({ applicationForm, startableInTasklist, documentKinds }) => ({ applicationForm, startableInTasklist, documents: documentKinds }))(await definitions.compiled({ xml, ...summary })),
            versions: rows.filter((r) => r.key === summary.key).length,
          }))
        )
      );
    })
    .get('/definitions/:key', async (req, res) => {
      const principal = signedIn(req.principal);
      const versions = await store.definitions.versions(req.params.key);
      if (versions.length === 0) throw new NotFoundError(`no definition with key "${req.params.key}"`, { key: req.params.key });
      // Cases are counted among those the caller may see: their own provider's, or all for an admin.
      const counts = await store.instances.countsByVersion(req.params.key, seesEveryProvider(principal) ? undefined : principal.provider);
      const instances = (version: number) => {
        const mine = counts.filter((c) => c.version === version);
        return { running: mine.filter((c) => c.status === 'running').reduce((n, c) => n + c.count, 0), total: mine.reduce((n, c) => n + c.count, 0) };
      };
      res.json({ key: req.params.key, versions: await Promise.all(versions.map(async (v) => ({ ...v, names: await processNames(definitions, v), act: await actOf(definitions, v), instances: instances(v.version) }))) });
    })
    .post('/definitions/:key/instances', requirePermission('instances.start'), validBody(startSchema), async (req, res) => {
      const principal = signedIn(req.principal);
      const provider: string = req.body.provider ?? principal.provider;
      if (provider !== principal.provider && !seesEveryProvider(principal)) throw new ForbiddenError(`${principal.username} starts cases of ${principal.provider} only, not of ${provider}`, { field: 'provider' });
      const details = await runtime.start({ key: String(req.params.key), businessKey: req.body.businessKey ?? null, variables: req.body.variables, provider, actor: actorOf(req) });
      res.status(201).json(await instanceView(details, naming));
    });
}

/** A case as a change to it answers: the instance, its variables, and where it waits with the names of those steps. */
export async function instanceView(details: Awaited<ReturnType<Runtime['details']>>, naming: Naming) {
  return withNames(naming, { ...details.instance, variables: details.variables, activities: details.activities });
}
