import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { fixture } from '../support/app.js';
import { finishedFaultsCase, historyLines, inParallel, waitFor } from '../support/faults.js';
import { startPostgres, type PostgresCluster } from '../support/postgres.js';
import { runCli, startServer, type ServerProcess } from '../support/server.js';
import { startSimulator, type SimulatorProcess } from '../support/simulator.js';

describe('faults: PostgreSQL restarted under two running nodes (real server processes, a cluster of its own)', function () {
  this.timeout(300_000);
  const CASES = 60;
  let cluster: PostgresCluster;
  let simulator: SimulatorProcess;
  let dir: string;
  const nodes: ServerProcess[] = [];

  before(async () => {
    // Its own cluster: stopping the run's shared one would fail the other files' tests.
    cluster = await startPostgres();
    simulator = await startSimulator();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-fault-pg-'));
    fs.mkdirSync(path.join(dir, 'processes'));
    fs.writeFileSync(path.join(dir, 'processes', 'faults.bpmn'), fixture('faults.bpmn'));
  });
  after(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
    await simulator?.stop();
    await cluster?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reconnects and carries every case to its end, each job once, while new steps during the outage get 503', async () => {
    const env = { DATABASE_URL: cluster.url, GATEWAY_URL: simulator.url, QYZMET_PROCESSES: path.join(dir, 'processes'), QYZMET_LOG_LEVEL: process.env.QYZMET_SERVER_LOG ? 'info' : 'silent' };
    // One after the other: the first migrates and deploys.
    for (const node of ['node-a', 'node-b']) nodes.push(await startServer({ ...env, QYZMET_NODE_ID: node }));
    const [a, b] = nodes as [ServerProcess, ServerProcess];
    await a.call('GET', '/api/clock');
    await b.call('GET', '/api/clock');

    const ids = await inParallel(Array.from({ length: CASES }, (_, i) => i), 6, async (i) => {
      const res = await nodes[i % 2]!.call('POST', '/api/definitions/faults/instances', { businessKey: `PG-${i}`, variables: { iin: '840512310075', pause: 'PT2S' } });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      return res.body.id as string;
    });

    // Down for 3 s while the cases wait on their timers and lookups; a start sent meanwhile is refused, not half made.
    const restarting = cluster.restart(3_000);
    const duringOutage = await waitFor('a refused start during the outage', async () => {
      const res = await a.call('POST', '/api/definitions/faults/instances', { businessKey: 'PG-OUTAGE', variables: { iin: '840512310075', pause: 'PT2S' } });
      return res.status >= 500 ? res : undefined;
    }, 10_000, 50);
    expect(duringOutage.status, JSON.stringify(duringOutage.body)).to.equal(503);
    expect(duringOutage.body.details).to.deep.equal({ cause: 'unreachable' });
    await restarting;
    const back = Date.now();

    const completed = await waitFor('every case completed after the restart', async () => {
      const res = await b.call('GET', '/api/instances?definition=faults&status=completed&limit=500');
      return res.status === 200 && res.body.filter((i: { businessKey: string }) => i.businessKey !== 'PG-OUTAGE').length === CASES ? res.body : undefined;
    }, 60_000, 250);
    expect(completed.length).to.be.at.least(CASES);
    console.log(`      every case completed ${Date.now() - back} ms after PostgreSQL was back`);

    await inParallel(ids, 6, async (id) => {
      const details = (await a.call('GET', `/api/instances/${id}`)).body;
      // Each row once; the order within one step may differ (a kept engine or a recovered one).
      expect(historyLines(details).sort(), id).to.deep.equal(finishedFaultsCase);
      expect(details.incidents ?? [], id).to.deep.equal([]);
    });
    // Each case's SMS went out once; a resend after a lost step carries the same idempotency key and is marked a duplicate by the gateway.
    const sms = (await simulator.admin('GET', '/admin/notifications')) as Array<{ channel: string; idempotencyKey: string; duplicate: boolean }>;
    const delivered = sms.filter((d) => d.channel === 'sms' && !d.duplicate);
    const byCase = new Map<string, number>();
    for (const d of delivered) byCase.set(d.idempotencyKey.split(':')[0]!, (byCase.get(d.idempotencyKey.split(':')[0]!) ?? 0) + 1);
    for (const id of ids) expect(byCase.get(id), id).to.equal(1);

    const audit = await runCli(['audit', 'verify'], env);
    expect(audit.code, audit.stdout + audit.stderr).to.equal(0);
  });
});
