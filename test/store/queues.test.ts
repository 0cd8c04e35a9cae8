import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { createStore, StaleWriteError, type Batch, type QueueEntryRow, type Store } from '../../src/store/index.js';
import { openDatabase } from '../../src/store/database.js';
import { databaseTargets } from '../support/databases.js';

const at = '2026-12-07T05:30:00.000Z';
const entry = (number: number, fields: Partial<QueueEntryRow> = {}): QueueEntryRow => ({
  id: `entry-${number}-${fields.stepKey ?? ''}`,
  list: 'sociallyVulnerable',
  locality: 'Almaty',
  number,
  instanceId: `case-${number}`,
  stepKey: `case-${number}:register`,
  iin: '850214410915',
  applicant: 'Есенова Мадина',
  family: [],
  registeredAt: at,
  status: 'registered',
  updatedAt: null,
  ...fields,
});

for (const target of databaseTargets()) {
  describe(`waiting-list tables (${target.name})`, () => {
    let dir: string;
    let store: Store;
    let url: string;
    const committed = (record: (batch: Batch) => void) => {
      const batch = store.batch();
      record(batch);
      return batch.commit();
    };
    after(() => target.stop());
    beforeEach(async function () {
      this.timeout(60_000);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-queues-'));
      url = (await target.fresh()) ?? `sqlite:${path.join(dir, 'db.sqlite')}`;
      store = await createStore(url);
      await store.queues.ensureSequence('sociallyVulnerable', 'Almaty');
    });
    afterEach(async () => {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('takes a number only from the one before it: a batch proposing a taken number writes nothing', async () => {
      await committed((b) => b.queues.take(entry(1)));
      let error: unknown;
      await committed((b) => b.queues.take(entry(1, { stepKey: 'case-9:register', instanceId: 'case-9' }))).catch((err) => (error = err));
      expect(error).to.be.instanceOf(StaleWriteError);
      expect(await store.queues.lastNumber('sociallyVulnerable', 'Almaty')).to.equal(1);
      expect((await store.queues.list('sociallyVulnerable', { limit: 10 })).map((e) => e.instanceId)).to.deep.equal(['case-1']);
    });

    it('refuses, whatever code writes straight into the table, a duplicate number, a second entry for one step, a number below 1 and a list with no sequence', async () => {
      await committed((b) => b.queues.take(entry(1)));
      const { knex } = await openDatabase(url);
      try {
        const insert = (row: QueueEntryRow) => knex('queue_entries').insert({ id: row.id, list: row.list, locality: row.locality, number: row.number, instance_id: row.instanceId, step_key: row.stepKey, iin: row.iin, applicant: row.applicant, family: '[]', registered_at: at, status: 'registered' }).then(() => 'written', (err: Error) => err.message);
        expect(await insert(entry(1, { id: 'dup', stepKey: 'dup:register' })), 'same list, locality and number').to.match(/unique|duplicate/i);
        expect(await insert(entry(2, { id: 'dup2', stepKey: entry(1).stepKey })), 'same step').to.match(/unique|duplicate/i);
        expect(await insert(entry(0, { id: 'zero', stepKey: 'zero' })), 'number 0').to.match(/check/i);
        expect(await insert(entry(1, { id: 'nowhere', stepKey: 'nowhere', locality: 'Nowhere' })), 'no sequence row').to.match(/foreign/i);
        expect(await insert(entry(2, { id: 'ok', stepKey: 'ok' })), 'the next number, by hand').to.equal('written');
      } finally {
        await knex.destroy();
      }
      expect((await store.queues.list('sociallyVulnerable', { limit: 10 })).map((e) => e.id)).to.deep.equal([entry(1).id, 'ok']);
    });

    it('pages a list by locality and number from a cursor', async () => {
      await store.queues.ensureSequence('sociallyVulnerable', 'Astana');
      for (const n of [1, 2, 3]) await committed((b) => b.queues.take(entry(n)));
      await committed((b) => b.queues.take(entry(1, { locality: 'Astana', stepKey: 'astana-1', id: 'astana-1', instanceId: 'astana-case' })));
      const first = await store.queues.list('sociallyVulnerable', { limit: 2 });
      expect(first.map((e) => [e.locality, e.number])).to.deep.equal([['Almaty', 1], ['Almaty', 2]]);
      const rest = await store.queues.list('sociallyVulnerable', { limit: 5, after: { locality: 'Almaty', number: 2 } });
      expect(rest.map((e) => [e.locality, e.number])).to.deep.equal([['Almaty', 3], ['Astana', 1]]);
      expect((await store.queues.list('sociallyVulnerable', { locality: 'Astana', limit: 5 })).map((e) => e.instanceId)).to.deep.equal(['astana-case']);
    });
  });
}

