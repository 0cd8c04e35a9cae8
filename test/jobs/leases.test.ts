import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { ServiceHandler } from '../../src/engine/index.js';
import { fixture, testQyzmet, type TestQyzmet } from '../support/app.js';
import { databaseTargets } from '../support/databases.js';

const DAY = 86_400_000;
/** QYZMET_JOB_LOCK_MS of these nodes. */
const lockMs = 60_000;

/** A lookup whose calls are counted by business key; the first call for `heldKey` waits until released. */
function heldLookup(heldKey: string) {
  const calls: string[] = [];
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let entered!: () => void;
  const held = new Promise<void>((resolve) => (entered = resolve));
  const handler: ServiceHandler = async ({ businessKey }) => {
    calls.push(businessKey!);
    if (businessKey === heldKey && calls.filter((k) => k === heldKey).length === 1) {
      entered();
      await released;
    }
    return { score: 42 };
  };
  return { handler, calls, held, release };
}

for (const target of databaseTargets()) {
  describe(`job locks last real time, not business time: two nodes with a manual clock (${target.name})`, () => {
    const nodes: TestQyzmet[] = [];
    let dir: string;
    let release: (() => void) | undefined;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-leases-'));
    });
    afterEach(async () => {
      release?.();
      for (const node of nodes.splice(0)) await node.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });
    after(() => target.stop());

    /**
     * node-a runs its executor (as under `qyzmet serve`, polling once a minute, so it runs only the
     * jobs its steps hand it) and starts a review whose lookup hangs on it; node-b shares the
     * database and runs due jobs when asked.
     */
    async function lookupHangingOnNodeA(heldKey: string) {
      const url = (await target.fresh()) ?? `sqlite:${path.join(dir, 'shared.sqlite')}`;
      const lookup = heldLookup(heldKey);
      release = lookup.release;
      const env = { QYZMET_JOB_POLL_MS: '60000', QYZMET_JOB_LOCK_MS: String(lockMs) };
      const a = await testQyzmet({ databaseUrl: url, nodeId: 'node-a', services: { 'test.lookup': lookup.handler }, env });
      nodes.push(a);
      const b = await testQyzmet({ databaseUrl: url, nodeId: 'node-b', services: { 'test.lookup': lookup.handler }, env });
      nodes.push(b);
      await a.deploy(fixture('review.bpmn'));
      a.qyzmet.jobs.start();
      const id: string = (await a.api.post('/api/definitions/review/instances').send({ businessKey: heldKey }).expect(201)).body.id;
      await lookup.held;
      return { lookup, a, b, id };
    }

    const moveBusinessClock = async (node: TestQyzmet, ms: number) => {
      await node.api.post('/api/clock').send({ now: new Date(node.clock.now().getTime() + ms).toISOString() }).expect(200);
    };

    it('does not give a job running on node-a to node-b when the business clock moves 2 days: the lookup runs once', async () => {
      const { lookup, a, b, id } = await lookupHangingOnNodeA('RUNNING');

      // Both nodes' clocks move by 2 days (each move runs the jobs due by then on that node).
      await moveBusinessClock(a, 2 * DAY);
      await moveBusinessClock(b, 2 * DAY);
      expect(await b.qyzmet.jobs.runDue()).to.equal(0);
      expect(await a.qyzmet.jobs.runDue()).to.equal(0);
      expect(lookup.calls).to.deep.equal(['RUNNING']);

      lookup.release();
      await a.qyzmet.jobs.idle();
      expect(lookup.calls).to.deep.equal(['RUNNING']);
      const details = (await b.api.get(`/api/instances/${id}`)).body;
      expect(details.tasks.map((t: { elementId: string }) => t.elementId)).to.deep.equal(['decide']);
      expect(details.history.filter((h: { type: string }) => h.type === 'service.completed')).to.have.length(1);
      expect(details.jobs.filter((j: { kind: string }) => j.kind === 'service').map((j: { status: string; attempts: number; lastError: string | null }) => [j.status, j.attempts, j.lastError])).to.deep.equal([['done', 1, null]]);
    });

    it("lets node-b take the job of a node-a that died holding it once the lock's real time has passed, not before", async () => {
      const { lookup, b, id } = await lookupHangingOnNodeA('DIED');
      // node-a hangs in the lookup for good, as a dead node would; its lock was taken by its lease clock.
      const [job] = (await b.qyzmet.store.jobs.listByInstance(id)).filter((j) => j.kind === 'service');
      expect(job!.lockOwner).to.equal('node-a');

      await moveBusinessClock(b, 2 * DAY);
      expect(await b.qyzmet.jobs.runDue()).to.equal(0);
      // Just before the lock ends, and just after.
      b.leaseClock.set(new Date(Date.parse(job!.lockExpiresAt!) - 1));
      expect(await b.qyzmet.jobs.runDue()).to.equal(0);
      b.leaseClock.set(new Date(Date.parse(job!.lockExpiresAt!) + 1));
      expect(await b.qyzmet.jobs.runDue()).to.equal(1);

      expect(lookup.calls).to.deep.equal(['DIED', 'DIED']);
      const details = (await b.api.get(`/api/instances/${id}`)).body;
      expect(details.tasks.map((t: { elementId: string }) => t.elementId)).to.deep.equal(['decide']);
      expect(details.history.filter((h: { type: string }) => h.type === 'service.completed')).to.have.length(1);
    });
  });
}
