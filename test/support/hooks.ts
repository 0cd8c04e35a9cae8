import { startRunBuild } from '../web/app.js';
import { startRunPostgres, stopSharedPostgres } from './databases.js';
import { runWide } from './shared.js';

const run = runWide('hooks', () => ({ built: undefined as Promise<void> | undefined }));

/**
 * Mocha global fixtures (.mocharc.json `require`): they run once, in the main mocha process, before
 * the first file and after the last, whether the files run one after another or in parallel worker
 * processes. What the whole run shares is started here and reaches the workers through their
 * environment; a test file needs nothing of this to use it (databaseTargets(), startWebApp()).
 */
export async function mochaGlobalSetup(): Promise<void> {
  // The browser tests serve what `npm run build` makes; it runs beside the files before test/web/.
  run.built = startRunBuild();
  await startRunPostgres();
}

export async function mochaGlobalTeardown(): Promise<void> {
  await stopSharedPostgres();
  // A run without browser tests still lets the build finish rather than leave dist/ half written.
  await run.built;
}
