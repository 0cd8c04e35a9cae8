import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { expect } from 'chai';
import knexFactory, { type Knex } from 'knex';
import { fixture, testQyzmet, type TestQyzmet } from '../support/app.js';
import { databaseTargets } from '../support/databases.js';
import { createStore } from '../../src/store/index.js';

/** A second connection to the test's database, as someone with database access reads or edits it behind Qyzmet's back. */
function rawDatabase(url: string): Knex {
  return url.startsWith('sqlite:') ? knexFactory({ client: 'sqlite3', connection: { filename: url.slice('sqlite:'.length) }, useNullAsDefault: true }) : knexFactory({ client: 'pg', connection: url });
}

const dayMs = 86_400_000;

/** The hot tables that hold rows of a case, and how to count one case's rows in each. */
async function hotRows(raw: Knex, instanceId: string): Promise<Record<string, number>> {
  const count = async (q: Knex.QueryBuilder) => Number((await q.count({ n: '*' }).first())?.n ?? 0);
  const out: Record<string, number> = { instances: await count(raw('instances').where({ id: instanceId })) };
  for (const table of ['history', 'tasks', 'jobs', 'subscriptions', 'incidents', 'documents']) out[table] = await count(raw(table).where({ instance_id: instanceId }));
  out.task_candidates = await count(raw('task_candidates').whereIn('task_id', raw('tasks').select('id').where({ instance_id: instanceId })));
  return out;
}

