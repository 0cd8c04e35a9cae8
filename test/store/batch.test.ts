import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { createStore, emptyChain, StaleWriteError, type Batch, type DefinitionRow, type HistoryEvent, type InstanceRow, type Store, type TaskRow } from '../../src/store/index.js';
import { databaseTargets } from '../support/databases.js';

// The project has no @types/pg: the little the deadlock test uses, loaded through require.
const pg = createRequire(import.meta.url)('pg') as { Client: new (config: { connectionString: string }) => { connect(): Promise<void>; query(sql: string): Promise<{ rows: any[] }>; end(): Promise<void> } };

const at = '2026-11-24T09:00:00.000Z';
const definition: DefinitionRow = { id: 'd1', key: 'review', version: 1, name: null, deploymentName: 'review.bpmn', xml: '<x/>', contentHash: 'h', deployedAt: at, deployedBy: 'test', effectiveFrom: null, source: 'file', sourceFile: 'review.bpmn' };
const instance = (id: string, fields: Partial<InstanceRow> = {}): InstanceRow => ({
  id,
  provider: 'default',
  definitionId: 'd1',
  definitionKey: 'review',
  definitionVersion: 1,
  businessKey: null,
  status: 'running',
  state: '{}',
  revision: 0,
  startedAt: at,
  startedBy: 'test',
  endedAt: null,
  parentInstanceId: null,
  parentExecutionId: null,
  parentElementId: null,
  activities: [],
  term: null,
  registeredAt: null,
  dueAt: null,
  resultAt: null,
  historySeq: 0,
  historyHead: '',
  consentAt: null,
  ...fields,
});
const event = (instanceId: string, type: HistoryEvent['type'], data: Record<string, unknown> | null = null): HistoryEvent => ({
  instanceId,
  definitionId: 'd1',
  definitionVersion: 1,
  type,
  elementId: null,
  elementType: null,
  executionId: null,
  actor: 'test',
  at,
  data,
});

