import { Router } from 'express';
import type { Accounts } from '../../auth/index.js';
import { UnauthorizedError } from '../../errors/index.js';
import { sessionCookie } from '../auth.js';
import { csrfCookie, csrfTokenOf } from '../security.js';
import { validBody } from '../validate.js';

export const loginSchema = {
  type: 'object',
  required: ['username', 'password'],
  additionalProperties: false,
  properties: { username: { type: 'string', minLength: 1, maxLength: 64 }, password: { type: 'string', minLength: 1, maxLength: 1024 } },
} as const;

/**
 * Sign-in and sign-out. Signing in answers the token for API clients (`Authorization: Bearer …`) and
 * sets it as an HTTP-only, SameSite=Strict cookie for the browser; both end together. The answer's
 * `csrfToken` (also the readable `qyzmet_csrf` cookie) goes in `X-CSRF-Token` on every request the
 * browser sends with the cookie that changes something (see ../security.ts).
 */
export function authRouter(accounts: Accounts): Router {
  return Router()
    .post('/auth/login', validBody(loginSchema), async (req, res) => {
      const session = await accounts.login(req.body.username, req.body.password);
      res.cookie(sessionCookie, session.token, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/', expires: new Date(session.expiresAt) });
      // Readable by the page (not HTTP-only): it sends the value back in X-CSRF-Token.
      const csrfToken = csrfTokenOf(session.token);
      res.cookie(csrfCookie, csrfToken, { httpOnly: false, sameSite: 'strict', secure: req.secure, path: '/', expires: new Date(session.expiresAt) });
      res.json({ token: session.token, csrfToken, expiresAt: session.expiresAt, user: session.principal });
    })
    .post('/auth/logout', async (req, res) => {
      if (req.sessionToken) await accounts.logout(req.sessionToken);
      res.clearCookie(sessionCookie, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/' });
      res.clearCookie(csrfCookie, { httpOnly: false, sameSite: 'strict', secure: req.secure, path: '/' });
      res.status(204).end();
    })
    .get('/auth/me', (req, res) => {
      if (!req.principal) throw new UnauthorizedError('not signed in, or the session expired');
      res.json(req.principal);
    });
}