for (const database of databaseTargets()) {
  describe(`retention: archiving finished cases (${database.name})`, () => {
    let dir: string;
    let url: string;
    let t: TestQyzmet;
    let raw: Knex;
    after(() => database.stop());
    beforeEach(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-archive-'));
      url = (await database.fresh()) ?? `sqlite:${path.join(dir, 'archive.sqlite')}`;
      t = await testQyzmet({ databaseUrl: url });
      raw = rawDatabase(url);
      await t.deploy(fixture('receipt.bpmn'));
    });
    afterEach(async () => {
      await raw.destroy();
      await t.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    /** A receipt case started now: its check task open. */
    async function startCase(businessKey: string): Promise<string> {
      return (await t.api.post('/api/definitions/receipt/instances').send({ businessKey, variables: { iin: '750930410421', applicantName: 'Серікова Айгүл' } }).expect(201)).body.id;
    }

    /** A receipt case finished now (check → refusal receipt → end), with its task, job, document and history: its end instant. */
    async function finishedCase(businessKey: string): Promise<{ id: string; endedAt: string }> {
      const id = await startCase(businessKey);
      const [task] = (await t.api.get('/api/tasks').query({ instance: id })).body;
      await t.api.post(`/api/tasks/${task.id}/claim`).send({ user: 'aigerim' }).expect(200);
      await (await t.person('aigerim')).post(`/api/tasks/${task.id}/complete`).send({ variables: { checklist: { incomeCertificate: 'missing' } } }).expect(200);
      await t.qyzmet.jobs.runDue();
      const body = (await t.api.get(`/api/instances/${id}`).expect(200)).body;
      expect(body.status).to.equal('completed');
      return { id, endedAt: body.endedAt };
    }

    /** Everything the API answers about a case: its details, documents (files included) and audit report. */
    async function answers(id: string) {
      const details = (await t.api.get(`/api/instances/${id}`).expect(200)).body;
      const documents = (await t.api.get(`/api/instances/${id}/documents`).expect(200)).body as Array<{ id: string; url: string }>;
      const files = [];
      for (const d of documents) {
        const res = await t.api.get(d.url).buffer(true).parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        });
        expect(res.status).to.equal(200);
        files.push({ type: res.headers['content-type'], disposition: res.headers['content-disposition'], sha256: res.headers['x-content-sha256'], body: (res.body as Buffer).toString('base64') });
      }
      const audit = (await t.api.get(`/api/instances/${id}/audit`).expect(200)).body;
      return { details, documents, files, audit };
    }

    const setPeriod = (days: number) => t.api.put('/api/settings/archive-period').send({ days, act: 'the installation decision on retention' }).expect(200);
    const runPass = async () => (await t.api.post('/api/archive/run').expect(200)).body as { endedBefore: string; archived: number; batches: number };

    it('archives a finished case only once the period has passed since its end, and leaves a running case hot', async () => {
      const finished = await finishedCase('HA-ARCH-1');
      const running = await startCase('HA-ARCH-2');
      await setPeriod(30);
      expect((await t.api.get('/api/settings/archive-period').expect(200)).body).to.include({ days: 30, act: 'the installation decision on retention', setBy: 'admin' });

      // Exactly 30 days after its end the case is not yet past the period: it ended at the bound, not before it.
      t.clock.set(new Date(Date.parse(finished.endedAt) + 30 * dayMs));
      expect(await runPass()).to.deep.equal({ endedBefore: finished.endedAt, archived: 0, batches: 0 });
      expect((await hotRows(raw, finished.id)).instances).to.equal(1);

      t.clock.set(new Date(Date.parse(finished.endedAt) + 30 * dayMs + 1));
      expect(await runPass()).to.include({ archived: 1, batches: 1 });
      expect(await hotRows(raw, finished.id)).to.deep.equal({ instances: 0, history: 0, tasks: 0, jobs: 0, subscriptions: 0, incidents: 0, documents: 0, task_candidates: 0 });

      // A year on, the running case is still hot, with its open task in the inbox.
      t.clock.set(new Date(Date.parse(finished.endedAt) + 365 * dayMs));
      expect(await runPass()).to.include({ archived: 0 });
      const runningRows = await hotRows(raw, running);
      expect(runningRows.instances).to.equal(1);
      expect(runningRows.tasks).to.equal(1);
      expect((await t.api.get('/api/tasks').query({ instance: running }).expect(200)).body).to.have.length(1);
    });

    it('answers the same for an archived case as before, and lists it only when asked for archived cases', async () => {
      const { id, endedAt } = await finishedCase('HA-ARCH-3');
      const before = await answers(id);
      const refusedBefore = await t.api.put(`/api/instances/${id}/variables`).send({ variables: { note: 'late' } });
      const canceledBefore = await t.api.post(`/api/instances/${id}/cancel`);
      expect(before.details.archived).to.equal(false);
      expect(before.documents).to.have.length(1);
      expect(before.files[0]!.type).to.match(/^application\/pdf/);
      expect(before.audit).to.include({ instanceId: id, intact: true });

      await setPeriod(1);
      t.clock.set(new Date(Date.parse(endedAt) + 2 * dayMs));
      expect(await runPass()).to.include({ archived: 1 });

      const after = await answers(id);
      expect(after.details).to.deep.equal({ ...before.details, archived: true });
      expect(after.documents).to.deep.equal(before.documents);
      expect(after.files).to.deep.equal(before.files);
      expect(after.audit).to.deep.equal(before.audit);

      // The default list reads the hot tables only; ?archived=true lists the archive, as the hot list shows a case.
      const hotList = (await t.api.get('/api/instances').expect(200)).body as Array<{ id: string }>;
      expect(hotList.map((c) => c.id)).to.not.include(id);
      const archivedList = await t.api.get('/api/instances').query({ archived: true, businessKey: 'HA-ARCH-3' }).expect(200);
      expect(archivedList.headers['x-total-count']).to.equal('1');
      expect(archivedList.body).to.have.length(1);
      expect(archivedList.body[0]).to.include({ id, status: 'completed', businessKey: 'HA-ARCH-3', archived: true, overdue: false, openIncidents: 0 });
      expect((await t.api.get('/api/instances').query({ archived: true, incident: true }).expect(200)).body).to.deep.equal([]);

      // A finished case changes no more once archived: what refused to change it before refuses still, alike.
      const refusedAfter = await t.api.put(`/api/instances/${id}/variables`).send({ variables: { note: 'late' } });
      expect([refusedAfter.status, refusedAfter.body]).to.deep.equal([refusedBefore.status, refusedBefore.body]);
      const canceledAfter = await t.api.post(`/api/instances/${id}/cancel`);
      expect([canceledAfter.status, canceledAfter.body]).to.deep.equal([canceledBefore.status, canceledBefore.body]);
      expect(canceledAfter.status).to.equal(409);
    });

    it('archives nothing new on a second run, and the scheduled pass runs once a day', async () => {
      const first = await finishedCase('HA-ARCH-4');
      await setPeriod(1);
      t.clock.set(new Date(Date.parse(first.endedAt) + 2 * dayMs));
      const pass = await t.qyzmet.archiving.runIfDue();
      expect(pass).to.include({ archived: 1 });
      // Claimed for today: another node (or this one) asking now runs nothing.
      expect(await t.qyzmet.archiving.runIfDue()).to.equal(undefined);
      expect(await runPass()).to.include({ archived: 0, batches: 0 });

      const claimedAt = t.clock.now().getTime();
      const second = await finishedCase('HA-ARCH-5');
      // The next pass is due a day after the last was claimed, not before.
      t.clock.set(new Date(claimedAt + dayMs - 1));
      expect(await t.qyzmet.archiving.runIfDue()).to.equal(undefined);
      t.clock.set(new Date(claimedAt + 2 * dayMs + 1));
      expect(await t.qyzmet.archiving.runIfDue()).to.include({ archived: 1 });
      expect((await hotRows(raw, second.id)).instances).to.equal(0);
    });

    it('archives a case with the cases its call activities started, only once all of them are finished', async () => {
      await t.deploy(fixture('complaint.bpmn'));
      await t.deploy(fixture('caller.bpmn'));
      const caller = (await t.api.post('/api/definitions/caller/instances').send({ businessKey: 'CASE-ARCH', variables: { applicant: 'Aigerim', amount: 2 } }).expect(201)).body;
      const childId = caller.activities.find((a: { kind: string }) => a.kind === 'call').instanceId as string;
      const complete = async (instanceId: string, variables: Record<string, unknown>) => {
        const [task] = (await t.api.get('/api/tasks').query({ instance: instanceId })).body;
        await t.api.post(`/api/tasks/${task.id}/complete`).send({ variables }).expect(200);
        await t.qyzmet.jobs.runDue();
      };
      await complete(childId, { answer: 'upheld' });
      expect((await t.api.get(`/api/instances/${childId}`).expect(200)).body.status).to.equal('completed');
      await setPeriod(1);

      // The complaint ended long ago, but its caller still waits to inform the applicant: both stay hot.
      t.clock.advance(10 * dayMs);
      expect(await runPass()).to.include({ archived: 0 });
      expect((await hotRows(raw, childId)).instances).to.equal(1);

      await complete(caller.id, {});
      t.clock.advance(2 * dayMs);
      expect(await runPass()).to.include({ archived: 2, batches: 1 });
      expect([(await hotRows(raw, caller.id)).instances, (await hotRows(raw, childId)).instances]).to.deep.equal([0, 0]);
      expect((await t.api.get(`/api/instances/${childId}`).expect(200)).body).to.include({ archived: true, parentInstanceId: caller.id, status: 'completed' });
      expect((await t.api.get(`/api/instances/${childId}/audit`).expect(200)).body.intact).to.equal(true);
    });

    it('lets exactly one of two nodes on the database claim each scheduled pass', async () => {
      const other = await createStore(url);
      try {
        const nodes = [t.qyzmet.store, other];
        const start = Date.parse('2026-04-01T00:00:00Z');
        for (let day = 0; day < 5; day++) {
          const now = new Date(start + day * dayMs).toISOString();
          const next = new Date(start + (day + 1) * dayMs).toISOString();
          const claims = await Promise.all(nodes.map((node) => node.archive.claimPass('archiveNextPassAt', now, next)));
          expect(claims.filter(Boolean), `day ${day}: ${claims}`).to.have.length(1);
          // Within the day, neither claims again.
          expect(await Promise.all(nodes.map((node) => node.archive.claimPass('archiveNextPassAt', new Date(Date.parse(next) - 1).toISOString(), next)))).to.deep.equal([false, false]);
        }
      } finally {
        await other.close();
      }
    });

    it('exports an archived case to the person it is about, leaving its record as it was', async () => {
      const archivedCase = await finishedCase('HA-ARCH-10');
      await setPeriod(1);
      t.clock.set(new Date(Date.parse(archivedCase.endedAt) + 2 * dayMs));
      expect(await runPass()).to.include({ archived: 1 });
      const hot = await finishedCase('HA-ARCH-11');
      const before = (await t.api.get(`/api/instances/${archivedCase.id}`).expect(200)).body;

      const exported = (await t.api.get('/api/subjects/750930410421/export').expect(200)).body;
      const byId = new Map(exported.instances.map((c: { id: string }) => [c.id, c]));
      expect(byId.get(archivedCase.id)).to.include({ businessKey: 'HA-ARCH-10', archived: true });
      expect(byId.get(hot.id)).to.not.have.property('archived');
      // The export is recorded on the hot case; the archived one reads and verifies exactly as before.
      expect((await t.api.get(`/api/instances/${hot.id}`)).body.history.map((h: { type: string }) => h.type)).to.include('subject.exported');
      expect((await t.api.get(`/api/instances/${archivedCase.id}`).expect(200)).body).to.deep.equal(before);
      expect((await t.api.get(`/api/instances/${archivedCase.id}/audit`).expect(200)).body.intact).to.equal(true);
      expect((await t.api.get('/api/subjects/510203410142/export').expect(200)).body.instances).to.deep.equal([]);
    });

    it('moves each case once when two nodes run passes at the same time', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 12; i++) ids.push((await finishedCase(`HA-ARCH-RACE-${i}`)).id);
      const other = await createStore(url);
      try {
        const now = new Date(t.clock.now().getTime() + 10 * dayMs).toISOString();
        const passes = await Promise.all([t.qyzmet.store, other, t.qyzmet.store, other].map((node) => node.archive.run({ endedBefore: now, now, batchSize: 2 })));
        expect(passes.reduce((n, p) => n + p.archived, 0)).to.equal(12);
        for (const id of ids) expect((await hotRows(raw, id)).instances, id).to.equal(0);
        expect(Number((await raw('archived_instances').count({ n: '*' }).first())!.n)).to.equal(12);
        expect((await t.api.get(`/api/instances/${ids[5]}/audit`).expect(200)).body.intact).to.equal(true);
      } finally {
        await other.close();
      }
    });

    it('refuses a run without a period, and a period outside 1..36500 days naming the field', async () => {
      const refused = await t.api.post('/api/archive/run');
      expect(refused.status).to.equal(409);
      expect(refused.body.error).to.match(/archive period/);
      for (const days of [0, 36_501, 1.5]) {
        const bad = await t.api.put('/api/settings/archive-period').send({ days });
        expect(bad.status, `days ${days}`).to.equal(400);
        expect(JSON.stringify(bad.body)).to.include('days');
      }
      await setPeriod(10);
      await t.api.delete('/api/settings/archive-period').expect(204);
      expect((await t.api.get('/api/settings/archive-period').expect(200)).body).to.deep.equal({ days: null, act: null, setAt: null, setBy: null });
      expect((await t.api.post('/api/archive/run')).status).to.equal(409);
    });

    it('fails verification of an archived case whose document file was swapped', async () => {
      const { id, endedAt } = await finishedCase('HA-ARCH-9');
      await setPeriod(1);
      t.clock.set(new Date(Date.parse(endedAt) + 2 * dayMs));
      expect(await runPass()).to.include({ archived: 1 });
      const [document] = (await t.api.get(`/api/instances/${id}/documents`).expect(200)).body;
      await raw('archived_documents').where({ id: document.id }).update({ content: Buffer.from('%PDF-1.7 another file') });
      const report = (await t.api.get(`/api/instances/${id}/audit`).expect(200)).body;
      expect(report).to.deep.include({ instanceId: id, intact: false });
      expect(report.brokenAt).to.include({ type: 'document.created', reason: 'document mismatch' });
    });

    it('fails verification of an archived case whose record was edited', async () => {
      const { id, endedAt } = await finishedCase('HA-ARCH-6');
      await setPeriod(1);
      t.clock.set(new Date(Date.parse(endedAt) + 2 * dayMs));
      expect(await runPass()).to.include({ archived: 1 });

      // Someone with database access changes what the clerk submitted, inside the archived record.
      const row = await raw('archived_instances').where({ id }).first();
      const record = JSON.parse(gunzipSync(row.record).toString('utf8'));
      const completed = record.tables.history.find((h: { type: string }) => h.type === 'task.completed');
      const data = JSON.parse(completed.data);
      data.variables.checklist.incomeCertificate = 'present';
      completed.data = JSON.stringify(data);
      await raw('archived_instances').where({ id }).update({ record: gzipSync(JSON.stringify(record)) });

      const report = (await t.api.get(`/api/instances/${id}/audit`).expect(200)).body;
      expect(report).to.deep.include({ instanceId: id, intact: false });
      expect(report.brokenAt).to.include({ historyId: Number(completed.id), type: 'task.completed', seq: Number(completed.seq), reason: 'hash mismatch' });
    });

    it('leaves every case of a batch hot when the batch fails inside its transaction', async () => {
      const first = await finishedCase('HA-ARCH-7');
      t.clock.advance(60_000);
      const second = await finishedCase('HA-ARCH-8');
      // A leftover archive row under the second case's id: its insert fails after the batch deleted both cases' hot rows.
      const leftover = await raw('archived_instances').insert({ id: second.id, definition_id: 'x', definition_key: 'x', definition_version: 1, provider: 'default', status: 'completed', started_at: second.endedAt, ended_at: second.endedAt, archived_at: second.endedAt, summary: '{}', record: gzipSync('{}') });
      expect(leftover).to.not.equal(undefined);
      const hot = [await hotRows(raw, first.id), await hotRows(raw, second.id)];

      const now = new Date(Date.parse(second.endedAt) + 10 * dayMs).toISOString();
      let failure: unknown;
      await t.qyzmet.store.archive.run({ endedBefore: now, now, batchSize: 10 }).catch((err: unknown) => (failure = err));
      expect(failure, 'the batch failed').to.be.instanceOf(Error);
      expect([await hotRows(raw, first.id), await hotRows(raw, second.id)]).to.deep.equal(hot);
      expect((await raw('archived_instances').select('id')).map((r: { id: string }) => r.id)).to.deep.equal([second.id]);
      expect(await raw('archived_documents').select('id')).to.deep.equal([]);
      expect((await t.api.get(`/api/instances/${first.id}`).expect(200)).body.archived).to.equal(false);

      // The leftover removed, the same pass moves both.
      await raw('archived_instances').where({ id: second.id }).delete();
      expect(await t.qyzmet.store.archive.run({ endedBefore: now, now, batchSize: 10 })).to.deep.equal({ archived: 2, batches: 1 });
      expect((await hotRows(raw, first.id)).instances + (await hotRows(raw, second.id)).instances).to.equal(0);
    });
  });
}