for (const target of databaseTargets()) {
  describe(`write batches (${target.name})`, () => {
    let dir: string;
    let url: string;
    let store: Store;
    /** A batch of `record`'s writes, committed. */
    const committed = (record: (batch: Batch) => void) => {
      const batch = store.batch();
      record(batch);
      return batch.commit();
    };

    before(async function () {
      this.timeout(120_000);
      await target.fresh();
    });
    after(() => target.stop());
    beforeEach(async function () {
      this.timeout(60_000);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-batch-'));
      url = (await target.fresh()) ?? `sqlite:${path.join(dir, 'db.sqlite')}`;
      store = await createStore(url);
      await store.definitions.insert(definition);
      await committed((b) => b.instances.insert(instance('case-1')));
    });
    afterEach(async () => {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('writes everything recorded, in order, when committed', async () => {
      const batch = store.batch();
      batch.instances.insert(instance('case-2'));
      batch.instances.update({ id: 'case-2', revision: 0, ...emptyChain('case-2') }, { status: 'completed', endedAt: at });
      batch.history.append([event('case-2', 'instance.started'), event('case-2', 'instance.ended')]);
      expect((await store.counts()).history).to.equal(0);
      await batch.commit();
      const written = await store.instances.get('case-2');
      expect(written).to.include({ status: 'completed', endedAt: at, revision: 1 });
      expect((await store.history.byInstance('case-2')).map((e) => e.type)).to.deep.equal(['instance.started', 'instance.ended']);
    });

    it('fails with StaleWriteError and writes nothing when an instance changed since its revision was read', async () => {
      const read = (await store.instances.get('case-1'))!;
      await committed((b) => b.instances.update(read, { status: 'completed' }));
      const before = await store.counts();
      const batch = store.batch();
      batch.instances.update(read, { status: 'canceled' });
      batch.history.append([event('case-1', 'task.completed')]);
      batch.instances.insert(instance('case-3'));
      const err = await batch.commit().then(() => null, (e: unknown) => e);
      expect(err).to.be.instanceOf(StaleWriteError);
      expect((err as Error).message).to.contain('instance case-1 at revision 0');
      expect(await store.counts()).to.deep.equal(before);
      expect(await store.instances.get('case-1')).to.include({ status: 'completed', revision: 1 });
    });

    it('rolls back everything before a statement the database refuses, and reports its error', async () => {
      const before = await store.counts();
      const batch = store.batch();
      batch.instances.insert(instance('case-4'));
      batch.history.append([event('case-4', 'instance.started')]);
      batch.instances.insert(instance('case-1'));
      const err = await batch.commit().then(() => null, (e: unknown) => e);
      expect(err).to.be.instanceOf(Error).and.not.instanceOf(StaleWriteError);
      expect((err as Error).message).to.match(/unique|duplicate/i);
      expect(await store.counts()).to.deep.equal(before);
      // The connection is usable afterwards, outside any leftover transaction.
      await committed((b) => b.instances.insert(instance('case-5')));
      expect(await store.instances.get('case-5')).to.include({ id: 'case-5' });
    });

    it('fails with StaleWriteError and writes nothing when PostgreSQL aborts it to break a deadlock with another writer (so the step runs again instead of answering 500)', async function () {
      if (target.name !== 'PostgreSQL') return this.skip(); // SQLite has one writer at a time: no cycle of row locks
      await committed((b) => b.instances.insert(instance('case-2')));
      const [first, second] = [(await store.instances.get('case-1'))!, (await store.instances.get('case-2'))!];
      // Another writer holds case-2 and will want case-1; it waits 10 s before looking for a deadlock,
      // the batch's session 1 s (the default), so PostgreSQL aborts the batch's transaction.
      const other = new pg.Client({ connectionString: url });
      await other.connect();
      try {
        await other.query('begin');
        await other.query("set local deadlock_timeout = '10s'");
        await other.query("update instances set business_key = 'other-2' where id = 'case-2'");
        const batch = store.batch();
        batch.instances.update(first, { status: 'completed' });
        batch.instances.update(second, { status: 'completed' });
        const committing = batch.commit().then(() => null, (e: unknown) => e);
        // Once the batch holds case-1 and waits for case-2, the other writer asks for case-1.
        while (Number((await other.query("select count(*) as n from pg_locks where not granted and locktype = 'transactionid'")).rows[0].n) === 0) await new Promise((r) => setImmediate(r));
        const otherWrite = other.query("update instances set business_key = 'other-1' where id = 'case-1'");
        const err = await committing;
        await otherWrite;
        await other.query('rollback');
        expect(err).to.be.instanceOf(StaleWriteError);
        expect((err as Error).message).to.match(/deadlock/);
        expect(await store.instances.get('case-1')).to.include({ status: 'running', revision: 0 });
        expect(await store.instances.get('case-2')).to.include({ status: 'running', revision: 0 });
      } finally {
        await other.end();
      }
    });

    it('stores text exactly, whatever quotes, statement separators or non-Latin letters it holds (and NUL characters on SQLite)', async () => {
      // PostgreSQL text cannot hold NUL at all; SQLite can, and a batch holding one goes statement by statement.
      const texts = ["O'Brien'; DELETE FROM instances; --", 'Әлихан Бөкейхан — 100%', '\\n \\\' ?', ...(target.name === 'SQLite' ? ['a\0b'] : [])];
      const batch = store.batch();
      texts.forEach((businessKey, i) => batch.instances.insert(instance(`text-${i}`, { businessKey, state: JSON.stringify({ businessKey }) })));
      batch.history.append(texts.map((text, i) => event(`text-${i}`, 'instance.started', { text })));
      await batch.commit();
      for (const [i, text] of texts.entries()) {
        expect(await store.instances.get(`text-${i}`)).to.include({ businessKey: text, state: JSON.stringify({ businessKey: text }) });
        expect((await store.history.byInstance(`text-${i}`))[0]!.data).to.deep.equal({ text });
      }
      expect(await store.instances.get('case-1')).to.include({ id: 'case-1' });
    });

    it('closes exactly the waits it names — none for an empty list, all of the instance for none named — and completes a task only while it is as read', async () => {
      const task = (executionId: string, fields: Partial<TaskRow> = {}): TaskRow => ({
        id: `task-${executionId}`,
        instanceId: 'case-1',
        executionId,
        elementId: 'decide',
        name: null,
        status: 'open',
        assignee: null,
        candidateGroups: ['clerks'],
        candidateUsers: [],
        formKey: null,
        dueAt: null,
        createdAt: at,
        claimedAt: null,
        endedAt: null,
        completedBy: null,
        provider: 'default',
        ...fields,
      });
      // Rows of one insert with different fields: what one leaves out is stored as NULL.
      await committed((b) => b.tasks.insertMany([task('x1'), task('x2', { name: 'Шешім', dueAt: '2026-12-01T00:00:00.000Z' }), task('x3', { assignee: 'ainur' })]));
      const status = async () => Object.fromEntries((await store.tasks.list({ instanceId: 'case-1' })).map((t) => [t.executionId, t.status]));
      expect((await store.tasks.get('task-x2'))!).to.include({ name: 'Шешім', dueAt: '2026-12-01T00:00:00.000Z' });
      expect((await store.tasks.get('task-x1'))!).to.include({ name: null, dueAt: null });

      await committed((b) => b.tasks.closeOpen('case-1', [], { status: 'canceled', endedAt: at }));
      expect(await status()).to.deep.equal({ x1: 'open', x2: 'open', x3: 'open' });
      await committed((b) => b.tasks.closeOpen('case-1', ['x2'], { status: 'canceled', endedAt: at }));
      expect(await status()).to.deep.equal({ x1: 'open', x2: 'canceled', x3: 'open' });

      // Guarded on "no assignee": x3 was claimed, so completing it as unclaimed fails the whole batch.
      const batch = store.batch();
      batch.tasks.update('task-x1', { status: 'open', assignee: null }, { status: 'completed', completedBy: 'erlan', endedAt: at });
      batch.tasks.update('task-x3', { status: 'open', assignee: null }, { status: 'completed', completedBy: 'erlan', endedAt: at });
      expect(await batch.commit().then(() => null, (e: unknown) => e)).to.be.instanceOf(StaleWriteError);
      expect(await status()).to.deep.equal({ x1: 'open', x2: 'canceled', x3: 'open' });

      await committed((b) => b.tasks.closeOpen('case-1', null, { status: 'canceled', endedAt: at }));
      expect(await status()).to.deep.equal({ x1: 'canceled', x2: 'canceled', x3: 'canceled' });
    });

    it("keeps a group's inbox in step with its tasks in the same batch: created, offered by name, completed, canceled, and a failed batch changes neither", async () => {
      const task = (executionId: string, fields: Partial<TaskRow> = {}): TaskRow => ({
        id: `task-${executionId}`,
        instanceId: 'case-1',
        executionId,
        elementId: 'decide',
        name: null,
        status: 'open',
        assignee: null,
        candidateGroups: ['clerks'],
        candidateUsers: [],
        formKey: null,
        dueAt: null,
        createdAt: at,
        claimedAt: null,
        endedAt: null,
        completedBy: null,
        provider: 'default',
        ...fields,
      });
      const inbox = async (groups: string[], status: TaskRow['status'] = 'open', user?: string) =>
        (await store.tasks.page({ visibleTo: { provider: 'default', groups, user }, status }, { sort: 'dueAt', limit: 50, offset: 0 })).rows.map((t) => t.executionId);
      await committed((b) =>
        b.tasks.insertMany([
          task('y1', { dueAt: '2026-12-03T00:00:00.000Z' }),
          task('y2', { candidateGroups: ['clerks', 'heads'], dueAt: '2026-12-01T00:00:00.000Z' }),
          task('y3', { candidateGroups: [], candidateUsers: ['ainur'] }),
        ])
      );
      expect(await inbox(['clerks'])).to.deep.equal(['y2', 'y1']);
      expect(await inbox(['heads'])).to.deep.equal(['y2']);
      expect(await inbox([], 'open', 'ainur')).to.deep.equal(['y3']);
      expect(await inbox(['clerks'], 'open', 'ainur')).to.deep.equal(['y2', 'y1', 'y3']);

      await committed((b) => b.tasks.update('task-y2', { status: 'open', assignee: null }, { status: 'completed', completedBy: 'erlan', endedAt: at }));
      expect(await inbox(['clerks'])).to.deep.equal(['y1']);
      expect(await inbox(['heads', 'clerks'], 'completed')).to.deep.equal(['y2']);

      // A batch whose guarded write fails leaves the candidates as they were, too.
      const failing = store.batch();
      failing.tasks.update('task-y1', { status: 'open', assignee: null }, { status: 'completed', completedBy: 'erlan', endedAt: at });
      failing.tasks.update('task-y2', { status: 'open', assignee: null }, { status: 'completed', completedBy: 'erlan', endedAt: at });
      expect(await failing.commit().then(() => null, (e: unknown) => e)).to.be.instanceOf(StaleWriteError);
      expect(await inbox(['clerks'])).to.deep.equal(['y1']);

      await committed((b) => b.tasks.closeOpen('case-1', ['y3'], { status: 'canceled', endedAt: at }));
      expect(await inbox([], 'open', 'ainur')).to.deep.equal([]);
      expect(await inbox(['clerks'])).to.deep.equal(['y1']);
      await committed((b) => b.tasks.closeOpen('case-1', null, { status: 'canceled', endedAt: at }));
      expect(await inbox(['clerks'])).to.deep.equal([]);
      expect(await inbox(['clerks'], 'canceled', 'ainur')).to.deep.equal(['y1', 'y3']);
    });

    it('refuses to be committed twice', async () => {
      const batch = store.batch();
      batch.instances.update((await store.instances.get('case-1'))!, {});
      batch.history.append([event('case-1', 'instance.started')]);
      await batch.commit();
      await batch.commit().then(
        () => expect.fail('a second commit went through'),
        (err: Error) => expect(err.message).to.contain('committed already')
      );
      expect((await store.history.byInstance('case-1')).length).to.equal(1);
    });

    it("refuses history of an instance the batch does not write under its revision: nothing else may extend a chain", async () => {
      const batch = store.batch();
      expect(() => batch.history.append([event('case-1', 'task.claimed')])).to.throw(/instance case-1 .* under its revision/);
    });

    it('links each history row to the one before it and keeps the head on the instance row', async () => {
      const batch = store.batch();
      batch.instances.insert(instance('case-6'));
      batch.history.append([event('case-6', 'instance.started'), event('case-6', 'task.created')]);
      await batch.commit();
      const [first, second] = await store.history.byInstance('case-6');
      expect(first).to.include({ seq: 1, prevHash: emptyChain('case-6').historyHead });
      expect(second).to.include({ seq: 2, prevHash: first!.hash });
      expect(await store.instances.get('case-6')).to.include({ historySeq: 2, historyHead: second!.hash });
      expect(batch.chainHead('case-6')).to.deep.equal({ historySeq: 2, historyHead: second!.hash });
    });

    it('fails with StaleWriteError when the chain grew since the row was read, even at the same revision', async () => {
      const read = (await store.instances.get('case-1'))!;
      const grown = store.batch();
      grown.instances.update(read, {});
      grown.history.append([event('case-1', 'task.claimed')]);
      await grown.commit();
      // A row kept with the revision right but an old head (a bug) loses the race instead of forking the chain.
      const batch = store.batch();
      batch.instances.update({ ...read, revision: 1 }, {});
      batch.history.append([event('case-1', 'task.unclaimed')]);
      expect(await batch.commit().then(() => null, (e: unknown) => e)).to.be.instanceOf(StaleWriteError);
      expect((await store.history.byInstance('case-1')).map((h) => h.type)).to.deep.equal(['task.claimed']);
    });
  });
}
