import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { renderDocument } from '../../src/documents/index.js';
import { documentServices } from '../../src/engine/index.js';
import { fixture, testQyzmet, type TestQyzmet } from '../support/app.js';
import { pdfText } from '../support/pdf.js';
import { databaseTargets } from '../support/databases.js';

const data = {
  caseNumber: 'HA-2026-000017',
  date: '2026-03-10',
  regulation: 'national' as const,
  applicant: { name: 'Қасымова Әлия Нұрланқызы', iin: '750930410421', address: 'Алматы, Мұхамеджан Шаһизада көшесі 10' },
  provider: { kk: 'Алматы қ. Әуезов ауданының жұмыспен қамту бөлімі', ru: 'Отдел занятости Ауэзовского района г. Алматы' },
  documents: [{ kk: 'Отбасы табысын растайтын құжаттар', ru: 'Документы, подтверждающие доходы семьи' }],
};
const checklist = { identityDocument: 'present', familyIncome: 'missing', utilityBills: 'expired', bankAccount: 'present' };

describe('documents', () => {
  it('renders each document as a PDF whose text reads back with every Kazakh letter', async () => {
    for (const kind of ['refusalReceipt', 'assignmentNotice', 'reasonedRefusal', 'acceptanceReceipt'] as const) {
      const doc = await renderDocument(kind, { ...data, refusal: { ground: 2, reason: 'Доход семьи превышает порог.' }, assignment: { monthlyAmount: 8450.5, from: '2026-04-01', months: 1 }, acceptance: { acceptedAt: '2026-03-10T12:59:00Z', resultReadyAt: '2026-03-20T13:30:00Z' } });
      expect(doc.content.subarray(0, 5).toString(), kind).to.equal('%PDF-');
      expect(doc.content.toString('latin1'), kind).to.match(/\/BaseFont \/[A-Z]{6}\+DejaVuSans/);
      expect(doc.sha256).to.equal(createHash('sha256').update(doc.content).digest('hex'));
      expect(doc.fileName).to.equal(`${kind}-HA-2026-000017.pdf`);
      const text = await pdfText(doc.content);
      // The applicant's name and the provider are drawn with the embedded font and read back letter for letter.
      expect(text, kind).to.include('Қасымова Әлия Нұрланқызы');
      const kazakh = new Set([...text].filter((c) => 'әғқңөұүһіӘҒҚҢӨҰҮҺІ'.includes(c.toLowerCase()) || 'ӘҒҚҢӨҰҮҺІ'.includes(c)).map((c) => c.toLowerCase()));
      expect([...kazakh].sort().join(''), kind).to.equal([...'әғқңөұүһі'].sort().join(''));
      expect(text, kind).to.include('№ 539').and.include('16.10.2020').and.not.match(/seed/i);
    }
    const notice = (await pdfText((await renderDocument('assignmentNotice', { ...data, assignment: { monthlyAmount: 1234567.5, from: '2026-04-01', months: 1 } })).content)).replace(/\s+/g, ' ');
    expect(notice).to.include('айына 1 234 567,50 теңге').and.include('в размере 1 234 567,50 тенге в месяц на 1 месяц с 01.04.2026.');
    const acceptance = (await pdfText((await renderDocument('acceptanceReceipt', { ...data, acceptance: { acceptedAt: '2026-03-10T12:59:00Z', resultReadyAt: '2026-03-20T13:30:00Z' } })).content)).replace(/\s+/g, ' ');
    expect(acceptance).to.include('приняты 10.03.2026 17:59').and.include('Дата и время получения результата: 20.03.2026 18:30');
  });

  it('embeds its fonts without their hinting, so a one-page notice stays under 20 KiB with every letter readable (26 KiB with DejaVu\'s hinting, most of it the fonts)', async () => {
    const doc = await renderDocument('assignmentNotice', { ...data, assignment: { monthlyAmount: 8450.5, from: '2026-04-01', months: 1 } });
    expect(doc.content.length).to.be.below(20 * 1024);
    const text = (await pdfText(doc.content)).replace(/\s+/g, ' ');
    expect(text).to.include('Қасымова Әлия Нұрланқызы').and.include('Алматы қ. Әуезов ауданының жұмыспен қамту бөлімі').and.include('в размере 8 450,50 тенге в месяц');
  });

  it('will not issue a waiting-list letter without what makes it one: the queue number, the missing documents and the deadline, the grounds', async () => {
    const housingQueue = { missing: [{ kk: 'Ауруды растайтын құжат', ru: 'Документ о заболевании' }], fixDueText: '05.03.2026 18:30', queue: { number: 17, list: { kk: 'халықтың әлеуметтік осал топтары', ru: 'социально уязвимые слои населения' }, locality: 'Almaty', registeredOn: '2026-03-05' }, grounds: [{ paragraph: '5', ground: 2, kk: 'Қағидалардың 5-тармағы', ru: 'пункт 5 Правил' }] };
    for (const kind of ['nonComplianceNotice', 'refusalToConsider', 'queueNotification', 'queueRefusal'] as const) {
      const text = (await pdfText((await renderDocument(kind, { ...data, housingQueue })).content)).replace(/\s+/g, ' ');
      expect(text, kind).to.include('13.08.2021 № 441').and.not.match(/seed|undefined|null/i);
    }
    const refuses = async (kind: 'nonComplianceNotice' | 'queueNotification' | 'queueRefusal', partial: Record<string, unknown>, message: RegExp) => {
      let error: Error | undefined;
      await renderDocument(kind, { ...data, housingQueue: { ...housingQueue, ...partial } }).catch((err: Error) => (error = err));
      expect(error?.message, kind).to.match(message);
    };
    await refuses('queueNotification', { queue: undefined }, /serial number of the queue/);
    await refuses('queueNotification', { queue: { ...housingQueue.queue, number: 0 } }, /serial number of the queue/);
    await refuses('nonComplianceNotice', { missing: [] }, /documents the package lacks/);
    await refuses('nonComplianceNotice', { fixDueText: undefined }, /deadline/);
    await refuses('queueRefusal', { grounds: [] }, /grounds/);
  });

  it('will not issue a privatization agreement without its number, a transfer deed without the deed, a refusal without its kind, or a rejection that names no document', async () => {
    const privatization = { address: 'Алматы қ., Фурманов көшесі 200, 44-пәтер', tenancy: { number: 'KZh-2004/55', date: '2004-05-20' }, method: 'redemption' as const, priceTiyn: 1_250_000_000, paymentDueDate: '2026-04-09' };
    const refuses = async (kind: 'privatizationAgreement' | 'transferDeed' | 'privatizationRefusal', partial: Record<string, unknown>, message: RegExp) => {
      let error: Error | undefined;
      await renderDocument(kind, { ...data, privatization: { ...privatization, ...partial } }).catch((err: Error) => (error = err));
      expect(error?.message, kind).to.match(message);
    };
    await refuses('privatizationAgreement', {}, /number and date/);
    await refuses('transferDeed', {}, /deed/);
    await refuses('privatizationRefusal', {}, /kind/);
    await refuses('privatizationRefusal', { refusal: { kind: 'incomplete', missing: [], expired: [], grounds: [] } }, /documents missing or expired/);
    await refuses('privatizationAgreement', { agreement: { number: 'PRV-2026-000120', date: '2026-03-10' } }, /who of the adult family members consented/);
    const text = (await pdfText((await renderDocument('privatizationAgreement', { ...data, privatization: { ...privatization, consents: [], agreement: { number: 'PRV-2026-000120', date: '2026-03-10' } } })).content)).replace(/\s+/g, ' ');
    expect(text).to.include('Договор о приватизации жилища № PRV-2026-000120').and.include('12 500 000 тенге').and.not.match(/seed|undefined|null/i);
  });

  it('says how the commission decided as the votes were cast: the chair\'s casting vote only on a tie, a vote closed early as closed early', async () => {
    const decision = async (votes: [string, 'for' | 'against' | 'abstain', boolean][], notVoted: string[], decidedBy: 'majority' | 'chair' | 'noMajority', outcome: 'approved' | 'refused' = 'approved') =>
      (await pdfText((await renderDocument('housingCommissionDecision', { ...data, commission: { number: 'РК-15', subject: { kk: 'Жекешелендіру', ru: 'Приватизация' }, decision: outcome, decidedBy, chair: 'Бауыржан Тілеуов', votes: votes.map(([name, vote, chair]) => ({ name, vote, reason: vote === 'against' ? 'Берешек бар' : null, at: '2026-12-07T04:45:00Z', chair })), notVoted } })).content)).replace(/\s+/g, ' ');
    // The trial's case: the chair voted for, the other member of two never voted.
    const early = await decision([['Бауыржан Тілеуов', 'for', true]], ['Гүлнар Әбенова'], 'chair');
    expect(early).to.not.include('При равенстве').and.not.include('Дауыстар тең').and.not.include('разделились поровну');
    expect(early).to.include('За: 1; қарсы / против: 0; қалыс қалды / воздержались: 0.');
    expect(early).to.include('Решение принято большинством поданных голосов (1–0). Голоса не проголосовавших членов (1) могли дать лишь равенство, а при равенстве решает голос председателя, который проголосовал «за»; поэтому голосование закрыто, когда решение определилось.');
    expect(early).to.include('Шешім берілген дауыстардың көпшілігімен қабылданды (1–0).');
    // A real tie the chair broke.
    const tie = await decision([['Бауыржан Тілеуов', 'against', true], ['Гүлнар Әбенова', 'for', false]], [], 'chair', 'refused');
    expect(tie).to.include('Голоса разделились поровну (1–1): решающим стал голос председателя комиссии.').and.include('Дауыстар тең бөлінді (1–1): комиссия төрағасының дауысы шешуші болды.');
    // All voted, a plain majority: no word of the chair or of an early close.
    const plain = await decision([['Бауыржан Тілеуов', 'for', true], ['Гүлнар Әбенова', 'for', false], ['Ерлан Сейітов', 'against', false]], [], 'majority');
    expect(plain).to.include('Решение принято большинством поданных голосов (2–1).').and.not.include('председателя, который').and.not.include('не проголосовавших');
    // A tie the chair abstained on, and an early close with the chair abstaining.
    expect(await decision([['Бауыржан Тілеуов', 'abstain', true], ['Гүлнар Әбенова', 'for', false], ['Ерлан Сейітов', 'against', false]], [], 'noMajority', 'refused')).to.include('Голоса разделились поровну (1–1), председатель воздержался');
    const abstained = await decision([['Бауыржан Тілеуов', 'abstain', true], ['Ерлан Сейітов', 'against', false]], ['Гүлнар Әбенова'], 'noMajority', 'refused');
    expect(abstained).to.include('(1–0). Голоса не проголосовавших членов (1) могли дать лишь равенство, а при равенстве и воздержавшемся председателе большинства за приватизацию нет').and.not.include('поровну');
  });

  it('says in the privatization agreement who of the adult family members consented and when, or that there was nobody else to ask', async () => {
    const privatization = { address: 'Алматы қ., Абай көшесі 10, 5-пәтер', tenancy: { number: 'ЖШ-123', date: '2015-03-15' }, method: 'redemption' as const, priceTiyn: 1_200_000_000, paymentDueDate: '2027-01-06', agreement: { number: 'PRV-2026-000120', date: '2026-12-07' } };
    const agreement = async (consents: { name: string; relationship: string; at: string | null }[]) => (await pdfText((await renderDocument('privatizationAgreement', { ...data, privatization: { ...privatization, consents } })).content)).replace(/\s+/g, ' ');
    // The trial's applicant: no other adult in the family, so nobody consented and nobody had to.
    const alone = await agreement([]);
    expect(alone).to.not.include('Все совершеннолетние члены семьи выразили согласие').and.not.include('барлық мүшелері өз ЭЦҚ-ларымен');
    expect(alone).to.include('По данным государственных информационных систем других совершеннолетних членов семьи у заявителя нет; их согласие не требовалось (приложения 1, 2).');
    expect(alone).to.include('өтініш берушінің отбасында басқа кәмелетке толған мүшелер жоқ');
    // A wife and a son consented, each on their own day (Almaty's date of an instant late in UTC).
    const family = await agreement([{ name: 'Жунусов Арман', relationship: 'жұбайы / супруг(а)', at: '2026-12-02T20:30:00Z' }, { name: 'Жунусов Ерлан', relationship: 'ұлы / сын', at: '2026-12-04T06:00:00Z' }]);
    expect(family).to.include('Совершеннолетние члены семьи выразили согласие на приватизацию своими ЭЦП (приложения 1, 2): Жунусов Арман (супруг(а), 03.12.2026); Жунусов Ерлан (сын, 04.12.2026).');
    expect(family).to.include('өз ЭЦҚ-ларымен келісім берді (1, 2-қосымшалар): Жунусов Арман (жұбайы, 03.12.2026); Жунусов Ерлан (ұлы, 04.12.2026).');
  });

  it('prints each of the two copies of the receipt of refusal on a page of its own, its signatures with it', async () => {
    const text = await pdfText((await renderDocument('refusalReceipt', { ...data, documents: [...data.documents, { kk: 'Коммуналдық қызметтер шоттары', ru: 'Счета на коммунальные услуги' }] })).content);
    const pages = text.split('\n\f\n');
    expect(pages).to.have.length(2);
    pages.forEach((page, i) => {
      expect(page, `page ${i + 1}`).to.include(`Экземпляр ${i + 1}`).and.include('Алдым / Получил').and.include('Дело № HA-2026-000017');
    });
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
      await t.api.post(`/api/tasks/${task.id}/complete`).send({ variables: { checklist } }).expect(200);
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
      expect(file.headers['content-disposition']).to.equal('attachment; filename=refusalReceipt-HA-2026-000017.pdf');
      const sha256 = createHash('sha256').update(file.body as Buffer).digest('hex');
      expect(sha256).to.equal(list[0].sha256);

      const details = (await t.api.get(`/api/instances/${started.id}`)).body;
      expect(details.status).to.equal('completed');
      expect(details.variables.refusalReceipt).to.deep.equal({ documentId: list[0].id, sha256 });
      const created = details.history.find((h: { type: string }) => h.type === 'document.created');
      // The receipt lists what the checklist marks missing or expired, and nothing it marks present.
      const text = (await pdfText(file.body as Buffer)).replace(/\s+/g, ' ');
      expect(text).to.include('1. Отбасы табысын растайтын құжаттар / Документы, подтверждающие доходы семьи;');
      expect(text).to.include('2. Коммуналдық қызметтерді тұтынуға арналған шоттар (қолданылу мерзімі өткен) / Счета на потребление коммунальных услуг (истек срок действия);');
      expect(text).to.not.include('Банковский счет').and.not.include('3. ');
      expect(created.data).to.include({ documentId: list[0].id, kind: 'refusalReceipt', sha256 });
    });

    it('does not make a second document when the step runs again', async () => {
      const handler = documentServices(t.qyzmet.store, t.clock)['documents.refusalReceipt']!;
      const started = (await t.api.post('/api/definitions/receipt/instances').send({ businessKey: 'HA-2', variables: { iin: '750930410421' } })).body;
      const input = { instanceId: started.id, businessKey: 'HA-2', elementId: 'issue', topic: 'documents.refusalReceipt', variables: { checklist }, attempt: 1, idempotencyKey: `${started.id}:issue_1` };
      const first = await handler(input);
      const again = await handler({ ...input, attempt: 2 });
      expect(again).to.deep.equal(first);
      expect((await t.api.get(`/api/instances/${started.id}/documents`)).body).to.have.length(1);
    });

    it('fails the step, rather than issue an empty receipt, when the checklist marks nothing missing', async () => {
      const handler = documentServices(t.qyzmet.store, t.clock)['documents.refusalReceipt']!;
      const started = (await t.api.post('/api/definitions/receipt/instances').send({ businessKey: 'HA-3', variables: { iin: '750930410421' } })).body;
      const input = { instanceId: started.id, businessKey: 'HA-3', elementId: 'issue', topic: 'documents.refusalReceipt', variables: { checklist: { bankAccount: 'present' }, missingDocuments: ['bankAccount'] }, attempt: 1, idempotencyKey: `${started.id}:issue_1` };
      let failure: Error | undefined;
      await handler(input).catch((err: Error) => (failure = err));
      expect(failure?.message).to.match(/completeness checklist/);
      expect((await t.api.get(`/api/instances/${started.id}/documents`)).body).to.deep.equal([]);
    });

    it('answers 404 for an unknown document or instance', async () => {
      expect((await t.api.get('/api/documents/nope')).status).to.equal(404);
      expect((await t.api.get('/api/instances/nope/documents')).status).to.equal(404);
    });
  });
});
