import { expect } from 'chai';
import fs from 'node:fs';
import type { TestQyzmet } from '../support/app.js';
import { caseDriver, deployedQyzmet } from '../support/cases.js';
import { databaseTargets } from '../support/databases.js';
import { startSimulator, type SimulatorProcess } from '../support/simulator.js';

type Entry = { caseNumber: string; instanceId: string; service: string; provider: string; stage: string; elementId: string | null; at: string; idempotencyKey: string };

/**
 * Every case's stages entered into the monitoring system (seed 000 para 11, seed 002 para 11)
 * through the gateway simulator's `POST /monitoring/stages`, written with each step as a job and
 * posted by the job executor: in order, each once, retried when the system fails (src/engine/monitoring.ts).
 */
for (const database of databaseTargets()) describe(`monitoring entries (seed 002 para 11, ${database.name})`, () => {
  let sim: SimulatorProcess;
  let t: TestQyzmet;
  before(async () => {
    sim = await startSimulator();
  });
  after(async () => {
    await sim.stop();
    await database.stop();
  });
  /** A Qyzmet posting to the simulator, whose gateway calls time out after `gatewayTimeoutMs`. */
  async function open(gatewayTimeoutMs = 5000) {
    t = await deployedQyzmet(database, ['housing-assistance.bpmn', 'complaint.bpmn'], { gatewayUrl: sim.url, gatewayTimeoutMs, env: { QYZMET_MONITORING: 'true' } });
  }
  afterEach(async () => {
    await t.close();
    await sim.admin('DELETE', '/admin/faults');
    await sim.admin('DELETE', '/admin/log');
  });

  const housing = () => caseDriver(t, 'housing-assistance', /^(refused|refusedIncomplete|assigned|receiptIssued)$/);
  const entries = async () => (await sim.admin('GET', '/admin/monitoring')) as { entries: Entry[]; duplicates: number };
  const moveClock = async (iso: string) => {
    await t.api.post('/api/clock').send({ now: iso }).expect(200);
    await t.qyzmet.jobs.runDue();
  };
  const stagesOf = (list: Entry[], instanceId: string) => list.filter((e) => e.instanceId === instanceId).map((e) => `${e.stage} ${e.elementId ?? '-'} ${e.at}`);

  /** A portal application (seed 000) refused on ground 2: registered, three steps, the refusal. */
  async function refusedCase() {
    const ha = housing();
    const { id, businessKey } = await ha.apply({ iin: '840512310075', channel: 'portal', certificateSerial: 'EDS-840512310075' });
    await ha.complete(id, 'reviewCompleteness', { packageComplete: true });
    await moveClock('2026-03-03T05:00:00Z');
    await ha.complete(id, 'verifyInformation', { decision: 'refuse', refusalGround: 2, refusalReason: 'Доход семьи превышает порог, установленный Правилами.' });
    await ha.complete(id, 'signDecision', { signedBy: 'Жұмабаева Г.', signature: true });
    expect(ha.ended(await ha.details(id))).to.deep.equal(['refused']);
    return { id, businessKey };
  }

  it('posts a case\'s stages in order, each once: registered, each step taken up, the refusal issued; and a complaint\'s receipt', async () => {
    await open();
    const { id, businessKey } = await refusedCase();
    const { entries: list, duplicates } = await entries();
    expect(stagesOf(list, id)).to.deep.equal([
      'registered - 2026-03-02T04:00:00.000Z',
      'stepTakenUp reviewCompleteness 2026-03-02T04:00:00.000Z',
      'stepTakenUp verifyInformation 2026-03-02T04:00:00.000Z',
      'stepTakenUp signDecision 2026-03-03T05:00:00.000Z',
      'resultIssued refused 2026-03-03T05:00:00.000Z',
    ]);
    expect(list.filter((e) => e.instanceId === id).every((e) => e.caseNumber === businessKey && e.service === 'housing-assistance' && e.provider === 'default')).to.equal(true);
    expect(duplicates).to.equal(0);
    expect(new Set(list.map((e) => e.idempotencyKey)).size).to.equal(list.length);
    // Every stage's job is done: nothing is left to post.
    const jobs = (await t.api.get(`/api/instances/${id}`)).body.jobs as { kind: string; status: string }[];
    expect(jobs.filter((j) => j.kind === 'monitoring').map((j) => j.status)).to.deep.equal(Array(5).fill('done'));

    const complaint = await t.api.post('/api/definitions/complaint/instances').send({ businessKey: `${businessKey}/1`, variables: { complainantLastName: 'Ахметов', complainantFirstName: 'Ерлан', postalAddress: 'г. Алматы, ул. Толе би, д. 59, кв. 12, 050000', caseNumber: businessKey, subject: 'refusal', complaintAddressee: 'provider', complaintText: 'Прошу пересмотреть отказ: доход рассчитан неверно.', answerBy: 'mail', filedThrough: 'mail' } });
    expect(complaint.status).to.equal(201);
    await t.qyzmet.jobs.runDue();
    expect(stagesOf((await entries()).entries, complaint.body.id)).to.deep.equal(['complaintReceived - 2026-03-03T05:00:00.000Z', 'stepTakenUp considerAtProvider 2026-03-03T05:00:00.000Z']);
    // The complaint is entered under its own number (the case's number and its sequence), not as the case.
    expect((await entries()).entries.find((e) => e.instanceId === complaint.body.id)?.caseNumber).to.equal(`${businessKey}/1`);
  });

  it('posts the start stage the diagram names (monitoring.startStage), whatever its key, and refuses a stage it does not know', async () => {
    await open();
    const complaintXml = fs.readFileSync(new URL('../../processes/complaint.bpmn', import.meta.url), 'utf8');
    // The complaint diagram deployed again under another key, as an installation's own appeal process might be.
    const appeal = complaintXml.replace('processRef="complaint"', 'processRef="appeal"').replace('<process id="complaint"', '<process id="appeal"');
    expect((await t.api.post('/api/deployments').send({ name: 'appeal.bpmn', xml: appeal })).status).to.equal(201);
    const ha = housing();
    const { businessKey } = await ha.apply({ iin: '840512310075', channel: 'portal', certificateSerial: 'EDS-840512310075' });
    const started = await t.api.post('/api/definitions/appeal/instances').send({ variables: { complainantLastName: 'Ахметов', complainantFirstName: 'Ерлан', postalAddress: 'г. Алматы, ул. Толе би, д. 59, кв. 12, 050000', caseNumber: businessKey, subject: 'inaction', complaintAddressee: 'provider', complaintText: 'Заявление не рассмотрено в срок.', answerBy: 'mail', filedThrough: 'mail' } });
    expect(started.status, JSON.stringify(started.body)).to.equal(201);
    await t.qyzmet.jobs.runDue();
    expect(stagesOf((await entries()).entries, started.body.id)[0]).to.equal('complaintReceived - 2026-03-02T04:00:00.000Z');

    const bad = await t.api.post('/api/deployments').send({ name: 'appeal.bpmn', xml: appeal.replace('name="monitoring.startStage" value="complaintReceived"', 'name="monitoring.startStage" value="appealReceived"') });
    expect(bad.status).to.equal(400);
    expect(bad.body.details.problems).to.deep.include({ elementId: 'appeal', line: 13, message: 'monitoring.startStage "appealReceived" must be one of registered, complaintReceived' });
  });

  it('retries when the monitoring system fails, keeping the order, and enters an answer it lost only once', async () => {
    // A gateway timeout of 1.5 s, so that an answer the simulator holds back for 3 s counts as lost.
    await open(1500);
    // The system is down: the case goes on, its stages wait, the first retried in 10 s and the others behind it.
    await sim.admin('POST', '/admin/faults', { system: 'monitoring', kind: 'error', status: 503 });
    const ha = housing();
    const { id } = await ha.apply({ iin: '840512310075', channel: 'portal', certificateSerial: 'EDS-840512310075' });
    await ha.complete(id, 'reviewCompleteness', { packageComplete: true });
    expect((await entries()).entries).to.deep.equal([]);
    type Job = { kind: string; status: string; attempts: number; lastError: string | null; dueAt: string; topic: string };
    let jobs = ((await t.api.get(`/api/instances/${id}`)).body.jobs as Job[]).filter((j) => j.kind === 'monitoring');
    expect(jobs.map((j) => j.topic).sort()).to.deep.equal(['registered', 'stepTakenUp', 'stepTakenUp']);
    expect(jobs.map((j) => j.status)).to.deep.equal(['waiting', 'waiting', 'waiting']);
    const registered = jobs.find((j) => j.topic === 'registered')!;
    expect(registered).to.include({ attempts: 1, dueAt: '2026-03-02T04:00:10.000Z' });
    expect(registered.lastError).to.match(/monitoring.*503/);
    // The later stages were not posted ahead of it: they wait for its retry.
    expect(jobs.filter((j) => j.topic !== 'registered').map((j) => [j.attempts, j.dueAt])).to.deep.equal([[0, '2026-03-02T04:00:10.000Z'], [0, '2026-03-02T04:00:10.000Z']]);

    // Back up: 10 s later every stage goes, in order, once.
    await sim.admin('DELETE', '/admin/faults');
    await moveClock('2026-03-02T04:00:10Z');
    let { entries: list, duplicates } = await entries();
    expect(stagesOf(list, id)).to.deep.equal(['registered - 2026-03-02T04:00:00.000Z', 'stepTakenUp reviewCompleteness 2026-03-02T04:00:00.000Z', 'stepTakenUp verifyInformation 2026-03-02T04:00:00.000Z']);
    expect(duplicates).to.equal(0);

    // An answer lost on the way (held back past the gateway's timeout): the system entered the stage,
    // Qyzmet saw a timeout and posts it again 10 s later; the repeat is known by its Idempotency-Key.
    await sim.admin('POST', '/admin/faults', { system: 'monitoring', kind: 'latency', latencyMs: 3000, times: 1 });
    await ha.complete(id, 'verifyInformation', { decision: 'refuse', refusalGround: 2, refusalReason: 'Доход семьи превышает порог, установленный Правилами.' });
    await new Promise((resolve) => setTimeout(resolve, 2000)); // the simulator enters the held-back post (real time, 3 s after it came)
    expect((await entries()).duplicates).to.equal(0);
    await moveClock('2026-03-02T04:01:00Z');
    ({ entries: list, duplicates } = await entries());
    expect(stagesOf(list, id)).to.deep.equal(['registered - 2026-03-02T04:00:00.000Z', 'stepTakenUp reviewCompleteness 2026-03-02T04:00:00.000Z', 'stepTakenUp verifyInformation 2026-03-02T04:00:00.000Z', 'stepTakenUp signDecision 2026-03-02T04:00:10.000Z']);
    expect(duplicates).to.equal(1);
    jobs = ((await t.api.get(`/api/instances/${id}`)).body.jobs as Job[]).filter((j) => j.kind === 'monitoring');
    expect(jobs.map((j) => j.status)).to.deep.equal(['done', 'done', 'done', 'done']);
  });
});
