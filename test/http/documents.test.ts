import { expect } from 'chai';
import { fixture, testQyzmet, type TestQyzmet } from '../support/app.js';

const checklist = { identityDocument: 'present', familyIncome: 'missing', utilityBills: 'present', bankAccount: 'present' };

/** The downloaded file's headers, as a browser saving it reads them. */
async function download(t: TestQyzmet, businessKey: string) {
  const started = (await t.api.post('/api/definitions/receipt/instances').send({ businessKey, variables: { iin: '750930410421', applicantName: 'Қасымова Әлия Нұрланқызы' } }).expect(201)).body;
  const [task] = (await t.api.get('/api/tasks').query({ instance: started.id })).body;
  await t.api.post(`/api/tasks/${task.id}/complete`).send({ variables: { checklist } }).expect(200);
  await t.qyzmet.jobs.runDue();
  const [doc] = (await t.api.get(`/api/instances/${started.id}/documents`)).body as { url: string; fileName: string }[];
  const file = await t.api.get(doc!.url).expect(200);
  return { fileName: doc!.fileName, disposition: String(file.headers['content-disposition']), type: String(file.headers['content-type']) };
}

describe('GET /api/documents/:id: the file name a browser saves', () => {
  let t: TestQyzmet;
  before(async () => {
    t = await testQyzmet();
    await t.deploy(fixture('receipt.bpmn'));
  });
  after(() => t.close());

  it('keeps the Cyrillic letters of the case number: filename*=UTF-8 (RFC 5987) with an ASCII filename for old clients', async () => {
    const { fileName, disposition, type } = await download(t, 'ЦОН-2026-000017');
    expect(fileName).to.equal('refusalReceipt-ЦОН-2026-000017.pdf');
    expect(type).to.equal('application/pdf');
    expect(disposition).to.equal(`attachment; filename="refusalReceipt-???-2026-000017.pdf"; filename*=UTF-8''refusalReceipt-%D0%A6%D0%9E%D0%9D-2026-000017.pdf`);
    // What a browser decodes from filename* is the name the case's documents list shows.
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disposition)![1]!)).to.equal(fileName);
  });

  it('sends an ASCII name as it is, without filename*', async () => {
    const { disposition } = await download(t, 'HA-2026-000018');
    expect(disposition).to.equal('attachment; filename=refusalReceipt-HA-2026-000018.pdf');
  });
});
