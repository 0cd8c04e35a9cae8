import { Router } from 'express';
import { roles, type Accounts } from '../../auth/index.js';
import { requirePermission } from '../auth.js';
import { validBody } from '../validate.js';

export const newAccountSchema = {
  type: 'object',
  required: ['username', 'password', 'displayName', 'roles', 'provider'],
  additionalProperties: false,
  properties: {
    username: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{1,63}$' },
    password: { type: 'string', minLength: 10, maxLength: 1024 },
    displayName: { type: 'string', minLength: 1, maxLength: 200 },
    roles: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: [...roles] } },
    provider: { type: 'string', minLength: 1, maxLength: 100 },
  },
} as const;

/** Accounts, managed by admins (`accounts.manage`): list, add, disable and enable. */
export function usersRouter(accounts: Accounts): Router {
  const admin = requirePermission('accounts.manage');
  return Router()
    .get('/users', admin, async (_req, res) => {
      res.json(await accounts.list());
    })
    .post('/users', admin, validBody(newAccountSchema), async (req, res) => {
      res.status(201).json(await accounts.add(req.body));
    })
    .post('/users/:username/disable', admin, async (req, res) => {
      res.json(await accounts.setDisabled(String(req.params.username), true));
    })
    .post('/users/:username/enable', admin, async (req, res) => {
      res.json(await accounts.setDisabled(String(req.params.username), false));
    });
}
