import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Log } from '../log/index.js';

/**
 * One line per request when its answer has gone out: method, path (without the query string,
 * which may carry search terms about a person), status, milliseconds, and the signed-in user.
 * The log masks IINs in the path (`/api/subjects/[IIN]/export`).
 */
export function requestLog(log: Log): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const line = { method: req.method, path: req.originalUrl.split('?')[0], status: res.statusCode, ms: Math.round(ms * 10) / 10, user: req.principal?.username };
      if (res.statusCode >= 500) log.error(line, 'request');
      else log.info(line, 'request');
    });
    next();
  };
}
