import type { NextFunction, Request, Response } from 'express';
import { NotFoundError, QyzmetError } from '../errors/index.js';

export function notFound(req: Request, _res: Response, next: NextFunction) {
  next(new NotFoundError(`no route ${req.method} ${req.path}`));
}

/** The one place where failures become HTTP answers: `{ error, details }` with the error's status. */
export function errorHandler(logger: Pick<Console, 'error'>) {
  return function handleError(err: unknown, _req: Request, res: Response, _next: NextFunction) {
    if (err instanceof QyzmetError || (err instanceof Error && typeof (err as { status?: unknown }).status === 'number' && 'details' in err)) {
      const e = err as QyzmetError;
      res.status(e.status).json({ error: e.message, details: e.details ?? null });
      return;
    }
    const bodyError = err as { type?: string; status?: number; message?: string };
    if (bodyError?.type === 'entity.parse.failed' || bodyError?.type === 'entity.too.large') {
      res.status(bodyError.status ?? 400).json({ error: `request body: ${bodyError.message}`, details: { field: 'body' } });
      return;
    }
    logger.error(err);
    res.status(500).json({ error: 'internal error', details: null });
  };
}
