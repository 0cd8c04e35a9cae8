import { Router } from 'express';
import type { Clock } from '../../clock/index.js';
import { NotFoundError, ValidationError } from '../../errors/index.js';
import { binProblem } from '../../gateway/index.js';
import type { ProviderRow, Store } from '../../store/index.js';
import { actorOf } from '../actor.js';
import { requirePermission, requireSignIn } from '../auth.js';
import { validBody } from '../validate.js';

const name = { type: 'string', minLength: 1, maxLength: 500, pattern: '\\S' } as const;
const names = { type: 'object', required: ['kk', 'ru', 'en'], additionalProperties: false, properties: { kk: name, ru: name, en: name } } as const;
/** A definition key (BPMN process id) or a regulation: letters, digits, `-`, `_`, `.`. */
const serviceKey = '^[A-Za-z_][A-Za-z0-9_.-]{0,99}$';

export const providerSchema = {
  type: 'object',
  required: ['names', 'bin', 'address', 'services'],
  additionalProperties: false,
  properties: {
    names: { ...names, description: "the provider's own name in Kazakh, Russian and English" },
    bin: { type: ['string', 'null'], description: 'business identification number: 12 digits, the last a check digit as for an IIN; null when not entered' },
    address: { type: ['string', 'null'], maxLength: 1000, description: 'postal address; null when not entered' },
    services: {
      type: 'object',
      maxProperties: 200,
      propertyNames: { pattern: serviceKey },
      additionalProperties: names,
      description: 'service key (a definition key such as privatization, or a regulation: national, almaty) → the body that provides it, in Kazakh, Russian and English; what the case\'s documents and pages name',
    },
  },
} as const;

/**
 * The providers directory (`providers` table): each provider's names, BIN and address, and the
 * body that provides each of its services. Anyone signed in reads it (the screens name the body);
 * admins (`accounts.manage`) write an entry whole. A bad field is a 400 naming it (`bin`,
 * `names.en`, `services.privatization.ru`).
 */
export function providersRouter(store: Store, clock: Clock): Router {
  return Router()
    .get('/providers', requireSignIn, async (_req, res) => {
      res.json(await store.providers.list());
    })
    .get('/providers/:provider', requireSignIn, async (req, res) => {
      const provider = String(req.params.provider);
      const row = await store.providers.get(provider);
      if (!row) throw new NotFoundError(`provider "${provider}" has no directory entry; PUT /api/providers/${provider} adds one`, { provider });
      res.json(row);
    })
    .put('/providers/:provider', requirePermission('accounts.manage'), validBody(providerSchema), async (req, res) => {
      const provider = String(req.params.provider);
      if (provider.length > 100 || !provider.trim()) throw new ValidationError('provider must be 1–100 characters', { field: 'provider' });
      const body = req.body as Pick<ProviderRow, 'names' | 'bin' | 'address' | 'services'>;
      const bin = body.bin?.trim() || null;
      const problem = bin === null ? undefined : binProblem(bin);
      if (problem) throw new ValidationError(`bin ${problem}`, { fields: [{ field: 'bin', message: problem }] });
      const trim = (n: ProviderRow['names']) => ({ kk: n.kk.trim(), ru: n.ru.trim(), en: n.en.trim() });
      const row: ProviderRow = {
        id: provider,
        names: trim(body.names),
        bin,
        address: body.address?.trim() || null,
        services: Object.fromEntries(Object.entries(body.services).map(([key, n]) => [key, trim(n)])),
        updatedAt: clock.now().toISOString(),
        updatedBy: actorOf(req),
      };
      await store.providers.put(row);
      res.json(row);
    });
}
