import { Router } from 'express';
import type { Accounts } from '../../auth/index.js';
import { UnauthorizedError } from '../../errors/index.js';
import { sessionCookie } from '../auth.js';
import { validBody } from '../validate.js';

export const loginSchema = {
  type: 'object',
  required: ['username', 'password'],
  additionalProperties: false,
  properties: { username: { type: 'string', minLength: 1, maxLength: 64 }, password: { type: 'string', minLength: 1, maxLength: 1024 } },
} as const;

/**
 * Sign-in and sign-out. Signing in answers the token for API clients (`Authorization: Bearer …`) and
 * sets it as an HTTP-only, SameSite=Strict cookie for the browser; both end together.
 */
export function authRouter(accounts: Accounts): Router {
  return Router()
    .post('/auth/login', validBody(loginSchema), async (req, res) => {
      const session = await accounts.login(req.body.username, req.body.password);
      res.cookie(sessionCookie, session.token, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/', expires: new Date(session.expiresAt) });
      res.json({ token: session.token, expiresAt: session.expiresAt, user: session.principal });
    })
    .post('/auth/logout', async (req, res) => {
      if (req.sessionToken) await accounts.logout(req.sessionToken);
      res.clearCookie(sessionCookie, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/' });
      res.status(204).end();
    })
    .get('/auth/me', (req, res) => {
      if (!req.principal) throw new UnauthorizedError('not signed in, or the session expired');
      res.json(req.principal);
    });
}
