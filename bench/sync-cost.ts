/**
 * What `PRAGMA synchronous = FULL` costs against NORMAL on this machine: commits of one 4 KiB row
 * through knex + sqlite3 in WAL mode, the two settings measured in alternating rounds on files in
 * the same folder (so a drifting VM affects both alike). FULL syncs the WAL at every commit, so a
 * commit that was acknowledged survives an OS crash or a power cut; NORMAL syncs only at
 * checkpoints, and the last commits before a power cut may be lost.
 *
 *   npm run bench:sync          (BENCH_N commits per round, default 500; BENCH_ROUNDS, default 6)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import knexFactory, { type Knex } from 'knex';

const N = Number(process.env.BENCH_N ?? 500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const dir = fs.mkdtempSync(path.join(process.env.BENCH_DIR ?? os.tmpdir(), 'qyzmet-sync-'));
process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const body = 'x'.repeat(4096);

type Mode = 'NORMAL' | 'FULL';

async function open(mode: Mode): Promise<Knex> {
  const knex = knexFactory({
    client: 'sqlite3',
    connection: { filename: path.join(dir, `${mode}.sqlite`) },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      afterCreate(conn: { exec(sql: string, cb: (err: Error | null) => void): void }, done: (err: Error | null, conn: unknown) => void) {
        conn.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = ${mode}; PRAGMA wal_autocheckpoint = 10000;`, (err) => done(err, conn));
      },
    },
  });
  if (!(await knex.schema.hasTable('rows'))) await knex.schema.createTable('rows', (t) => {
    t.increments('id');
    t.text('body');
  });
  return knex;
}

/** Mean milliseconds per committed 4 KiB insert. */
async function round(knex: Knex): Promise<number> {
  const t = performance.now();
  for (let i = 0; i < N; i++) await knex('rows').insert({ body });
  return (performance.now() - t) / N;
}

const databases: Record<Mode, Knex> = { NORMAL: await open('NORMAL'), FULL: await open('FULL') };
const times: Record<Mode, number[]> = { NORMAL: [], FULL: [] };
await round(databases.NORMAL);
await round(databases.FULL);
for (let r = 0; r < ROUNDS; r++) {
  for (const mode of r % 2 ? (['FULL', 'NORMAL'] as const) : (['NORMAL', 'FULL'] as const)) times[mode].push(await round(databases[mode]));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const mode of ['NORMAL', 'FULL'] as const) {
  console.log(`synchronous = ${mode.padEnd(6)} ${median(times[mode]).toFixed(3)} ms per 4 KiB commit (median of ${ROUNDS} rounds of ${N}; rounds: ${times[mode].map((x) => x.toFixed(3)).join(' ')})`);
}
console.log(`FULL costs ${((median(times.FULL) / median(times.NORMAL) - 1) * 100).toFixed(1)} % more per commit`);
await databases.NORMAL.destroy();
await databases.FULL.destroy();
