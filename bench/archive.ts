/**
 * What archiving costs (retention, issue 19): BENCH_ARCHIVE_CASES finished receipt cases (default
 * 10,000) moved out of the hot tables on SQLite, BENCH_ARCHIVE_BATCH cases per transaction (default
 * 25, the pass's own). One case is run through the API (a task, its service job, a 35 KB PDF, 15
 * history rows); the others are copies of its rows under new ids, inserted in bulk (their chains do
 * not verify, which archiving does not check). Prints the time in all, a case and a batch (a batch
 * is how long the write lock is held).
 *
 *   node --import tsx bench/archive.ts
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import knexFactory from 'knex';
import { fixture, testQyzmet } from '../test/support/app.js';

const cases = Number.parseInt(process.env.BENCH_ARCHIVE_CASES ?? '10000', 10);
const batchSize = Number.parseInt(process.env.BENCH_ARCHIVE_BATCH ?? '25', 10);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-bench-archive-'));
const file = path.join(dir, 'archive.sqlite');
const t = await testQyzmet({ databaseUrl: `sqlite:${file}` });
try {
  await t.deploy(fixture('receipt.bpmn'));
  const id = (await t.api.post('/api/definitions/receipt/instances').send({ businessKey: 'B-0', variables: { iin: '750930410421', applicantName: 'Серікова Айгүл' } })).body.id as string;
  const [task] = (await t.api.get('/api/tasks').query({ instance: id })).body;
  await t.api.post(`/api/tasks/${task.id}/claim`).send({ user: 'aigerim' });
  await (await t.person('aigerim')).post(`/api/tasks/${task.id}/complete`).send({ variables: { checklist: { incomeCertificate: 'missing' } } });
  await t.qyzmet.jobs.runDue();

  const raw = knexFactory({ client: 'sqlite3', connection: { filename: file }, useNullAsDefault: true });
  const instance = await raw('instances').where({ id }).first();
  const history = await raw('history').where({ instance_id: id });
  const tasks = await raw('tasks').where({ instance_id: id });
  const candidates = await raw('task_candidates').whereIn('task_id', tasks.map((x) => x.id));
  const jobs = await raw('jobs').where({ instance_id: id });
  const documents = await raw('documents').where({ instance_id: id });
  console.log(`a case: ${history.length} history rows, ${tasks.length} task, ${candidates.length} candidate, ${jobs.length} job, ${documents.length} document of ${documents.map((d) => d.size).join(', ')} bytes`);
  for (let i = 1; i < cases; i += 200) {
    await raw.transaction(async (trx) => {
      for (let j = i; j < Math.min(cases, i + 200); j++) {
        const copy = randomUUID();
        await trx('instances').insert({ ...instance, id: copy, business_key: `B-${j}` });
        for (let k = 0; k < history.length; k += 50) await trx('history').insert(history.slice(k, k + 50).map(({ id: _id, ...h }) => ({ ...h, instance_id: copy })));
        const taskIds = new Map(tasks.map((x) => [x.id, randomUUID()]));
        await trx('tasks').insert(tasks.map((x) => ({ ...x, id: taskIds.get(x.id), instance_id: copy })));
        if (candidates.length) await trx('task_candidates').insert(candidates.map((c) => ({ ...c, task_id: taskIds.get(c.task_id) })));
        await trx('jobs').insert(jobs.map((x) => ({ ...x, id: randomUUID(), instance_id: copy })));
        await trx('documents').insert(documents.map((d) => ({ ...d, id: randomUUID(), instance_id: copy, idempotency_key: randomUUID() })));
      }
    });
  }
  await raw.destroy();

  const now = new Date(Date.parse(instance.ended_at) + 400 * 86_400_000).toISOString();
  const start = performance.now();
  const result = await t.qyzmet.store.archive.run({ endedBefore: now, now, batchSize });
  const ms = performance.now() - start;
  console.log(`archived ${result.archived} cases in ${result.batches} transactions of ${batchSize}: ${(ms / 1000).toFixed(1)} s, ${(ms / result.archived).toFixed(2)} ms a case, ${(ms / result.batches).toFixed(0)} ms a transaction`);
  const again = performance.now();
  const second = await t.qyzmet.store.archive.run({ endedBefore: now, now, batchSize });
  console.log(`a second pass: ${second.archived} archived in ${(performance.now() - again).toFixed(0)} ms`);
} finally {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
