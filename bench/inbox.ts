/**
 * What a clerk's inbox costs the server: GET /api/tasks for one page (20 rows, the web app's page)
 * and for the largest (500), with BENCH_INBOX_CASES cases waiting at a user task (default 2,000),
 * on SQLite through the HTTP API (supertest on the app, no network). Each row reads its case's
 * variables for the applicant, its definition's lanes (kept compiled) and the calendar's working days.
 *
 *   node --import tsx bench/inbox.ts
 * Prints numbers only.
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { testQyzmet } from '../test/support/app.js';

const cases = Number.parseInt(process.env.BENCH_INBOX_CASES ?? '2000', 10);
const rounds = 40;
const xml = fs.readFileSync(new URL('./bench.bpmn', import.meta.url), 'utf8');

const t = await testQyzmet({ services: { 'bench.lookup': async () => ({ found: true }), 'bench.notify': async () => ({}) } });
try {
  await t.deploy(xml);
  const key = (await t.api.get('/api/definitions')).body[0].key as string;
  const started = performance.now();
  for (let i = 0; i < cases; i++) {
    const res = await t.api.post(`/api/definitions/${key}/instances`).send({ businessKey: `B-${i}`, variables: { iin: '840512310075', applicant: { lastName: 'Ахметов', firstName: 'Даулет', middleName: 'Серікұлы' }, amount: 1200 } });
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  }
  await t.qyzmet.jobs.runDue();
  console.log(`${cases} cases started and waiting in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  // First reads parse each case's state for its applicant; repeated reads (every clerk's page polls)
  // find it kept by the case's revision.
  const measure = async (label: string, limit: number, offsets: number[]) => {
    const ms: number[] = [];
    for (const offset of offsets) {
      const t0 = performance.now();
      const res = await t.api.get('/api/tasks').query({ limit, offset }).expect(200);
      ms.push(performance.now() - t0);
      if (res.body.length !== Math.min(limit, cases - offset)) throw new Error(`expected ${limit} rows, got ${res.body.length}`);
    }
    ms.sort((a, b) => a - b);
    const at = (p: number) => ms[Math.min(ms.length - 1, Math.floor((p / 100) * ms.length))]!.toFixed(1);
    console.log(`GET /api/tasks?limit=${limit}, ${label}: p50 ${at(50)} ms, p95 ${at(95)} ms, max ${at(100)} ms (${ms.length} requests, ${cases} open tasks)`);
  };
  const pages = (limit: number) => Array.from({ length: Math.ceil(cases / limit) }, (_, i) => i * limit);
  await measure('first read of each page', 20, pages(20).slice(0, rounds));
  await measure('the same page again', 20, Array(rounds).fill(0));
  await measure('every page, the first 800 cases read before', 500, pages(500));
  await measure('every page again', 500, [...pages(500), ...pages(500)]);
} finally {
  await t.close();
}
