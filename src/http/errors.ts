import type { NextFunction, Request, Response } from 'express';
import { NotFoundError, QyzmetError } from '../errors/index.js';
import { storageFault } from '../store/index.js';

export function notFound(req: Request, _res: Response, next: NextFunction) {
  next(new NotFoundError(`no route ${req.method} ${req.baseUrl}${req.path}`));
}

/** What the body parser reports: http-errors with a `type` and `expose` for client errors. */
interface BodyError {
  type?: string;
  status?: number;
  expose?: boolean;
  message?: string;
  limit?: number;
}

/** A body-parser failure as a client sees it, naming the body. */
function bodyProblem(err: BodyError): { status: number; error: string; details: Record<string, unknown> } | undefined {
  if (typeof err?.type !== 'string' || typeof err.status !== 'number' || err.status < 400 || err.status >= 500) return undefined;
  switch (err.type) {
    case 'entity.parse.failed':
      // JSON.parse's own words name the position, never anything of the server.
      return { status: 400, error: `request body: not valid JSON (${err.message})`, details: { field: 'body' } };
    case 'entity.too.large':
      return { status: 413, error: `request body: larger than the ${err.limit} bytes this route accepts`, details: { field: 'body', limit: err.limit } };
    default:
      return err.expose ? { status: err.status, error: `request body: ${err.message}`, details: { field: 'body' } } : undefined;
  }
}

/**
 * The one place where failures become HTTP answers: `{ error, details }` with the error's status.
 * A 5xx never carries the error's message, stack or details (they may name tables, files or
 * personal data): the client gets "internal error" and the log gets the rest — except a storage
 * fault (503, 507), answered with the cause it names (see storageFault).
 */
export function errorHandler(logger: Pick<Console, 'error'>) {
  return function handleError(err: unknown, _req: Request, res: Response, _next: NextFunction) {
    if (res.headersSent) {
      logger.error(err);
      res.end();
      return;
    }
    const status = (err as { status?: unknown })?.status;
    if ((err instanceof QyzmetError || (err instanceof Error && typeof status === 'number' && 'details' in err)) && (status as number) < 500) {
      const e = err as QyzmetError;
      res.status(e.status).json({ error: e.message, details: e.details ?? null });
      return;
    }
    // A full, read-only or unreachable database: the client is told which (and nothing else of it), the log gets the rest.
    const fault = storageFault(err);
    if (fault) {
      logger.error(err);
      if (fault.details.cause === 'unreachable') res.setHeader('Retry-After', '5');
      res.status(fault.status).json({ error: fault.message, details: fault.details });
      return;
    }
    const body = bodyProblem(err as BodyError);
    if (body) {
      res.status(body.status).json({ error: body.error, details: body.details });
      return;
    }
    logger.error(err);
    res.status(500).json({ error: 'internal error', details: null });
  };
}
