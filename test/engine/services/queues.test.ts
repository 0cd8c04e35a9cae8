import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { queueServices, type ServiceHandler } from '../../../src/engine/index.js';
import { fixture, testQyzmet, type TestQyzmet } from '../../support/app.js';
import { databaseTargets } from '../../support/databases.js';
import { applicantIins } from '../../support/iins.js';

const iins = applicantIins(60);
const familyOf = (i: number) => [{ iin: iins[59 - (i % 10)]!, relationship: 'spouse', name: 'Spouse' }];

async function startApproval(t: TestQyzmet, queueList: string, locality: string, i: number, proceed = true): Promise<string> {
  const variables = { queueList, locality, iin: iins[i]!, applicant: `Applicant ${i}`, family: familyOf(i), proceed };
  const res = await t.api.post('/api/definitions/queueApproval/instances').send({ businessKey: `Q-${i}`, variables });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body.id;
}

const variablesOf = async (t: TestQyzmet, id: string) => (await t.api.get(`/api/instances/${id}`)).body.variables as Record<string, unknown>;

describe('queue.register: waiting-list numbers (seed 001 para 12)', () => {
  describe('on one node (SQLite)', () => {
    let t: TestQyzmet;
    /** Steps of queue.register by idempotency key, and what a test wants done after the handler ran. */
    const calls = new Map<string, number>();
    let afterHandler: ((input: Parameters<ServiceHandler>[0]) => Promise<void>) | undefined;
    beforeEach(async () => {
      calls.clear();
      afterHandler = undefined;
      const counted: ServiceHandler = async (input) => {
        calls.set(input.idempotencyKey, (calls.get(input.idempotencyKey) ?? 0) + 1);
        const out = await queueServices(t.qyzmet.store, t.clock, () => t.qyzmet.engine.calendars.fresh())['queue.register']!(input);
        await afterHandler?.(input);
        return out;
      };
      t = await testQyzmet({ now: '2026-12-07T04:00:00Z', services: { 'queue.register': counted } });
      await t.deploy(fixture('queue.bpmn'));
    });
    afterEach(() => t.close());

    it('numbers each list in each locality 1, 2, 3… on its own, at the instant of the step', async () => {
      const plan: Array<[string, string]> = [
        ['sociallyVulnerable', 'Almaty'], ['sociallyVulnerable', 'Almaty'], ['sociallyVulnerable', 'Astana'], ['publicSector', 'Almaty'],
        ['sociallyVulnerable', 'Almaty'], ['publicSector', 'Almaty'], ['sociallyVulnerable', 'Astana'], ['emergencyHousing', 'Almaty'],
      ];
      const ids = [];
      for (const [i, [list, locality]] of plan.entries()) ids.push(await startApproval(t, list, locality, i));
      t.clock.set(new Date('2026-12-07T05:30:00Z'));
      expect(await t.qyzmet.jobs.runDue()).to.equal(plan.length);

      const numbers = new Map<string, number[]>();
      for (const [i, id] of ids.entries()) {
        const v = await variablesOf(t, id);
        expect(v.queueRegisteredAt).to.equal('2026-12-07T05:30:00.000Z');
        const key = plan[i]!.join('/');
        numbers.set(key, [...(numbers.get(key) ?? []), v.queueNumber as number]);
      }
      expect(Object.fromEntries([...numbers].map(([k, n]) => [k, n.sort()]))).to.deep.equal({
        'sociallyVulnerable/Almaty': [1, 2, 3],
        'sociallyVulnerable/Astana': [1, 2],
        'publicSector/Almaty': [1, 2],
        'emergencyHousing/Almaty': [1],
      });
      // The list in queue order, with who each number went to.
      const almaty = await t.qyzmet.store.queues.list('sociallyVulnerable', { locality: 'Almaty', limit: 10 });
      expect(almaty.map((e) => e.number)).to.deep.equal([1, 2, 3]);
      for (const e of almaty) {
        const i = ids.indexOf(e.instanceId);
        expect([e.iin, e.applicant, e.family, e.status]).to.deep.equal([iins[i], `Applicant ${i}`, familyOf(i), 'registered']);
      }
    });

    it('keeps the number of a step run again under the same idempotency key (a node whose lock ran out runs the job late)', async () => {
      const first = await startApproval(t, 'sociallyVulnerable', 'Almaty', 0);
      const [job] = await t.qyzmet.store.jobs.listByInstance(first);
      await t.qyzmet.jobs.runDue();
      expect((await variablesOf(t, first)).queueNumber).to.equal(1);

      await t.qyzmet.engine.runtime.runServiceJob(job!);
      expect(calls.get(`${first}:${job!.executionId}`)).to.equal(2);
      const completed = (await t.api.get(`/api/instances/${first}`)).body.history.filter((h: { type: string }) => h.type === 'service.completed');
      // The late run finds the lookup answered and records nothing: the case shows one completion, with its number.
      expect(completed.map((h: { data: { output: { queueNumber: number } } }) => h.data.output.queueNumber)).to.deep.equal([1]);

      const second = await startApproval(t, 'sociallyVulnerable', 'Almaty', 1);
      await t.qyzmet.jobs.runDue();
      expect((await variablesOf(t, second)).queueNumber).to.equal(2);
      expect((await t.qyzmet.store.queues.list('sociallyVulnerable', { limit: 10 })).map((e) => e.number)).to.deep.equal([1, 2]);
    });

    it('burns no number when the step fails after the handler: the engine fails on the next element, and an incident is raised', async () => {
      const failing = await startApproval(t, 'sociallyVulnerable', 'Almaty', 0, false);
      await t.qyzmet.jobs.runDue();
      const incidents = (await t.api.get('/api/incidents').query({ status: 'open' })).body;
      expect(incidents.map((i: { instanceId: string }) => i.instanceId)).to.deep.equal([failing]);
      expect(await variablesOf(t, failing)).to.not.have.property('queueNumber');
      expect(await t.qyzmet.store.queues.lastNumber('sociallyVulnerable', 'Almaty')).to.equal(0);

      const next = await startApproval(t, 'sociallyVulnerable', 'Almaty', 1);
      await t.qyzmet.jobs.runDue();
      expect((await variablesOf(t, next)).queueNumber).to.equal(1);
      expect((await t.qyzmet.store.queues.list('sociallyVulnerable', { limit: 10 })).map((e) => [e.number, e.instanceId])).to.deep.equal([[1, next]]);
    });

    it('burns no number when another writer moves the instance between the handler and the commit: the step decides again and takes the same number', async () => {
      const first = await startApproval(t, 'sociallyVulnerable', 'Almaty', 0);
      let raced = false;
      afterHandler = async (input) => {
        if (raced) return;
        raced = true;
        // Another node's write to the same instance (a claim, an incident) commits first.
        const row = (await t.qyzmet.store.instances.get(input.instanceId))!;
        const batch = t.qyzmet.store.batch();
        batch.instances.update(row, {});
        await batch.commit();
      };
      await t.qyzmet.jobs.runDue();
      expect([...calls.values()]).to.deep.equal([2]);
      expect((await variablesOf(t, first)).queueNumber).to.equal(1);

      const second = await startApproval(t, 'sociallyVulnerable', 'Almaty', 1);
      await t.qyzmet.jobs.runDue();
      expect((await variablesOf(t, second)).queueNumber).to.equal(2);
      expect(await t.qyzmet.store.queues.lastNumber('sociallyVulnerable', 'Almaty')).to.equal(2);
    });

    it('burns no number when another step took it between the read and the commit: the loser takes the next one', async () => {
      const first = await startApproval(t, 'sociallyVulnerable', 'Almaty', 0);
      const second = await startApproval(t, 'sociallyVulnerable', 'Almaty', 1);
      const [secondJob] = await t.qyzmet.store.jobs.listByInstance(second);
      let raced = false;
      afterHandler = async (input) => {
        if (raced || input.instanceId !== first) return;
        raced = true;
        // The second approval reads the same last number and commits first.
        await t.qyzmet.engine.runtime.runServiceJob(secondJob!);
      };
      const [firstJob] = await t.qyzmet.store.jobs.listByInstance(first);
      await t.qyzmet.engine.runtime.runServiceJob(firstJob!);
      expect((await variablesOf(t, second)).queueNumber).to.equal(1);
      expect((await variablesOf(t, first)).queueNumber).to.equal(2);
      expect(calls.get(`${first}:${firstJob!.executionId}`)).to.equal(2);
      expect((await t.qyzmet.store.queues.list('sociallyVulnerable', { limit: 10 })).map((e) => [e.number, e.instanceId])).to.deep.equal([[1, second], [2, first]]);
    });

    it('raises an incident naming the variable when the list is unknown, after its retries, and takes no number', async () => {
      const res = await t.api.post('/api/definitions/queueApproval/instances').send({ variables: { queueList: 'stateHousing', locality: 'Almaty', iin: iins[0], applicant: 'A', proceed: true } });
      for (const minutes of [0, 1, 2]) {
        t.clock.set(new Date(Date.parse('2026-12-07T04:00:00Z') + minutes * 60_000 + 1000 * minutes));
        await t.qyzmet.jobs.runDue();
      }
      const [incident] = (await t.api.get('/api/incidents').query({ instance: res.body.id })).body;
      expect(incident?.message).to.match(/^queue\.register: the process variable "queueList" must be one of sociallyVulnerable, publicSector, emergencyHousing/);
      expect(await t.qyzmet.store.queues.list('stateHousing', { limit: 10 })).to.deep.equal([]);
    });
  });

  for (const target of databaseTargets()) {
    describe(`50 approvals racing on two nodes (${target.name})`, () => {
      let nodes: TestQyzmet[] = [];
      let dir: string | undefined;
      after(() => target.stop());
      afterEach(async () => {
        await Promise.all(nodes.map((n) => n.close()));
        if (dir) fs.rmSync(dir, { recursive: true, force: true });
      });

      it('get 50 distinct consecutive numbers, each once, and the sequence stands at 50', async function () {
        this.timeout(180_000);
        // SQLite: two runtimes on one file, as two server processes would share it.
        dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-queue-race-'));
        const url = (await target.fresh()) ?? `sqlite:${path.join(dir, 'shared.sqlite')}`;
        // Each node's handler calls, counted: more than 51 means steps lost the race and decided again.
        let handlerCalls = 0;
        nodes = [];
        for (const nodeId of ['node-a', 'node-b']) {
          const index = nodes.length;
          const counted: ServiceHandler = async (input) => (handlerCalls++, queueServices(nodes[index]!.qyzmet.store, nodes[index]!.clock, () => nodes[index]!.qyzmet.engine.calendars.fresh())['queue.register']!(input));
          nodes.push(await testQyzmet({ databaseUrl: url, nodeId, now: '2026-12-07T04:00:00Z', services: { 'queue.register': counted } }));
        }
        const [a, b] = nodes as [TestQyzmet, TestQyzmet];
        await a.deploy(fixture('queue.bpmn'));
        const ids: string[] = [];
        for (let i = 0; i < 50; i++) ids.push(await startApproval(i % 2 ? b : a, 'sociallyVulnerable', 'Almaty', i));
        // One more in another locality, to show the race stays within its own sequence.
        const astana = await startApproval(a, 'sociallyVulnerable', 'Astana', 50);

        const [ranA, ranB] = await Promise.all([a.qyzmet.jobs.runDue(), b.qyzmet.jobs.runDue()]);
        expect(ranA + ranB).to.equal(51);
        const numbers = await Promise.all(ids.map(async (id) => (await variablesOf(a, id)).queueNumber as number));
        expect([...numbers].sort((x, y) => x - y)).to.deep.equal(Array.from({ length: 50 }, (_, i) => i + 1));
        expect((await variablesOf(b, astana)).queueNumber).to.equal(1);
        const entries = await a.qyzmet.store.queues.list('sociallyVulnerable', { locality: 'Almaty', limit: 100 });
        expect(entries.map((e) => e.number)).to.deep.equal(Array.from({ length: 50 }, (_, i) => i + 1));
        for (const e of entries) expect(numbers[ids.indexOf(e.instanceId)], e.instanceId).to.equal(e.number);
        expect(await a.qyzmet.store.queues.lastNumber('sociallyVulnerable', 'Almaty')).to.equal(50);
        console.log(`      steps run: node-a ${ranA}, node-b ${ranB}; the handler decided ${handlerCalls} times for 51 numbers`);
      });
    });
  }
});
