import { expect } from 'chai';
import { fixture, testQyzmet, type TestQyzmet } from '../support/app.js';
import { caseDriver, internalWords } from '../support/cases.js';

/** Seed 002 Appendix 2 as the citizen fills it: redemption at the residual value, or instalments. */
const application = {
  iin: '680107313013',
  channel: 'stateCorporation',
  address: 'Алматы қ., Жібек жолы даңғылы 50, 30-пәтер',
  tenancyAgreementNumber: 'KZh-2015/88',
  tenancyAgreementDate: '2015-08-08',
  privatizationMethod: 'instalments',
  residualValue: 12_480_000,
  downPayment: 3_744_000,
  instalmentYears: 10,
};
const agreement = { agreementNumber: 'PRV-2026-000117', agreementDate: '2026-03-02', applicantName: 'Айтқалиев Мұрат Жомартұлы' };

/**
 * The privatization application's instalment terms checked when it is filed (a 400 naming the
 * field, nothing stored), then the terms of payment and the schedule's PDF from them, through the
 * REST API with the application form `privatization-application`.
 */
describe('privatization by instalments: the application and the schedule', () => {
  let t: TestQyzmet;
  beforeEach(async () => {
    t = await testQyzmet();
    await t.deploy(fixture('privatization-payment.bpmn'));
  });
  afterEach(() => t.close());

  const file = (variables: Record<string, unknown>) => t.api.post('/api/definitions/privatization-payment/instances').send({ businessKey: 'PRV-2026-000117', variables: { ...application, ...agreement, ...variables } });

  it('refuses 29 % down with a 400 naming variables.downPayment and the least it may be, and stores nothing', async () => {
    const before = await t.qyzmet.store.counts();
    const res = await file({ downPayment: 3_619_200 });
    expect(res.status).to.equal(400);
    expect(res.body.details.fields).to.deep.equal([{ field: 'variables.downPayment', message: 'must be at least 30 % of the residual value (3\u00a0744\u00a0000 tenge; Appendix 2 to the Rules)' }]);
    expect(res.body.error).to.include('variables.downPayment must be at least 30 %');
    expect(await t.qyzmet.store.counts()).to.deep.equal(before);
  });

  it('refuses 11 years with a 400 naming variables.instalmentYears', async () => {
    const res = await file({ instalmentYears: 11 });
    expect(res.status).to.equal(400);
    expect(res.body.details.fields).to.deep.equal([{ field: 'variables.instalmentYears', message: 'must be <= 10' }]);
  });

  it('asks for the contribution and the period only when paying by instalments, and for the legal ground when free', async () => {
    const { downPayment: _d, instalmentYears: _y, ...redemption } = application;
    const res = await t.api.post('/api/definitions/privatization-payment/instances').send({ businessKey: 'PRV-1', variables: { ...redemption, ...agreement } });
    expect(res.body.details.fields.map((f: { field: string }) => f.field).sort()).to.deep.equal(['variables.downPayment', 'variables.instalmentYears']);
    expect((await file({ privatizationMethod: 'redemption', downPayment: undefined, instalmentYears: undefined })).status).to.equal(201);
    expect((await t.api.post('/api/definitions/privatization-payment/instances').send({ businessKey: 'PRV-2', variables: { ...redemption, privatizationMethod: 'gratuitous' } })).body.details.fields).to.deep.equal([{ field: 'variables.gratuitousGround', message: 'is required' }]);
  });

  it('sets the initial contribution due 30 calendar days after the agreement and renders the schedule, in Kazakh and Russian', async () => {
    const res = await file({});
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    await t.qyzmet.jobs.runDue();
    const drive = caseDriver(t, 'privatization-payment', /^done$/);
    const d = await drive.details(res.body.id);
    expect(d.status).to.equal('completed');
    expect(d.variables).to.include({ amountDueTiyn: 374_400_000, paymentDueDate: '2026-04-01' });
    expect(d.variables.paymentSchedule.instalments).to.have.length(120);
    // 1 May 2026 is Unity Day (a Friday): the first instalment falls due on Monday 4 May.
    expect(d.variables.paymentSchedule.instalments.slice(0, 2).map((i: { due: string }) => i.due)).to.deep.equal(['2026-05-04', '2026-06-01']);
    const text = await drive.documentText(res.body.id, 'instalmentSchedule');
    expect(text).to.include('Тұрғын үйді жекешелендіру кезінде бөліп төлеу кестесі').and.include('График платежей в рассрочку при приватизации жилища');
    expect(text).to.include('12.08.2021 № 437').and.include('приложением 2 и пунктом 8');
    expect(text.match(/№ 437/g), 'the act named once in each language').to.have.length(2);
    expect(text).to.include('по договору приватизации № PRV-2026-000117 от 02.03.2026');
    expect(text).to.include('Остаточная стоимость жилища: 12 480 000 теңге / тенге');
    expect(text).to.include('Первоначальный взнос: 3 744 000 теңге / тенге — 01.04.2026 дейін / до 01.04.2026');
    expect(text).to.include('8 736 000 теңге / тенге, 10 жыл / лет, 120 ай сайынғы төлем / ежемесячных платежей');
    expect(text).to.include('1 04.05.2026 72 800 8 663 200').and.include('2 01.06.2026 72 800 8 590 400').and.include('120 01.04.2036 72 800 0');
    expect(text).to.include('Барлығы / Итого: 12 480 000 теңге / тенге');
    expect(text).to.include('Айтқалиев Мұрат Жомартұлы');
    expect(text).to.not.match(internalWords);
  });

  it('asks the whole residual value by the window\'s end for a redemption, and nothing when free of charge (para 8)', async () => {
    const redemption = await file({ privatizationMethod: 'redemption', downPayment: undefined, instalmentYears: undefined, agreementDate: '2026-03-06' });
    await t.qyzmet.jobs.runDue();
    // 6 March + 30 days is Sunday 5 April: due on Monday.
    expect((await t.api.get(`/api/instances/${redemption.body.id}`)).body.variables).to.include({ amountDueTiyn: 1_248_000_000, paymentDueDate: '2026-04-06', paymentSchedule: null });
    const free = await t.api.post('/api/definitions/privatization-payment/instances').send({ businessKey: 'PRV-3', variables: { ...application, privatizationMethod: 'gratuitous', gratuitousGround: 'Қазақстан Республикасы Үкіметінің 2013 жылғы 2 шілдедегі № 673 қаулысы, 23-тармақ', downPayment: undefined, instalmentYears: undefined } });
    expect(free.status, JSON.stringify(free.body)).to.equal(201);
    await t.qyzmet.jobs.runDue();
    const v = (await t.api.get(`/api/instances/${free.body.id}`)).body.variables;
    expect(v).to.include({ amountDueTiyn: 0, paymentDueDate: null, paymentSchedule: null });
    expect((await t.api.get(`/api/instances/${free.body.id}/documents`)).body).to.deep.equal([]);
  });
});
