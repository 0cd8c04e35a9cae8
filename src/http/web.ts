import fs from 'node:fs';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { NotFoundError } from '../errors/index.js';

/**
 * Serves the built web app (src/web, built by Vite into `dir`) at `/`: its files as they are, and
 * `index.html` for every other GET that asks for a page, so a reloaded deep link such as
 * `/monitor/123` opens the app there. Hashed assets are cached for a year, `index.html` never
 * (a new build must reach the browser at once). When the app is not built, a page says how to
 * build it instead of a bare 404. The page keeps helmet's strict Content-Security-Policy (scripts
 * from this origin only, no eval): the forms' validators are precompiled by the build
 * (src/web/forms/precompile.ts).
 */
export function webApp(folder: string): Router {
  const router = express.Router();
  const dir = path.resolve(folder);
  const index = path.join(dir, 'index.html');
  router.use('/assets', express.static(path.join(dir, 'assets'), { immutable: true, maxAge: '365d', index: false }), (req: Request, _res: Response, next: NextFunction) => {
    // A missing asset (an old page asking for a replaced build's file) is a 404, never the page.
    next(new NotFoundError(`no file /assets${req.path}`));
  });
  router.use(express.static(dir, { index: false, maxAge: 0 }));
  router.get(/.*/, (req: Request, res: Response, next: NextFunction) => {
    if (!req.accepts('html')) return next(new NotFoundError(`no route ${req.method} ${req.path}`));
    if (!fs.existsSync(index)) {
      res.status(404).type('text/plain').send(`The web app is not built (no ${index}). Run "npm run build", or "npm start", which builds it.\n`);
      return;
    }
    res.set('cache-control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
