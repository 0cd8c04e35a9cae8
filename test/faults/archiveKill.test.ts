import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import knexFactory, { type Knex } from 'knex';
import { fixture, testQyzmet } from '../support/app.js';
import { databaseTargets } from '../support/databases.js';
import { runCli } from '../support/server.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const cases = 400;

function rawDatabase(url: string): Knex {
  return url.startsWith('sqlite:') ? knexFactory({ client: 'sqlite3', connection: { filename: url.slice('sqlite:'.length) }, useNullAsDefault: true }) : knexFactory({ client: 'pg', connection: url });
}

const count = async (q: Knex.QueryBuilder) => Number((await q.count({ n: '*' }).first())?.n ?? 0);

/** How many rows of the case each hot table holds, and whether it is archived. */
async function where(raw: Knex, id: string) {
  const tasks = raw('tasks').select('id').where({ instance_id: id });
  return {
    instances: await count(raw('instances').where({ id })),
    history: await count(raw('history').where({ instance_id: id })),
    tasks: await count(raw('tasks').where({ instance_id: id })),
    task_candidates: await count(raw('task_candidates').whereIn('task_id', tasks)),
    jobs: await count(raw('jobs').where({ instance_id: id })),
    documents: await count(raw('documents').where({ instance_id: id })),
    archived: await count(raw('archived_instances').where({ id })),
    archivedDocuments: await count(raw('archived_documents').where({ instance_id: id })),
  };
}

for (const database of databaseTargets()) {
  describe(`retention: an archive pass killed with SIGKILL (${database.name})`, function () {
    this.timeout(180_000);
    let dir: string;
    after(() => database.stop());
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('leaves each case wholly hot or wholly archived, and the next pass moves the rest', async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-archive-kill-'));
      const url = (await database.fresh()) ?? `sqlite:${path.join(dir, 'kill.sqlite')}`;
      // One case run through the API (a task, its service job, a PDF, its history), with the period set.
      const t = await testQyzmet({ databaseUrl: url });
      let original: string;
      try {
        await t.deploy(fixture('receipt.bpmn'));
        original = (await t.api.post('/api/definitions/receipt/instances').send({ businessKey: 'K-0', variables: { iin: '750930410421', applicantName: 'Серікова Айгүл' } }).expect(201)).body.id;
        const [task] = (await t.api.get('/api/tasks').query({ instance: original })).body;
        await t.api.post(`/api/tasks/${task.id}/claim`).send({ user: 'aigerim' }).expect(200);
        await (await t.person('aigerim')).post(`/api/tasks/${task.id}/complete`).send({ variables: { checklist: { incomeCertificate: 'missing' } } }).expect(200);
        await t.qyzmet.jobs.runDue();
        await t.api.put('/api/settings/archive-period').send({ days: 1 }).expect(200);
      } finally {
        await t.close();
      }

      // Copies of its rows under new ids make a backlog of finished cases.
      const raw = rawDatabase(url);
      try {
        const ids = [original];
        const instance = await raw('instances').where({ id: original }).first();
        const history = await raw('history').where({ instance_id: original });
        const tasks = await raw('tasks').where({ instance_id: original });
        const candidates = await raw('task_candidates').whereIn('task_id', tasks.map((x) => x.id));
        const jobs = await raw('jobs').where({ instance_id: original });
        const documents = await raw('documents').where({ instance_id: original });
        const shape = await where(raw, original);
        await raw.transaction(async (trx) => {
          for (let i = 1; i < cases; i++) {
            const id = randomUUID();
            ids.push(id);
            await trx('instances').insert({ ...instance, id, business_key: `K-${i}` });
            await trx('history').insert(history.map(({ id: _id, ...h }) => ({ ...h, instance_id: id })));
            const taskIds = new Map(tasks.map((x) => [x.id, randomUUID()]));
            await trx('tasks').insert(tasks.map((x) => ({ ...x, id: taskIds.get(x.id), instance_id: id })));
            await trx('task_candidates').insert(candidates.map((c) => ({ ...c, task_id: taskIds.get(c.task_id) })));
            await trx('jobs').insert(jobs.map((x) => ({ ...x, id: randomUUID(), instance_id: id })));
            await trx('documents').insert(documents.map((d) => ({ ...d, id: randomUUID(), instance_id: id, idempotency_key: randomUUID() })));
          }
        });

        // `qyzmet archive run`, killed once its first transactions have committed.
        const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src', 'cli.ts'), 'archive', 'run'], { cwd: root, env: { ...process.env, DATABASE_URL: url }, stdio: 'ignore' });
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        const deadline = Date.now() + 120_000;
        while ((await count(raw('archived_instances'))) === 0 && Date.now() < deadline) await sleep(10);
        child.kill('SIGKILL');
        await exited;

        const archivedAfterKill = await count(raw('archived_instances'));
        expect(archivedAfterKill, 'archived before the kill').to.be.greaterThan(0).and.lessThan(cases);
        const whole = { ...shape, archived: 0, archivedDocuments: 0 };
        const gone = { instances: 0, history: 0, tasks: 0, task_candidates: 0, jobs: 0, documents: 0, archived: 1, archivedDocuments: 1 };
        for (const id of ids) {
          const found = await where(raw, id);
          expect(found, `case ${id}`).to.deep.equal(found.archived ? gone : whole);
        }

        // The next pass moves the rest.
        const rerun = await runCli(['archive', 'run'], { DATABASE_URL: url });
        expect(rerun.code, rerun.stderr).to.equal(0);
        expect(rerun.stdout).to.include(`archived ${cases - archivedAfterKill} cases`);
        expect(await count(raw('archived_instances'))).to.equal(cases);
        expect(await count(raw('instances'))).to.equal(0);
        expect(await count(raw('history'))).to.equal(0);
      } finally {
        await raw.destroy();
      }

      // The case run through the API still reads and verifies from the archive.
      const again = await testQyzmet({ databaseUrl: url });
      try {
        expect((await again.api.get(`/api/instances/${original}`).expect(200)).body).to.include({ archived: true, status: 'completed' });
        expect((await again.api.get(`/api/instances/${original}/audit`).expect(200)).body.intact).to.equal(true);
      } finally {
        await again.close();
      }
    });
  });
}
