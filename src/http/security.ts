import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { rateLimit, ipKeyGenerator, type Options } from 'express-rate-limit';
import helmet from 'helmet';
import { parse as parseCookies } from 'cookie';
import { ForbiddenError } from '../errors/index.js';
import { sessionCookie } from './auth.js';

/** The readable cookie holding the CSRF token, for a browser page reloaded after sign-in. */
export const csrfCookie = 'qyzmet_csrf';
/** The header a cookie-signed request that changes something must carry. */
export const csrfHeader = 'x-csrf-token';

/**
 * The CSRF token of a session: derived from the session token, so nothing more is stored, it
 * dies with the session, and it cannot be computed without the HTTP-only cookie. A page on a
 * sibling sub-domain that plants its own `qyzmet_csrf` cookie (which defeats a plain
 * double-submit cookie) still cannot make one that matches the victim's session.
 */
export function csrfTokenOf(sessionToken: string): string {
  return createHash('sha256').update(`qyzmet-csrf:${sessionToken}`).digest('base64url');
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses (403) a request that changes something and is signed in by the session cookie alone
 * unless it carries the session's CSRF token in `X-CSRF-Token`. Why a token and not only
 * SameSite=Strict or Origin: SameSite treats every sub-domain of the site as the same site, and
 * Origin/Sec-Fetch-Site are not sent by every client (older browsers, some proxies strip them); the
 * token holds whatever the browser sends. Bearer-token clients are exempt: a browser never adds an
 * `Authorization` header on its own, so a forged request cannot carry one. Anonymous requests carry
 * no authority to forge; sign-in makes a new session and is exempt too.
 */
export function csrfProtection(): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (safeMethods.has(req.method) || !req.principal || req.path === '/auth/login') return next();
    if (/^Bearer\s/i.test(req.header('authorization') ?? '')) return next();
    const cookieToken = parseCookies(req.header('cookie') ?? '')[sessionCookie];
    if (!cookieToken || cookieToken !== req.sessionToken) return next();
    const sent = req.header(csrfHeader) ?? '';
    const expected = csrfTokenOf(cookieToken);
    if (sent.length === expected.length && timingSafeEqual(Buffer.from(sent), Buffer.from(expected))) return next();
    throw new ForbiddenError(`${sent ? 'wrong' : 'missing'} CSRF token: a request signed in by the session cookie that changes something must send the header X-CSRF-Token with the csrfToken of the sign-in answer (also in the ${csrfCookie} cookie)`, { header: 'X-CSRF-Token' });
  };
}

/**
 * Security headers (helmet's defaults: a strict Content-Security-Policy, no MIME sniffing, no
 * framing, HSTS, no referrer across origins). The API answers JSON and PDF only, so the strict
 * policy costs nothing; the web app will set its own where it needs more.
 */
export function securityHeaders(): RequestHandler {
  return helmet();
}

export interface LoginLimits {
  /** Failed sign-ins of one username within the window before it is throttled. */
  perUser: number;
  /** Failed sign-ins from one address within the window. */
  perIp: number;
  windowMinutes: number;
}

export const defaultLoginLimits: LoginLimits = { perUser: 5, perIp: 30, windowMinutes: 15 };

/**
 * Throttles password guessing at `POST /api/auth/login`: failed attempts are counted per address
 * (someone trying many accounts) and per username (many addresses trying one account); past
 * either limit the answer is 429 with Retry-After, also for the right password, until the window
 * passes. Successful sign-ins are not counted, so an office behind one address is not locked out
 * by its own clerks signing in. The counters are in memory per node: several nodes behind a
 * balancer each allow the limit.
 */
export function loginThrottle(limits: LoginLimits = defaultLoginLimits): RequestHandler[] {
  const common: Partial<Options> = {
    windowMs: limits.windowMinutes * 60_000,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, res, _next, options) => {
      res.status(429).json({ error: `too many failed sign-ins; try again in ${res.getHeader('retry-after')} seconds`, details: { retryAfter: Number(res.getHeader('retry-after')), limit: options.limit } });
    },
  };
  const byIp = rateLimit({ ...common, limit: limits.perIp, keyGenerator: (req) => `ip:${ipKeyGenerator(req.ip ?? '')}` });
  const byUser = rateLimit({
    ...common,
    limit: limits.perUser,
    // Requests without a usable username fail validation (400) and are counted by address only.
    skip: (req) => typeof req.body?.username !== 'string',
    keyGenerator: (req) => `user:${String(req.body.username).toLowerCase().slice(0, 64)}`,
  });
  return [byIp, byUser];
}

/**
 * After the JSON parsers: a body in another format is a 415 naming the body (the handlers read
 * JSON only), and a request without a body reads as `{}`, so that validation names the missing
 * fields instead of a handler failing on `undefined`.
 */
export function jsonBodiesOnly(): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (req.body === undefined) {
      const hasBody = Number(req.header('content-length') ?? 0) > 0 || req.header('transfer-encoding') !== undefined;
      if (hasBody && !safeMethods.has(req.method)) {
        throw Object.assign(new Error(`send the body as application/json, not ${req.header('content-type') ?? 'without a Content-Type'}`), { type: 'entity.unsupported', status: 415, expose: true });
      }
      req.body = {};
    }
    next();
  };
}
