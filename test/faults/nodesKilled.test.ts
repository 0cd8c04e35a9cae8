import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { fixture } from '../support/app.js';
import { databaseTargets } from '../support/databases.js';
import { finishedFaultsCase, historyLines, inParallel, waitFor } from '../support/faults.js';
import { runCli, startServer, type ServerProcess } from '../support/server.js';
import { startSimulator, type SimulatorProcess } from '../support/simulator.js';

const postgres = databaseTargets().find((d) => d.name === 'PostgreSQL')!;

/**
 * Issue 19 asks for 2,000 cases. Each case here is three jobs (a lookup, a timer, an SMS) plus a
 * start, about 10 ms of database work each on the test machine's two shared cores, and every
 * restarted node spends seconds starting up: 100 cases keep this file near a minute of the whole
 * suite's run while still giving every kill jobs in flight. FAULT_CASES=2000 runs the full size.
 */
const CASES = Number(process.env.FAULT_CASES ?? 100);

describe('faults: three nodes on one PostgreSQL, one of them killed with SIGKILL every few seconds (real server processes)', function () {
  this.timeout(Math.max(180_000, CASES * 600));
  let simulator: SimulatorProcess;
  let dir: string;
  let nodes: Array<ServerProcess | undefined> = [];

  before(async () => {
    simulator = await startSimulator();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-fault-nodes-'));
    fs.mkdirSync(path.join(dir, 'processes'));
    fs.writeFileSync(path.join(dir, 'processes', 'faults.bpmn'), fixture('faults.bpmn'));
  });
  after(async () => {
    await Promise.all(nodes.map((n) => n?.stop()));
    await simulator?.stop();
    await postgres.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`brings ${CASES} cases to their end with every timer fired once, every SMS delivered once, complete history and intact chains`, async () => {
    const url = (await postgres.fresh())!;
    // A killed node's locks are taken over after 3 s instead of a minute: the test is about what is
    // done exactly once, not about the default wait.
    const env = { DATABASE_URL: url, GATEWAY_URL: simulator.url, QYZMET_PROCESSES: path.join(dir, 'processes'), QYZMET_LOG_LEVEL: process.env.QYZMET_SERVER_LOG ? 'info' : 'silent', QYZMET_JOB_LOCK_MS: '3000' };
    // A start may take long on a busy machine; the cases wait for it, as they would in production.
    const start = (i: number) => startServer({ ...env, QYZMET_NODE_ID: `node-${i}` }, { startMs: 90_000 });
    for (let i = 0; i < 3; i++) nodes.push(await start(i));
    const alive = () => nodes.find((n): n is ServerProcess => n !== undefined)!;

    const begun = Date.now();
    let finished = false;
    let kills = 0;
    // One node at a time: killed 2 s after the previous one came back, then started again.
    const killing = (async () => {
      for (let i = 0; !finished; i = (i + 1) % 3) {
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        if (finished) break;
        const victim = nodes[i]!;
        nodes[i] = undefined;
        await victim.kill();
        kills++;
        nodes[i] = await start(i);
      }
    })();

    /** Files case `i` as a client would: on a node that does not answer, again on another; a start that did commit answers 409 then, naming the case by its number. */
    const file = async (i: number): Promise<string> => {
      const businessKey = `NODES-${i}`;
      for (let attempt = 0; ; attempt++) {
        const node = nodes[(i + attempt) % 3];
        if (!node) continue;
        try {
          const res = await node.call('POST', '/api/definitions/faults/instances', { businessKey, variables: { iin: '840512310075', pause: `PT${2 + (i % 10)}S` } });
          if (res.status === 201) return res.body.id as string;
          if (res.status === 409) return (await node.call('GET', `/api/instances?definition=faults&businessKey=${businessKey}`)).body[0].id as string;
          expect(res.status, JSON.stringify(res.body)).to.be.oneOf([503]);
        } catch (err) {
          if (!/fetch failed|other side closed|ECONNRESET|ECONNREFUSED/.test(String((err as Error).cause ?? err))) throw err;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    // X-Total-Count stops at 1,000 ("more" beyond): the CASES-th completed case is asked for instead.
    const allCompleted = async () => {
      const res = await alive().call('GET', `/api/instances?definition=faults&status=completed&limit=1&offset=${CASES - 1}`);
      return res.status === 200 && res.body.length === 1;
    };
    let ids: string[] = [];
    try {
      // Timers of 2 to 11 s, so that due jobs keep coming while the nodes are killed.
      ids = await inParallel(Array.from({ length: CASES }, (_, i) => i), 6, file);
      expect(new Set(ids).size).to.equal(CASES);
      await waitFor(`all ${CASES} cases completed`, allCompleted, Math.max(120_000, CASES * 300), 500);
    } finally {
      finished = true;
      await killing;
    }
    console.log(`      ${CASES} cases completed in ${((Date.now() - begun) / 1000).toFixed(1)} s with ${kills} nodes killed`);

    const incidents = (await alive().call('GET', '/api/instances?definition=faults&incident=true')).body;
    expect(incidents, 'no incidents').to.deep.equal([]);
    await inParallel(ids, 6, async (id) => {
      const details = (await alive().call('GET', `/api/instances/${id}`)).body;
      expect(details.status, id).to.equal('completed');
      expect(historyLines(details).sort(), id).to.deep.equal(finishedFaultsCase);
    });

    const sms = (await simulator.admin('GET', '/admin/notifications')) as Array<{ channel: string; idempotencyKey: string; duplicate: boolean }>;
    const delivered = new Map<string, number>();
    let resent = 0;
    for (const d of sms.filter((s) => s.channel === 'sms')) {
      const instance = d.idempotencyKey.split(':')[0]!;
      if (d.duplicate) resent++;
      else delivered.set(instance, (delivered.get(instance) ?? 0) + 1);
    }
    for (const id of ids) expect(delivered.get(id), id).to.equal(1);
    console.log(`      ${resent} SMS sent again after a kill, each recognised by the gateway by its idempotency key`);

    const audit = await runCli(['audit', 'verify'], env);
    expect(audit.code, audit.stdout + audit.stderr).to.equal(0);
  });
});
