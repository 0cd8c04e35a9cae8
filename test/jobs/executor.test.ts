import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { ServiceHandler } from '../../src/engine/index.js';
import { fixture, testQyzmet, type TestQyzmet } from '../support/app.js';

/** A lookup whose first answer for one business key waits until the test lets it go. */
function heldLookup(heldKey: string) {
  const calls: string[] = [];
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const handler: ServiceHandler = async ({ businessKey }) => {
    calls.push(businessKey!);
    if (businessKey === heldKey && calls.filter((k) => k === heldKey).length === 1) await released;
    return { score: 42 };
  };
  return { handler, calls, release };
}

const openTasks = async (t: TestQyzmet, id: string) => (await t.api.get('/api/tasks').query({ instance: id })).body as { elementId: string }[];

describe('job executor of a running node', () => {
  const nodes: TestQyzmet[] = [];
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-executor-'));
  });
  afterEach(async () => {
    for (const node of nodes.splice(0)) await node.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A node on the shared SQLite file whose executor runs (as under `qyzmet serve`) and polls only once a minute. */
  async function node(nodeId: string, lookup: ServiceHandler, concurrency: number) {
    const t = await testQyzmet({
      databaseUrl: `sqlite:${path.join(dir, 'shared.sqlite')}`,
      nodeId,
      services: { 'test.lookup': lookup },
      env: { QYZMET_JOB_CONCURRENCY: String(concurrency), QYZMET_JOB_POLL_MS: '60000', QYZMET_JOB_LOCK_MS: '60000' },
    });
    nodes.push(t);
    return t;
  }

  /**
   * node-a runs one job at a time and hangs in case FIRST's lookup, so case SECOND's job waits in
   * its queue, locked for node-a; node-b shares the database.
   */
  async function secondQueuedBehindFirst() {
    const lookup = heldLookup('FIRST');
    const a = await node('node-a', lookup.handler, 1);
    const b = await node('node-b', lookup.handler, 1);
    await a.deploy(fixture('review.bpmn'));
    a.qyzmet.jobs.start();
    const first: string = (await a.api.post('/api/definitions/review/instances').send({ businessKey: 'FIRST' }).expect(201)).body.id;
    const second: string = (await a.api.post('/api/definitions/review/instances').send({ businessKey: 'SECOND' }).expect(201)).body.id;
    return { lookup, a, b, first, second };
  }

  it("runs the other cases' lookups at once while one lookup hangs, and that case continues when its answer comes", async () => {
    const lookup = heldLookup('SLOW');
    const a = await node('node-a', lookup.handler, 4);
    await a.deploy(fixture('review.bpmn'));
    a.qyzmet.jobs.start();
    const slow = (await a.api.post('/api/definitions/review/instances').send({ businessKey: 'SLOW' }).expect(201)).body.id;
    const others: string[] = [];
    for (let i = 0; i < 6; i++) others.push((await a.api.post('/api/definitions/review/instances').send({ businessKey: `FAST-${i}` }).expect(201)).body.id);

    // No poll has come yet (one a minute): each step handed its job to the executor directly.
    for (let i = 0; i < 50 && (await Promise.all(others.map((id) => openTasks(a, id)))).some((tasks) => tasks.length === 0); i++) await new Promise((r) => setTimeout(r, 20));
    for (const id of others) expect((await openTasks(a, id)).map((t) => t.elementId)).to.deep.equal(['decide']);
    expect(await openTasks(a, slow)).to.deep.equal([]);

    lookup.release();
    await a.qyzmet.jobs.idle();
    expect((await openTasks(a, slow)).map((t) => t.elementId)).to.deep.equal(['decide']);
    expect(lookup.calls.sort()).to.deep.equal(['FAST-0', 'FAST-1', 'FAST-2', 'FAST-3', 'FAST-4', 'FAST-5', 'SLOW']);
  });

  it('gives back the jobs it had not begun when it stops, so another node runs them at once', async () => {
    const { lookup, a, b, second } = await secondQueuedBehindFirst();

    // node-b may not take the job node-a holds.
    expect(await b.qyzmet.jobs.runDue()).to.equal(0);
    const stopping = a.qyzmet.jobs.stop();
    lookup.release();
    await stopping;
    expect(await b.qyzmet.jobs.runDue()).to.equal(1);
    expect((await openTasks(b, second)).map((t) => t.elementId)).to.deep.equal(['decide']);
    expect(lookup.calls).to.deep.equal(['FIRST', 'SECOND']);
  });

  it("lets another node take a job handed to a node that died, once the lock expires, and the dead node's lock does not come back", async () => {
    const { lookup, a, b, first, second } = await secondQueuedBehindFirst();

    // node-a hangs in FIRST's lookup for good.
    expect(await b.qyzmet.jobs.runDue()).to.equal(0);
    // A minute of real time (the lease clock; the business clock stands still) ends node-a's locks.
    b.leaseClock.set(new Date(a.leaseClock.now().getTime() + 60_001));
    // Both locks have expired: node-b runs FIRST's lookup again and SECOND's for the first time.
    expect(await b.qyzmet.jobs.runDue()).to.equal(2);
    expect((await openTasks(b, second)).map((t) => t.elementId)).to.deep.equal(['decide']);

    // When node-a is finally stopped it gives back only locks it still holds: SECOND's job is done.
    const stopping = a.qyzmet.jobs.stop();
    lookup.release();
    await stopping;
    const lookups = (await b.qyzmet.store.jobs.listByInstance(second)).filter((j) => j.kind === 'service');
    expect(lookups.map((j) => [j.status, j.lockOwner])).to.deep.equal([['done', null]]);
    expect(lookup.calls.sort()).to.deep.equal(['FIRST', 'FIRST', 'SECOND']);
    // node-a's late answer for FIRST finds the lookup answered by node-b and records nothing: its history shows the service completed once.
    const history = (await b.api.get(`/api/instances/${first}`)).body.history as { type: string }[];
    expect(history.filter((h) => h.type === 'service.completed')).to.have.length(1);
  });

  it('does not call the lookup of a case cancelled while its job waited for a free slot', async () => {
    const { lookup, a, second } = await secondQueuedBehindFirst();
    expect((await a.api.post(`/api/instances/${second}/cancel`).expect(200)).body.status).to.equal('canceled');

    lookup.release();
    await a.qyzmet.jobs.idle();
    expect(lookup.calls).to.deep.equal(['FIRST']);
    const lookups = (await a.qyzmet.store.jobs.listByInstance(second)).filter((j) => j.kind === 'service');
    expect(lookups.map((j) => j.status)).to.deep.equal(['canceled']);
  });

  it('does not call the lookup of a called case whose caller was cancelled while the job waited', async () => {
    const { lookup, a } = await secondQueuedBehindFirst();
    await a.deploy(`<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="appeal-defs" targetNamespace="https://qyzmet.kz/test">
  <process id="appeal" isExecutable="true">
    <startEvent id="start"/>
    <sequenceFlow id="f1" sourceRef="start" targetRef="review"/>
    <callActivity id="review" calledElement="review"/>
    <sequenceFlow id="f2" sourceRef="review" targetRef="end"/>
    <endEvent id="end"/>
  </process>
</definitions>`);
    const caller: string = (await a.api.post('/api/definitions/appeal/instances').send({ businessKey: 'THIRD' }).expect(201)).body.id;
    const called: string = (await a.api.get('/api/instances').query({ businessKey: 'THIRD', definition: 'review' })).body[0].id;
    expect((await a.api.post(`/api/instances/${caller}/cancel`).expect(200)).body.status).to.equal('canceled');
    expect((await a.api.get(`/api/instances/${called}`)).body.status).to.equal('canceled');

    lookup.release();
    await a.qyzmet.jobs.idle();
    expect(lookup.calls).to.deep.equal(['FIRST', 'SECOND']);
    const lookups = (await a.qyzmet.store.jobs.listByInstance(called)).filter((j) => j.kind === 'service');
    expect(lookups.map((j) => j.status)).to.deep.equal(['canceled']);
  });
});
