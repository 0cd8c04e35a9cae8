import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import knexFactory, { type Knex } from 'knex';
import { fixture, testQyzmet, type TestQyzmet } from '../support/app.js';
import { caseDriver, deployProcesses } from '../support/cases.js';
import { databaseTargets } from '../support/databases.js';
import { runCli } from '../support/server.js';
import { startSimulator, type SimulatorProcess } from '../support/simulator.js';

/** A second connection to the test's database, as someone with database access edits it behind Qyzmet's back. */
function rawDatabase(url: string): Knex {
  return url.startsWith('sqlite:') ? knexFactory({ client: 'sqlite3', connection: { filename: url.slice('sqlite:'.length) }, useNullAsDefault: true }) : knexFactory({ client: 'pg', connection: url });
}

interface HistoryRow {
  id: number;
  type: string;
  at: string;
  seq: number;
  prevHash: string;
  hash: string;
  data: Record<string, any> | null;
}

/** `branches` parallel branches, each a clerk's review and then an acceptance receipt; joined, then the end. */
function parallelReceipts(branches: number): string {
  const branch = (i: number) => `
    <sequenceFlow id="toReview${i}" sourceRef="split" targetRef="review${i}"/>
    <userTask id="review${i}" camunda:candidateGroups="operators"/>
    <sequenceFlow id="toReceipt${i}" sourceRef="review${i}" targetRef="receipt${i}"/>
    <serviceTask id="receipt${i}" camunda:type="external" camunda:topic="documents.acceptanceReceipt"/>
    <sequenceFlow id="toJoin${i}" sourceRef="receipt${i}" targetRef="join"/>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="parallel-receipts-defs" targetNamespace="https://qyzmet.kz/test">
  <process id="parallelReceipts" isExecutable="true">
    <startEvent id="start"/>
    <sequenceFlow id="toSplit" sourceRef="start" targetRef="split"/>
    <parallelGateway id="split"/>${Array.from({ length: branches }, (_, i) => branch(i)).join('')}
    <parallelGateway id="join"/>
    <sequenceFlow id="toEnd" sourceRef="join" targetRef="end"/>
    <endEvent id="end"/>
  </process>
</definitions>`;
}

