import type { Request } from 'express';

/** Who is acting, for history. Until sign-in exists, clients name themselves in `X-Qyzmet-User`. */
export function actorOf(req: Request): string {
  return req.header('x-qyzmet-user')?.trim() || 'anonymous';
}
