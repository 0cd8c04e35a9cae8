import type { Request } from 'express';

/**
 * Who is acting, for history: the signed-in user. Requests without a session still name themselves
 * in `X-Qyzmet-User` until every route requires signing in (issue 14 goes on with that).
 */
export function actorOf(req: Request): string {
  return req.principal?.username ?? (req.header('x-qyzmet-user')?.trim() || 'anonymous');
}