for (const database of databaseTargets()) {
  describe(`audit trail: the history hash chain (${database.name})`, () => {
    let dir: string;
    let url: string;
    let t: TestQyzmet;
    let raw: Knex;
    after(() => database.stop());
    beforeEach(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-audit-'));
      url = (await database.fresh()) ?? `sqlite:${path.join(dir, 'audit.sqlite')}`;
      t = await testQyzmet({ databaseUrl: url });
      raw = rawDatabase(url);
    });
    afterEach(async () => {
      await raw.destroy();
      await t.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    const audit = async (id: string) => {
      const res = await t.api.get(`/api/instances/${id}/audit`);
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      return res.body;
    };
    const history = async (id: string): Promise<HistoryRow[]> => (await t.api.get(`/api/instances/${id}`)).body.history;

    /** A receipt case (check → refusal receipt → end), completed, with its document. */
    async function receiptCase(businessKey: string): Promise<string> {
      await t.deploy(fixture('receipt.bpmn'));
      const started = (await t.api.post('/api/definitions/receipt/instances').send({ businessKey, variables: { iin: '750930410421', applicantName: 'Серікова Айгүл' } }).expect(201)).body;
      const [task] = (await t.api.get('/api/tasks').query({ instance: started.id })).body;
      await t.api.post(`/api/tasks/${task.id}/claim`).send({ user: 'aigerim' }).expect(200);
      await (await t.person('aigerim')).post(`/api/tasks/${task.id}/complete`).send({ variables: { checklist: { incomeCertificate: 'missing' } } }).expect(200);
      await t.qyzmet.jobs.runDue();
      expect((await t.api.get(`/api/instances/${started.id}`)).body.status).to.equal('completed');
      return started.id;
    }

    it('links every row of a case to the one before it, documents included, and reports the chain intact', async () => {
      const id = await receiptCase('HA-AUDIT-1');
      const rows = await history(id);
      expect(rows.map((r) => r.seq)).to.deep.equal(rows.map((_, i) => i + 1));
      for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash, `row ${rows[i]!.seq}`).to.equal(rows[i - 1]!.hash);
      const types = rows.map((r) => r.type);
      expect(types).to.include.members(['instance.started', 'task.claimed', 'task.completed', 'document.created', 'service.completed', 'instance.ended']);
      // The document is in the chain with its SHA-256, ahead of the step that completed its task.
      expect(types.indexOf('document.created')).to.be.lessThan(types.indexOf('service.completed'));
      const [document] = (await t.api.get(`/api/instances/${id}/documents`)).body;
      expect(rows.find((r) => r.type === 'document.created')!.data).to.include({ documentId: document.id, sha256: document.sha256 });
      expect(await audit(id)).to.deep.equal({ instanceId: id, intact: true, rows: rows.length });
      expect((await t.api.get(`/api/instances/${id}`)).body).to.include({ historySeq: rows.length, historyHead: rows[rows.length - 1]!.hash });
    });

    it('fails at the row whose data was edited in the database', async () => {
      const id = await receiptCase('HA-AUDIT-2');
      const completed = (await history(id)).find((r) => r.type === 'task.completed')!;
      // Someone with database access changes what the clerk submitted.
      const stored = await raw('history').where({ id: completed.id }).first();
      const edited = JSON.parse(stored.data);
      edited.variables.checklist.incomeCertificate = 'present';
      await raw('history').where({ id: completed.id }).update({ data: JSON.stringify(edited) });

      const report = await audit(id);
      expect(report).to.deep.include({ instanceId: id, intact: false });
      expect(report.brokenAt).to.include({ historyId: Number(completed.id), type: 'task.completed', at: completed.at, seq: completed.seq, reason: 'hash mismatch' });
    });

    it('fails at the next row when one in the middle is deleted, and at the last row left when the last one is', async () => {
      const id = await receiptCase('HA-AUDIT-3');
      const rows = await history(id);
      const claimed = rows.findIndex((r) => r.type === 'task.claimed');
      await raw('history').where({ id: rows[claimed]!.id }).delete();
      const report = await audit(id);
      expect(report).to.deep.include({ intact: false, rows: rows.length - 1 });
      expect(report.brokenAt).to.include({ historyId: Number(rows[claimed + 1]!.id), type: rows[claimed + 1]!.type, seq: rows[claimed]!.seq, reason: 'missing row' });

      const other = await receiptCase('HA-AUDIT-4');
      const itsRows = await history(other);
      await raw('history').where({ id: itsRows[itsRows.length - 1]!.id }).delete();
      expect((await audit(other)).brokenAt).to.include({ historyId: Number(itsRows[itsRows.length - 2]!.id), seq: itsRows.length, reason: 'missing row' });
    });

    it('fails when a row is rewritten with its own hash recomputed, at the row after it; and when a document file is swapped', async () => {
      const id = await receiptCase('HA-AUDIT-5');
      const rows = await history(id);
      const i = rows.findIndex((r) => r.type === 'task.claimed');
      // Rewriting the actor and the row's hash, but not the chain after it, shows at the next row.
      const stored = await raw('history').where({ id: rows[i]!.id }).first();
      const { hashOf } = await import('../../src/store/chain.js');
      const forged = { ...stored, actor: 'someone-else' };
      await raw('history').where({ id: rows[i]!.id }).update({ actor: 'someone-else', hash: hashOf(forged) });
      expect((await audit(id)).brokenAt).to.include({ historyId: Number(rows[i + 1]!.id), reason: 'previous-hash mismatch' });

      const other = await receiptCase('HA-AUDIT-6');
      const [document] = (await t.api.get(`/api/instances/${other}/documents`)).body;
      const created = (await history(other)).find((r) => r.type === 'document.created')!;
      const swapped = Buffer.from('%PDF-1.7 another receipt');
      await raw('documents').where({ id: document.id }).update({ content: swapped, sha256: createHash('sha256').update(swapped).digest('hex') });
      expect((await audit(other)).brokenAt).to.include({ historyId: Number(created.id), type: 'document.created', reason: 'document mismatch' });
    });

    it('stays intact when many steps, claims, repairs and documents of one case race each other', async function () {
      this.timeout(120_000);
      const branches = 8;
      await t.deploy(parallelReceipts(branches));
      // On PostgreSQL a second node shares the database, as several `qyzmet serve` do.
      const second = database.name === 'PostgreSQL' ? await testQyzmet({ databaseUrl: url, nodeId: 'node-b' }) : undefined;
      try {
        const nodes = [t, ...(second ? [second] : [])];
        const started = (await t.api.post('/api/definitions/parallelReceipts/instances').send({ businessKey: 'HA-RACE', variables: { iin: '750930410421', applicantName: 'Серікова Айгүл' } }).expect(201)).body;
        const tasks = (await t.api.get('/api/tasks').query({ instance: started.id })).body as { id: string }[];
        expect(tasks).to.have.length(branches);
        /** A client tries again when the case changed under it too often (409 "changing too fast"). */
        const persist = async (send: () => Promise<{ status: number; body: any }>) => {
          for (let attempt = 0; attempt < 20; attempt++) {
            const res = await send();
            if (res.status !== 409) return res;
          }
          throw new Error('still 409 after 20 attempts');
        };
        await Promise.all([
          ...tasks.map(async (task, i) => {
            const node = nodes[i % nodes.length]!;
            const { api } = node;
            const clerk = await node.person(`clerk-${i}`);
            expect((await persist(() => api.post(`/api/tasks/${task.id}/claim`).send({ user: `clerk-${i}` }))).status).to.equal(200);
            expect((await persist(() => api.put(`/api/instances/${started.id}/variables`).send({ variables: { [`note${i}`]: i } }))).status).to.equal(200);
            expect((await persist(() => clerk.post(`/api/tasks/${task.id}/complete`).send({ variables: { [`reviewed${i}`]: true } }))).status).to.equal(200);
          }),
          ...nodes.map((n) => n.qyzmet.jobs.runDue()),
        ]);
        for (let round = 0; round < 20 && (await t.api.get(`/api/instances/${started.id}`)).body.status !== 'completed'; round++) {
          await Promise.all(nodes.map((n) => n.qyzmet.jobs.runDue()));
        }
        const details = (await t.api.get(`/api/instances/${started.id}`)).body;
        expect(details.status).to.equal('completed');
        const rows: HistoryRow[] = details.history;
        const documents = (await t.api.get(`/api/instances/${started.id}/documents`)).body as { id: string; sha256: string }[];
        expect(documents).to.have.length(branches);
        const created = rows.filter((r) => r.type === 'document.created');
        expect(created.map((r) => r.data!.documentId)).to.have.members(documents.map((d) => d.id));
        expect(rows.filter((r) => r.type === 'task.claimed')).to.have.length(branches);
        expect(rows.filter((r) => r.type === 'variables.set')).to.have.length(branches);
        expect(rows.map((r) => r.seq)).to.deep.equal(rows.map((_, i) => i + 1));
        expect(await audit(started.id)).to.deep.equal({ instanceId: started.id, intact: true, rows: rows.length });
      } finally {
        await second?.close();
      }
    });
  });
}

