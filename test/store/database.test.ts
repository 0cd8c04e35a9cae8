import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { openDatabase, type Database } from '../../src/store/database.js';

describe('the SQLite database', () => {
  let dir: string;
  let database: Database;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-database-'));
    database = await openDatabase(`sqlite:${path.join(dir, 'db.sqlite')}`);
  });
  afterEach(async () => {
    await database.knex.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('syncs the WAL at every commit (synchronous = FULL), so an acknowledged step survives a power cut', async () => {
    // A power cut cannot be staged in a test; what decides it is the connection's setting, which SQLite does not store in the file.
    const [journal] = await database.knex.raw('PRAGMA journal_mode');
    const [sync] = await database.knex.raw('PRAGMA synchronous');
    expect(journal).to.deep.equal({ journal_mode: 'wal' });
    expect(sync).to.deep.equal({ synchronous: 2 }); // 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA
  });
});
