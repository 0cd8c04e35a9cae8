import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { parse as parseCookies } from 'cookie';
import type { Accounts, Permission, Principal } from '../auth/index.js';
import { ForbiddenError, UnauthorizedError } from '../errors/index.js';

/** The browser's session cookie: HTTP-only, SameSite=Strict, holding the session token. */
export const sessionCookie = 'qyzmet_session';

declare module 'express-serve-static-core' {
  interface Request {
    /** Who is signed in, if anyone (set by {@link authenticate}). */
    principal?: Principal;
    /** The token the request came with, for signing out. */
    sessionToken?: string;
  }
}

/** The session token of a request: `Authorization: Bearer …` (API clients) or the cookie (the browser). */
export function tokenOf(req: Request): string | undefined {
  const header = req.header('authorization');
  const bearer = header?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  if (bearer) return bearer;
  const cookies = req.header('cookie');
  return cookies ? parseCookies(cookies)[sessionCookie] || undefined : undefined;
}

/** Looks the request's session up and sets `req.principal`; a request without one goes on as anonymous. */
export function authenticate(accounts: Accounts): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const token = tokenOf(req);
    if (token) {
      req.principal = await accounts.authenticate(token);
      req.sessionToken = token;
    }
    next();
  };
}

/** 401 without a session, 403 when the signed-in user's roles do not grant `permission`. */
export function requirePermission(permission: Permission): RequestHandler {
  return (req, _res, next) => {
    if (!req.principal) throw new UnauthorizedError('sign in first (POST /api/auth/login)');
    if (!req.principal.permissions.includes(permission)) throw new ForbiddenError(`${req.principal.username} may not do this: it needs the permission "${permission}", which roles ${req.principal.roles.join(', ')} do not grant`, { permission });
    next();
  };
}