describe('audit trail: a real case and the command line', () => {
  let sim: SimulatorProcess;
  let dir: string;
  let t: TestQyzmet;
  before(async () => {
    sim = await startSimulator();
  });
  after(() => sim.stop());
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-audit-cli-'));
    t = await testQyzmet({ databaseUrl: `sqlite:${path.join(dir, 'audit.sqlite')}`, gatewayUrl: sim.url });
    await deployProcesses(t, ['housing-assistance.bpmn', 'complaint.bpmn']);
  });
  afterEach(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('verifies a housing-assistance case assigned with its notice, and `qyzmet audit verify` exits 1 once a row is edited', async function () {
    this.timeout(120_000);
    const drive = caseDriver(t, 'housing-assistance', /^(assigned)$/);
    const { id } = await drive.apply({ iin: '840512310075', channel: 'portal', certificateSerial: 'EDS-840512310075' });
    await drive.complete(id, 'reviewCompleteness', { packageComplete: true });
    await drive.complete(id, 'verifyInformation', { decision: 'assign', assistanceAmount: 8450, assistanceFrom: '2026-04-01', assistanceMonths: 6, amountBasis: { monthlyHousingCosts: 18_450, familyMonthlyIncome: 100_000, allowedSharePercent: 10 } });
    await drive.complete(id, 'signDecision', { signedBy: 'Жұмабаева Гүлмира Әбілқызы', signature: true });
    const details = await drive.details(id);
    expect(details.status).to.equal('completed');
    const notice = details.history.find((h: HistoryRow) => h.type === 'document.created');
    expect(notice.data).to.include({ kind: 'assignmentNotice' });
    const report = (await t.api.get(`/api/instances/${id}/audit`)).body;
    expect(report).to.deep.equal({ instanceId: id, intact: true, rows: details.history.length });

    const env = { DATABASE_URL: `sqlite:${path.join(dir, 'audit.sqlite')}` };
    const intact = await runCli(['audit', 'verify'], env);
    expect(intact.code, intact.stderr).to.equal(0);
    expect(intact.stdout).to.match(/^all \d+ instances' history chains are intact \(\d+ rows\)\n$/);
    expect((await runCli(['audit', 'verify', id], env)).stdout).to.equal(`intact  ${id}  ${details.history.length} history rows\n`);

    // The assigned amount is raised behind Qyzmet's back.
    const decided = details.history.find((h: HistoryRow) => h.type === 'task.completed' && (h as { elementId?: string }).elementId === 'verifyInformation');
    const raw = rawDatabase(env.DATABASE_URL);
    try {
      const stored = await raw('history').where({ id: decided.id }).first();
      await raw('history').where({ id: decided.id }).update({ data: stored.data.replace('8450', '84500') });
    } finally {
      await raw.destroy();
    }
    const all = await runCli(['audit', 'verify'], env);
    expect(all.code).to.equal(1);
    expect(all.stdout).to.include(`BROKEN  ${id}  at history row ${decided.id} (chain row ${decided.seq}, task.completed, ${decided.at}): hash mismatch;`);
    expect(all.stdout).to.match(/1 of \d+ instances have a broken history chain\n$/);
    expect((await runCli(['audit', 'verify', id], env)).code).to.equal(1);
    const unknown = await runCli(['audit', 'verify', 'no-such-case'], env);
    expect(unknown.code).to.equal(1);
    expect(unknown.stderr).to.include('no instance with id "no-such-case"');
  });
});
