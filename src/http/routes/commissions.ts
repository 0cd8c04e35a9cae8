import { Router } from 'express';
import type { Clock } from '../../clock/index.js';
import { NotFoundError, ValidationError } from '../../errors/index.js';
import type { CommissionRow, Store } from '../../store/index.js';
import { actorOf } from '../actor.js';
import { requirePermission } from '../auth.js';
import { validBody } from '../validate.js';

export const commissionSchema = {
  type: 'object',
  required: ['members', 'chair'],
  additionalProperties: false,
  properties: {
    members: { type: 'array', minItems: 1, maxItems: 50, uniqueItems: true, items: { type: 'string', minLength: 1, maxLength: 64 }, description: 'usernames of the accounts that vote, of this provider' },
    chair: { type: 'string', minLength: 1, maxLength: 64, description: 'one of the members: presides, registers and signs the decision; the vote that decides a tie' },
  },
} as const;

/** What GET and PUT answer: the composition, each member's display name, and every composition set, newest first. */
export interface CommissionView {
  provider: string;
  members: { username: string; displayName: string }[];
  chair: string;
  updatedAt: string;
  updatedBy: string;
  changes: { members: string[]; chair: string; changedAt: string; changedBy: string }[];
}

/**
 * The housing commission of a provider (seed 002 para 9(1)), set by admins (`accounts.manage`).
 * Every member must be an enabled account of the same provider — the vote's tasks are that
 * provider's, and an account of another provider would never see its own — and the chair one of
 * them; a bad one is a 400 naming it (`members[2]`, `chair`). Each change is kept.
 */
export function commissionsRouter(store: Store, clock: Clock): Router {
  const admin = requirePermission('accounts.manage');
  const view = async (row: CommissionRow): Promise<CommissionView> => {
    const members = await Promise.all(row.members.map(async (username) => ({ username, displayName: (await store.users.get(username))?.displayName ?? username })));
    const changes = (await store.commissions.changes(row.provider)).map(({ members: m, chair, changedAt, changedBy }) => ({ members: m, chair, changedAt, changedBy }));
    return { provider: row.provider, members, chair: row.chair, updatedAt: row.updatedAt, updatedBy: row.updatedBy, changes };
  };
  return Router()
    .get('/providers/:provider/commission', admin, async (req, res) => {
      const provider = String(req.params.provider);
      const row = await store.commissions.get(provider);
      if (!row) throw new NotFoundError(`provider "${provider}" has no housing commission yet; PUT /api/providers/${provider}/commission sets one`, { provider });
      res.json(await view(row));
    })
    .put('/providers/:provider/commission', admin, validBody(commissionSchema), async (req, res) => {
      const provider = String(req.params.provider);
      if (provider.length > 100) throw new ValidationError('provider must be at most 100 characters', { field: 'provider' });
      const { members, chair } = req.body as { members: string[]; chair: string };
      const fields: { field: string; message: string }[] = [];
      for (const [i, username] of members.entries()) {
        const account = await store.users.get(username);
        if (!account) fields.push({ field: `members[${i}]`, message: `"${username}" is no account` });
        else if (account.provider !== provider) fields.push({ field: `members[${i}]`, message: `"${username}" is an account of provider "${account.provider}", not "${provider}"` });
        else if (account.disabled) fields.push({ field: `members[${i}]`, message: `"${username}" is disabled` });
      }
      if (!members.includes(chair)) fields.push({ field: 'chair', message: `"${chair}" is not one of the members` });
      if (fields.length) throw new ValidationError(`invalid body: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`, { fields });
      const row: CommissionRow = { provider, members, chair, updatedAt: clock.now().toISOString(), updatedBy: actorOf(req) };
      await store.commissions.put(row);
      res.json(await view(row));
    });
}
