import { expect } from 'chai';
import { fixture, testQyzmet, type TestQyzmet } from '../support/app.js';
import { pdfText } from '../support/pdf.js';

const employment = { kk: 'Жұмыспен қамту және әлеуметтік бағдарламалар бөлімі', ru: 'Отдел занятости и социальных программ', en: 'Department of Employment and Social Programmes' };
const housingRelations = { kk: 'Жергілікті атқарушы органның тұрғын үй қатынастары бөлімі', ru: 'Отдел жилищных отношений местного исполнительного органа', en: 'Housing Relations Department of the Local Executive Body' };
const auezov = { kk: 'Әуезов ауданының жұмыспен қамту бөлімі', ru: 'Отдел занятости Ауэзовского района', en: 'Auezov District Employment Department' };
const entry = {
  names: { kk: 'Әуезов ауданының әкімдігі', ru: 'Акимат Ауэзовского района', en: 'Akimat of the Auezov District' },
  bin: '040540000123',
  address: 'г. Алматы, мкр. Мамыр-4, 100',
  services: { national: auezov },
};

describe('the providers directory: who provides each service', () => {
  let t: TestQyzmet;
  before(async () => {
    t = await testQyzmet();
    // A reasoned refusal: its header names the body that provides the service.
    const refusal = fixture('receipt.bpmn').replace('documents.refusalReceipt', 'documents.reasonedRefusal');
    await t.deploy(refusal);
    // The same diagram under the waiting list's key: the act names another body for that service.
    await t.deploy(refusal.replace('<process id="receipt"', '<process id="housing-queue-registration"'));
  });
  after(() => t.close());

  /** A case of `key`, its reasoned refusal issued: the body its page names, and the PDF's text. */
  async function issued(key: string, businessKey: string, as = t.api) {
    const started = (await as.post(`/api/definitions/${key}/instances`).send({ businessKey, variables: { iin: '750930410421', applicantName: 'Қасымова Әлия' } }).expect(201)).body;
    const [task] = (await t.api.get('/api/tasks').query({ instance: started.id })).body;
    await t.api.post(`/api/tasks/${task.id}/complete`).send({ variables: { refusalGround: 2, refusalReason: 'Доход семьи превышает порог.' } }).expect(200);
    await t.qyzmet.jobs.runDue();
    const page = (await t.api.get(`/api/instances/${started.id}`).expect(200)).body;
    const [doc] = (await t.api.get(`/api/instances/${started.id}/documents`)).body;
    const pdf = (await t.api.get(doc.url).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    })).body as Buffer;
    return { names: page.providerNames, text: (await pdfText(pdf)).replace(/\s+/g, ' ') };
  }

  it('without an entry, a case names the body its act names, on its page and in its documents alike', async () => {
    expect((await t.api.get('/api/providers').expect(200)).body).to.deep.equal([]);
    expect((await t.api.get('/api/providers/default').expect(404)).body.error).to.match(/no directory entry/);
    const national = await issued('receipt', 'DIR-1');
    expect(national.names).to.deep.equal(employment);
    expect(national.text).to.include(employment.kk).and.include(employment.ru);
    const queue = await issued('housing-queue-registration', 'DIR-2');
    expect(queue.names).to.deep.equal(housingRelations);
    expect(queue.text).to.include(housingRelations.ru).and.not.include(employment.ru);
  });

  it("an admin's entry names the provider's body for its cases from then on: by definition key first, then by regulation", async () => {
    const saved = (await t.api.put('/api/providers/default').send(entry).expect(200)).body;
    expect(saved).to.deep.include({ id: 'default', ...entry, updatedBy: 'admin' });
    expect((await (await t.as('operator')).get('/api/providers').expect(200)).body).to.deep.equal([saved]);
    expect((await (await t.as('executor')).get('/api/providers/default').expect(200)).body).to.deep.equal(saved);

    const national = await issued('receipt', 'DIR-3');
    expect(national.names).to.deep.equal(auezov);
    expect(national.text).to.include(auezov.kk).and.include(auezov.ru).and.not.include(employment.ru);
    // The waiting list's body is the act's until the entry names one for that key.
    expect((await issued('housing-queue-registration', 'DIR-4')).names).to.deep.equal(housingRelations);
    const queueBody = { kk: 'Әуезов ауданының тұрғын үй бөлімі', ru: 'Жилищный отдел Ауэзовского района', en: 'Auezov District Housing Department' };
    await t.api.put('/api/providers/default').send({ ...entry, services: { ...entry.services, 'housing-queue-registration': queueBody } }).expect(200);
    const queue = await issued('housing-queue-registration', 'DIR-5');
    expect(queue.names).to.deep.equal(queueBody);
    expect(queue.text).to.include(queueBody.ru);
  });

  it("leaves another provider's cases to the acts", async () => {
    await t.api.put('/api/providers/default').send(entry).expect(200);
    await t.api.post('/api/users').send({ username: 'medeu-op', password: 'correct horse battery', displayName: 'Medeu operator', roles: ['operator'], provider: 'almaty-medeu' }).expect(201);
    const medeu = await t.as('medeu-op', 'correct horse battery');
    expect((await issued('receipt', 'DIR-6', medeu)).names).to.deep.equal(employment);
  });

  it('answers a bad field with a 400 naming it, and stores nothing', async () => {
    await t.api.put('/api/providers/almaty-bostandyk').send(entry).expect(200);
    const before = (await t.api.get('/api/providers/almaty-bostandyk')).body;
    const fieldsOf = async (body: object) => {
      const res = await t.api.put('/api/providers/almaty-bostandyk').send(body).expect(400);
      return (res.body.details.fields as { field: string }[]).map((f) => f.field);
    };
    expect(await fieldsOf({ ...entry, names: { kk: entry.names.kk, ru: entry.names.ru } })).to.deep.equal(['names.en']);
    expect(await fieldsOf({ ...entry, bin: '040540000124' })).to.deep.equal(['bin']);
    expect(await fieldsOf({ ...entry, bin: '12345' })).to.deep.equal(['bin']);
    expect(await fieldsOf({ ...entry, services: { privatization: { ...auezov, ru: '  ' } } })).to.deep.equal(['services.privatization.ru']);
    expect(await fieldsOf({ ...entry, services: { 'no such key!': auezov } })).to.include('services');
    const { address: _address, ...withoutAddress } = entry;
    expect(await fieldsOf(withoutAddress)).to.deep.equal(['address']);
    expect((await t.api.get('/api/providers/almaty-bostandyk')).body).to.deep.equal(before);
    // Only admins write it.
    await (await t.as('head')).put('/api/providers/almaty-bostandyk').send(entry).expect(403);
  });
});
