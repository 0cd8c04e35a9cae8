import path from 'node:path';
import type { Context } from 'mocha';
import { buildOnce } from '../web/app.js';
import { stopSharedPostgres } from './databases.js';

const webTests = `${path.sep}test${path.sep}web${path.sep}`;

/**
 * Mocha root hooks (.mocharc.json `require`): what the whole run shares is started early or
 * stopped once, after the last file.
 */
export const mochaHooks = {
  beforeAll(this: Context) {
    // The browser tests serve what `npm run build` makes (a minute or more of tsc and Vite on 2
    // vCPUs). The tests run one at a time and leave the second core mostly idle, so the build
    // starts now and is done, or nearly, when the first browser test awaits it; a failed build
    // fails those tests as before.
    const files = this.test?.parent?.suites.map((s) => s.file ?? '') ?? [];
    if (files.some((f) => f.includes(webTests))) buildOnce().catch(() => undefined);
  },
  async afterAll() {
    await stopSharedPostgres();
  },
};
