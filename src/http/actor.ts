import type { Request } from 'express';
import { signedIn } from './access.js';

/** Who is acting, for history: the signed-in user. */
export function actorOf(req: Request): string {
  return signedIn(req.principal).username;
}
