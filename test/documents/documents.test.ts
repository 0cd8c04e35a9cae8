import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { renderDocument } from '../../src/documents/index.js';
import { documentServices } from '../../src/engine/index.js';
import { fixture, testQyzmet, type TestQyzmet } from '../support/app.js';
import { databaseTargets } from '../support/databases.js';

const data = {
  caseNumber: 'HA-2026-000017',
  date: '2026-03-10',
  applicant: { name: 'Қасымова Әлия Нұрланқызы', iin: '750930410421', address: 'Алматы, Абай даңғылы 10' },
  provider: 'Алматы қ. Әуезов ауданының жұмыспен қамту бөлімі',
  missingDocuments: ['Отбасы табысын растайтын құжаттар', 'Коммуналдық қызметтер шоттары'],
};

describe('documents', () => {
  it('renders each document as a PDF with a font that covers Kazakh Cyrillic', async () => {
    for (const kind of ['refusalReceipt', 'assignmentNotice', 'reasonedRefusal'] as const) {
      const doc = await renderDocument(kind, { ...data, refusal: { ground: 2, reason: 'income above the threshold' }, assignment: { monthlyAmount: 8450, from: '2026-04-01', months: 6 } });
      expect(doc.content.subarray(0, 5).toString(), kind).to.equal('%PDF-');
      expect(doc.content.toString('latin1'), kind).to.match(/\/BaseFont \/[A-Z]{6}\+DejaVuSans/);
      expect(doc.sha256).to.equal(createHash('sha256').update(doc.content).digest('hex'));
      expect(doc.fileName).to.equal(`${kind}-HA-2026-000017.pdf`);
    }
  });

  for (const database of databaseTargets()) describe(`stored with the instance (${database.name})`, () => {
    let t: TestQyzmet;
    after(() => database.stop());
    beforeEach(async () => {
      t = await testQyzmet({ databaseUrl: await database.fresh() });
      await t.deploy(fixture('receipt.bpmn'));
    });
    afterEach(() => t.close());

    it('makes the receipt, lists it, serves the file, and records its SHA-256 in history', async () => {
      const started = (await t.api.post('/api/definitions/receipt/instances').send({ businessKey: 'HA-2026-000017', variables: { iin: '750930410421', applicantName: data.applicant.name } })).body;
      const [task] = (await t.api.get('/api/tasks').query({ instance: started.id })).body;
      await t.api.post(`/api/tasks/${task.id}/complete`).send({ variables: { missingDocuments: data.missingDocuments } }).expect(200);
      await t.qyzmet.jobs.runDue();

      const list = (await t.api.get(`/api/instances/${started.id}/documents`)).body;
      expect(list).to.have.length(1);
      expect(list[0]).to.include({ kind: 'refusalReceipt', fileName: 'refusalReceipt-HA-2026-000017.pdf', mediaType: 'application/pdf', elementId: 'issue' });
      const file = await t.api.get(list[0].url).buffer(true).parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
      expect(file.status).to.equal(200);
      expect(file.headers['content-type']).to.equal('application/pdf');
      expect(file.headers['content-disposition']).to.equal('attachment; filename="refusalReceipt-HA-2026-000017.pdf"');
      const sha256 = createHash('sha256').update(file.body as Buffer).digest('hex');
      expect(sha256).to.equal(list[0].sha256);

      const details = (await t.api.get(`/api/instances/${started.id}`)).body;
      expect(details.status).to.equal('completed');
      expect(details.variables.refusalReceipt).to.deep.equal({ documentId: list[0].id, sha256 });
      const created = details.history.find((h: { type: string }) => h.type === 'document.created');
      expect(created.data).to.include({ documentId: list[0].id, kind: 'refusalReceipt', sha256 });
    });

    it('does not make a second document when the step runs again', async () => {
      const handler = documentServices(t.qyzmet.store, t.clock)['documents.refusalReceipt']!;
      const started = (await t.api.post('/api/definitions/receipt/instances').send({ businessKey: 'HA-2', variables: { iin: '750930410421' } })).body;
      const input = { instanceId: started.id, businessKey: 'HA-2', elementId: 'issue', topic: 'documents.refusalReceipt', variables: { missingDocuments: ['x'] }, attempt: 1, idempotencyKey: `${started.id}:issue_1` };
      const first = await handler(input);
      const again = await handler({ ...input, attempt: 2 });
      expect(again).to.deep.equal(first);
      expect((await t.api.get(`/api/instances/${started.id}/documents`)).body).to.have.length(1);
    });

    it('answers 404 for an unknown document or instance', async () => {
      expect((await t.api.get('/api/documents/nope')).status).to.equal(404);
      expect((await t.api.get('/api/instances/nope/documents')).status).to.equal(404);
    });
  });
});
