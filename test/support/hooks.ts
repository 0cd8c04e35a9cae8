import { stopSharedPostgres } from './databases.js';

/**
 * Mocha root hooks (.mocharc.json `require`): what the whole run shares is stopped once, after the
 * last file.
 */
export const mochaHooks = {
  async afterAll() {
    await stopSharedPostgres();
  },
};
