import { expect } from 'chai';
import type { ServiceHandler } from '../../src/engine/index.js';
import { fixture, testQyzmet, type TestQyzmet } from '../support/app.js';
import { databaseTargets } from '../support/databases.js';

const postgres = databaseTargets().find((d) => d.name === 'PostgreSQL')!;

describe('two nodes sharing one PostgreSQL database', () => {
  let nodes: TestQyzmet[];
  const calls = new Map<string, string[]>();
  /** How long a lookup takes, in ms. */
  let lookupMs = 2;
  after(() => postgres.stop());

  beforeEach(async () => {
    calls.clear();
    lookupMs = 2;
    const url = await postgres.fresh();
    const lookup = (node: string): ServiceHandler => async ({ idempotencyKey, businessKey }) => {
      calls.set(idempotencyKey, [...(calls.get(idempotencyKey) ?? []), node]);
      await new Promise((resolve) => setTimeout(resolve, lookupMs)); // a real lookup takes a moment; let the nodes overlap
      return { score: 42, applicant: businessKey };
    };
    nodes = [];
    for (const node of ['node-a', 'node-b']) nodes.push(await testQyzmet({ databaseUrl: url, nodeId: node, services: { 'test.lookup': lookup(node), 'test.flaky': lookup(node) } }));
  });
  afterEach(() => Promise.all(nodes.map((n) => n.close())));

  it('runs each due job exactly once when both job executors work at the same time, and each node sees the other\'s steps', async () => {
    const [a, b] = nodes as [TestQyzmet, TestQyzmet];
    await a.deploy(fixture('review.bpmn'));
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push((await a.api.post('/api/definitions/review/instances').send({ businessKey: `N-${i}` }).expect(201)).body.id);

    const [ranA, ranB] = await Promise.all([a.qyzmet.jobs.runDue(), b.qyzmet.jobs.runDue()]);
    expect(ranA + ranB).to.equal(40);
    expect(calls.size).to.equal(40);
    for (const [key, by] of calls) expect(by, key).to.have.length(1);

    for (const id of ids) {
      const details = (await b.api.get(`/api/instances/${id}`)).body;
      expect(details.tasks.map((t: { elementId: string }) => t.elementId)).to.deep.equal(['decide']);
      expect(details.history.filter((h: { type: string }) => h.type === 'service.completed')).to.have.length(1);
    }
    // Each node keeps the engines of the steps it took, which the other node's writes make stale.
    // Half of the tasks are completed on alternate nodes, whichever took the steps before.
    const decisions = [{ approved: true }, { approved: false, reason: 'decided on node b' }];
    const decided = new Map<string, Record<string, unknown>>();
    for (const [i, id] of ids.slice(0, 20).entries()) {
      const [task] = (await a.api.get('/api/tasks').query({ instance: id })).body;
      await [a, b][i % 2]!.api.post(`/api/tasks/${task.id}/complete`).send({ variables: decisions[i % 2] }).expect(200);
      decided.set(id, decisions[i % 2]!);
    }
    // The other half are completed on both nodes at once: exactly one wins.
    for (const id of ids.slice(20)) {
      const [task] = (await a.api.get('/api/tasks').query({ instance: id })).body;
      const answers = await Promise.all([a, b].map((node, n) => node.api.post(`/api/tasks/${task.id}/complete`).send({ variables: decisions[n] })));
      expect(answers.map((r) => r.status).sort(), JSON.stringify(answers.map((r) => r.body))).to.deep.equal([200, 409]);
      decided.set(id, decisions[answers[0]!.status === 200 ? 0 : 1]!);
    }
    for (const id of ids) {
      const details = (await a.api.get(`/api/instances/${id}`)).body;
      expect(details.status).to.equal('completed');
      expect(details.variables).to.deep.equal({ score: 42, applicant: details.businessKey, ...decided.get(id) });
      expect(details.history.filter((h: { type: string }) => h.type === 'task.completed')).to.have.length(1);
    }
    const byNode = [...calls.values()].flat();
    console.log(`      jobs run: node-a ${byNode.filter((n) => n === 'node-a').length}, node-b ${byNode.filter((n) => n === 'node-b').length}`);
  });

  it("shares a burst of jobs made due at once: each node takes what its slots start, not the whole burst while the other idles", async () => {
    const [a, b] = nodes as [TestQyzmet, TestQyzmet];
    await a.deploy(fixture('review.bpmn'));
    for (let i = 0; i < 16; i++) await a.api.post('/api/definitions/review/instances').send({ businessKey: `B-${i}` }).expect(201);
    lookupMs = 300;
    // Each node has 8 slots (QYZMET_JOB_CONCURRENCY's default): 16 lookups are 8 on each, in one lookup's time.
    const ran = await Promise.all([a.qyzmet.jobs.runDue(), b.qyzmet.jobs.runDue()]);
    expect(ran).to.deep.equal([8, 8]);
    const byNode = [...calls.values()].flat();
    expect([byNode.filter((n) => n === 'node-a').length, byNode.filter((n) => n === 'node-b').length]).to.deep.equal([8, 8]);
  });

  it('starts new instances on a version deployed on the other node, without a restart', async () => {
    const [a, b] = nodes as [TestQyzmet, TestQyzmet];
    await a.deploy(fixture('review.bpmn'));
    const versionStartedOn = async (node: TestQyzmet) => (await node.api.post('/api/definitions/review/instances').send({}).expect(201)).body.definitionVersion;
    expect(await versionStartedOn(b)).to.equal(1);
    await a.deploy(fixture('review-v2.bpmn'));
    expect(await versionStartedOn(a)).to.equal(2);
    // node-b reads a key's versions again at most a second after it last did.
    const since = Date.now();
    let version = await versionStartedOn(b);
    while (version === 1 && Date.now() - since < 5000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      version = await versionStartedOn(b);
    }
    expect(version).to.equal(2);
  });

  it('lets the other node take over a job whose node died while holding its lock, once the lock expires', async () => {
    const [a, b] = nodes as [TestQyzmet, TestQyzmet];
    await a.deploy(fixture('review.bpmn'));
    const { id } = (await a.api.post('/api/definitions/review/instances').send({ businessKey: 'CRASH' }).expect(201)).body;
    // node-a locks the job for a minute of its lease clock and dies before running it: nothing but the lock row is left of it.
    const leased = a.leaseClock.now();
    const lease = { owner: 'node-a', now: leased.toISOString(), until: new Date(leased.getTime() + 60_000).toISOString() };
    const [locked] = await a.qyzmet.store.jobs.acquire(a.clock.now().toISOString(), lease, 10);
    expect(locked!.lockOwner).to.equal('node-a');

    expect(await b.qyzmet.jobs.runDue()).to.equal(0);
    b.leaseClock.set(new Date(leased.getTime() + 60_001));
    expect(await b.qyzmet.jobs.runDue()).to.equal(1);
    expect(calls.get(`${id}:${locked!.executionId}`)).to.deep.equal(['node-b']);
    expect((await b.api.get(`/api/instances/${id}`)).body.tasks).to.have.length(1);
  });
});
