import path from 'node:path';
import { expect } from 'chai';
import { compileFormFiles, formCompiler, readFormFiles } from '../../src/forms/index.js';
import { formRules } from '../../src/server.js';
import type { TestQyzmet } from '../support/app.js';
import { allDocumentsPresent, application, caseDriver, deployProcesses, internalWords, office, scenarioHooks, type Task } from '../support/cases.js';
import { databaseTargets } from '../support/databases.js';
import type { SimulatorProcess } from '../support/simulator.js';

const MINUTE = 60_000;

/**
 * The national Rules (seed 000) driven through the REST API, one test per path, against the gateway
 * simulator as a child process. The clock starts on Monday 2 March 2026, 09:00 in Almaty.
 */
for (const database of databaseTargets()) describe(`housing assistance, national Rules (processes/housing-assistance.bpmn, ${database.name})`, () => {
  let sim: SimulatorProcess;
  let t: TestQyzmet;
  scenarioHooks(database, ['housing-assistance.bpmn', 'complaint.bpmn'], (qyzmet, simulator) => {
    t = qyzmet;
    sim = simulator;
  });

  const cases = () => caseDriver(t, 'housing-assistance', /^(applicantUnknown|edsNotConfirmed|receiptIssued|refusedIncomplete|assigned|refused)$/);
  let drive: ReturnType<typeof cases>;
  beforeEach(() => {
    drive = cases();
  });
  const apply = (iin: string, channel: 'portal' | 'stateCorporation') => drive.apply({ iin, channel, certificateSerial: `EDS-${iin}` });
  const details = (id: string) => drive.details(id);
  const openTasks = (id: string) => drive.openTasks(id);
  const complete = (id: string, elementId: string, variables: Record<string, unknown>) => drive.complete(id, elementId, variables);
  const ended = (d: { history: { type: string; elementId: string }[] }) => drive.ended(d);
  const documents = (id: string) => drive.documents(id);
  const allPresent = allDocumentsPresent;
  const signed = { signedBy: 'Жұмабаева Гүлмира Әбілқызы', signature: true };
  /** The national Rules, as every document of these cases cites them. */
  const rules = /Правил оказания государственной услуги «Назначение жилищной помощи», утвержденных приказом исполняющего обязанности Министра индустрии и инфраструктурного развития Республики Казахстан от 16\.10\.2020 № 539/;
  const rulesKk = /2020 жылғы 16 қазандағы № 539 бұйрығымен бекітілген/;

  /** The State Corporation employee hands the result over at the counter (seed 000 para 10). */
  const handOver = { recipient: 'applicant', presentedDocumentNumber: '020341014', identityChecked: true, handOverOffice: office, employeeName: 'Серікова Әсел Қайратқызы' };

  async function approve(id: string) {
    await complete(id, 'reviewCompleteness', { packageComplete: true });
    await complete(id, 'verifyInformation', { decision: 'assign', assistanceAmount: 8450, assistanceFrom: '2026-04-01', assistanceMonths: 6, amountBasis: { monthlyHousingCosts: 18_450, familyMonthlyIncome: 100_000, allowedSharePercent: 10 } });
    await complete(id, 'signDecision', signed);
  }

  it('assigns housing assistance applied for on the portal, with its notice and the statutory dates', async () => {
    const { id, started } = await apply('840512310075', 'portal');
    expect(started).to.include({ registeredAt: '2026-03-02T04:00:00.000Z', dueAt: '2026-03-13T13:30:00.000Z' }); // 8 wd, 9 March a substitute day off
    const [review] = await openTasks(id);
    expect(review).to.include({ elementId: 'reviewCompleteness', dueAt: '2026-03-04T13:30:00.000Z' });
    expect((await t.api.get(`/api/tasks/${review!.id}/form`)).body.data).to.deep.include({ applicantLastName: 'Ахметов', familySize: 4, income12Months: 1_200_000 });

    const accepted = await details(id);
    expect(accepted.variables.acceptance).to.include({ status: 'accepted', acceptedAt: '2026-03-02T04:00:00.000Z', resultReadyAt: '2026-03-13T13:30:00.000Z' });
    const status = ((await sim.admin('GET', '/admin/notifications')) as { iin: string; channel: string; text: string }[]).filter((n) => n.iin === '840512310075' && n.channel === 'account');
    expect(status).to.have.length(1);
    expect(status[0]!.text).to.include('сұрау салуыңыз қабылданды').and.include('Дата и время получения результата: 13.03.2026 18:30');

    await approve(id);
    const d = await details(id);
    expect(d.status).to.equal('completed');
    expect(ended(d)).to.deep.equal(['assigned']);
    expect(d.variables.resultDelivery).to.equal('personalAccount');
    const notice = await drive.documentText(id, 'assignmentNotice');
    expect(notice).to.include('Тұрғын үй көмегін тағайындау туралы хабарлама').and.include('Уведомление о назначении жилищной помощи');
    expect(notice).to.include('Ахметов Даулет Серикович').and.include(d.variables.addresses.current.address);
    expect(notice).to.include('Сізге 01.04.2026 бастап 6 ай мерзімге айына 8 450 теңге мөлшерінде тұрғын үй көмегі тағайындалды.');
    expect(notice).to.include('Вам назначена жилищная помощь в размере 8 450 тенге в месяц на 6 месяцев с 01.04.2026.');
    expect(notice).to.include('18 450 теңге / тенге').and.include('100 000 теңге / тенге').and.include('10 % 10 000 теңге / тенге');
    expect(notice).to.match(rules).and.match(rulesKk).and.include('подпункт 3) пункта 9');
    expect(notice).to.include('Руководитель услугодателя: Жұмабаева Гүлмира Әбілқызы — ЭЦҚ-мен қол қойылды / подписано ЭЦП');
    expect(notice).to.not.match(internalWords);
    expect(d.variables.eds).to.include({ confirmed: true });
    expect(await documents(id)).to.deep.equal(['assignmentNotice']);
    expect(d.history.filter((h: { type: string }) => h.type === 'document.created')[0].data.sha256).to.match(/^[0-9a-f]{64}$/);
    const notices = (await sim.admin('GET', '/admin/notifications')) as { iin: string; channel: string }[];
    expect(notices.filter((n) => n.iin === '840512310075' && n.channel === 'account')).to.have.length(2); // accepted, then the result
  });

  it('refuses to open a case whose Appendix 1 application is invalid, listing each field, and stores nothing', async () => {
    const before = await t.qyzmet.store.counts();
    const res = await t.api.post('/api/definitions/housing-assistance/instances').send({
      businessKey: 'HA-BAD',
      variables: { iin: '840512310075', channel: 'portal', certificateSerial: 'EDS-840512310075', ...application, bankAccount: 'KZ12', consent: false, personalDataConsent: undefined, familyMembers: [{ fullName: 'Ахметова Г.', birthDate: '1986-02-31', relationship: 'wife', socialStatus: 'employed' }] },
    });
    expect(res.status).to.equal(400);
    expect(res.body.details.fields).to.deep.equal([
      { field: 'variables.personalDataConsent', message: 'is required' },
      { field: 'variables.familyMembers.0.birthDate', message: 'must match format "date"' },
      { field: 'variables.familyMembers.0.relationship', message: 'must be one of "spouse", "son", "daughter", "father", "mother", "other"' },
      { field: 'variables.bankAccount', message: 'must match pattern "^KZ[0-9]{2}[0-9A-Z]{16}$"' },
      { field: 'variables.consent', message: 'must be equal to constant' },
    ]);
    expect(await t.qyzmet.store.counts()).to.deep.equal(before);
  });

  it('assigns it through the State Corporation after the operator finds the package complete within 15 minutes', async () => {
    const { id } = await apply('510203410142', 'stateCorporation');
    const [check] = await openTasks(id);
    expect(check).to.include({ elementId: 'checkCompleteness', dueAt: '2026-03-02T04:15:00.000Z' });
    await complete(id, 'checkCompleteness', { checklist: { ...allPresent, telecomBill: 'notRequired' }, employeeName: 'Серікова Әсел Қайратқызы', office });
    const receipt = await drive.documentText(id, 'acceptanceReceipt');
    expect(receipt).to.include('Құжаттарды қабылдағаны туралы қолхат').and.include('Расписка о приеме документов');
    expect(receipt).to.include('Бекова Раушан Тулегеновна').and.include('ИИН 510203410142');
    expect(receipt).to.include('приняты 02.03.2026 09:00').and.include('Дата и время получения результата: 13.03.2026 18:30');
    for (const present of ['Документ, удостоверяющий личность', 'Банковский счет', 'Счета на потребление коммунальных услуг', 'Коммуналдық қызметтерді тұтынуға арналған шоттар']) expect(receipt).to.include(present);
    expect(receipt).to.not.include('Квитанция-счет за услуги телекоммуникаций').and.not.include('алиментах');
    expect(receipt).to.include('Серікова Әсел Қайратқызы').and.include(office.branch).and.include('№ 3').and.include('Пункт 6 Правил').and.match(rules);
    expect(receipt).to.not.match(internalWords);
    await approve(id);
    // The notice goes to the State Corporation, where the case was filed, not to the personal account.
    const [waiting] = await openTasks(id);
    expect(waiting).to.include({ elementId: 'handOverAtStateCorporation', dueAt: null });
    expect(waiting!.candidateGroups).to.deep.equal(['stateCorporation']);
    expect((await details(id)).status).to.equal('running');
    const form = (await t.api.get(`/api/tasks/${waiting!.id}/form`)).body;
    expect(form.data).to.deep.include({ applicantLastName: 'Бекова', applicantFirstName: 'Раушан', applicantMiddleName: 'Тулегеновна', iin: '510203410142', identityDocumentNumber: '020341014', decision: 'assign' });
    // No identity document checked, no hand-over.
    const unchecked = await t.api.post(`/api/tasks/${waiting!.id}/complete`).send({ variables: { ...handOver, identityChecked: false } });
    expect(unchecked.status).to.equal(400);
    expect(unchecked.body.details.fields).to.deep.equal([{ field: 'variables.identityChecked', message: 'must be equal to constant' }]);
    // Nobody was named as a representative in the application: a representative cannot take it.
    const stranger = await t.api.post(`/api/tasks/${waiting!.id}/complete`).send({ variables: { ...handOver, recipient: 'representative', powerOfAttorneyChecked: true } });
    expect(stranger.status).to.equal(400);
    expect(stranger.body.details.fields).to.deep.equal([{ field: 'variables.representativeName', message: 'is required' }]);
    await drive.moveClock('2026-03-14T05:30:00Z'); // Saturday: the State Corporation is open
    await complete(id, 'handOverAtStateCorporation', handOver);
    const d = await details(id);
    expect(ended(d)).to.deep.equal(['assigned']);
    expect(d.variables).to.deep.include({ resultDelivery: 'stateCorporation', recipient: 'applicant', presentedDocumentNumber: '020341014', handOverOffice: office });
    // Collected the day after the term ended, yet on time: the notice reached the State Corporation on 2 March.
    expect(d).to.include({ resultAt: '2026-03-02T04:00:00.000Z', finishedLate: false });
    const handedOver = d.history.find((h: { type: string; elementId: string }) => h.type === 'task.completed' && h.elementId === 'handOverAtStateCorporation');
    expect(handedOver).to.include({ at: '2026-03-14T05:30:00.000Z' });
    expect(d.history.some((h: { elementId: string }) => h.elementId === 'notifyAssignment')).to.equal(false);
    const account = ((await sim.admin('GET', '/admin/notifications')) as { iin: string; channel: string }[]).filter((n) => n.iin === '510203410142' && n.channel === 'account');
    expect(account).to.deep.equal([]);
    expect(await documents(id)).to.deep.equal(['acceptanceReceipt', 'assignmentNotice']);
  });

  it('fills the Appendix 1 application from the registers: patronymic, year of birth, identity document and issuer, address', async () => {
    const { id } = await apply('840512310075', 'portal');
    const d = await details(id);
    const forms = compileFormFiles(await readFormFiles([path.resolve(import.meta.dirname, '..', '..', 'forms')]), formCompiler({ rules: formRules }));
    expect(forms.find((form) => form.key === 'ha-application')!.prefill(d.variables)).to.deep.equal({
      applicantLastName: 'Ахметов',
      applicantFirstName: 'Даулет',
      applicantMiddleName: 'Серикович',
      birthYear: 1984,
      iin: '840512310075',
      identityDocumentNumber: '051231007',
      identityDocumentIssuer: 'ҚР ІІМ / МВД РК',
      address: d.variables.addresses.current.address,
    });
    expect(d.variables.addresses.current.address).to.match(/^г\. Алматы, /);
    expect(d.variables).to.include({ familySize: 2, addresseeDepartment: application.addresseeDepartment, applicationDate: '2026-03-02', housingTenure: 'owner' });
    // The executor reviews with the whole name, the address and the family the application declares.
    const [review] = await openTasks(id);
    expect((await t.api.get(`/api/tasks/${review!.id}/form`)).body.data).to.deep.include({ applicantMiddleName: 'Серикович', address: d.variables.addresses.current.address, declaredFamilySize: 2, familySize: 4, housingTenure: 'owner' });
  });

  it('asks an owner for the ownership document, not a tenant, and refuses an application without the department, date or family size', async () => {
    const start = (variables: Record<string, unknown>) => t.api.post('/api/definitions/housing-assistance/instances').send({ businessKey: `HA-T-${Math.random()}`, variables: { iin: '840512310075', channel: 'portal', certificateSerial: 'EDS-840512310075', ...variables } });
    const { ownershipDocument: _, ...withoutOwnership } = application;
    const owner = await start(withoutOwnership);
    expect(owner.status).to.equal(400);
    expect(owner.body.details.fields).to.deep.equal([{ field: 'variables.ownershipDocument', message: 'is required' }]);
    expect((await start({ ...withoutOwnership, housingTenure: 'tenant' })).status).to.equal(201);
    const { addresseeDepartment: _a, applicationDate: _d, familySize: _f, ...bare } = application;
    const incomplete = await start({ ...bare, familySize: 0 });
    expect(incomplete.body.details.fields).to.deep.equal([
      { field: 'variables.addresseeDepartment', message: 'is required' },
      { field: 'variables.applicationDate', message: 'is required' },
      { field: 'variables.familySize', message: 'must be >= 1' },
    ]);
  });

  it('records a representative under a notarised power of attorney and hands the refusal to them at the State Corporation after checking it', async () => {
    const representative = { fullName: 'Мұқанова Айгүл Серікқызы', iin: '850214410915', powerOfAttorney: { number: 'НД-2026/0412', date: '2026-02-20', notarised: true } };
    const plain = await t.api.post('/api/definitions/housing-assistance/instances').send({ businessKey: 'HA-POA', variables: { ...application, iin: '820618310563', channel: 'stateCorporation', representative: { ...representative, powerOfAttorney: { number: 'б/н', date: '2026-02-20', notarised: false } } } });
    expect(plain.status).to.equal(400);
    expect(plain.body.details.fields).to.deep.equal([{ field: 'variables.representative.powerOfAttorney.notarised', message: 'must be equal to constant' }]);

    const { id } = await drive.apply({ iin: '820618310563', channel: 'stateCorporation', representative });
    // The State Corporation employee accepts the documents from the representative the application names.
    const [intake] = await openTasks(id);
    expect((await t.api.get(`/api/tasks/${intake!.id}/form`)).body.data).to.include({ representativeName: 'Мұқанова Айгүл Серікқызы', powerOfAttorneyNumber: 'НД-2026/0412' });
    await complete(id, 'checkCompleteness', { checklist: allPresent, employeeName: 'Серікова Әсел Қайратқызы', office });
    const review = (await openTasks(id)).find((x) => x.elementId === 'reviewCompleteness')!;
    expect((await t.api.get(`/api/tasks/${review.id}/form`)).body.data).to.include({ representativeName: 'Мұқанова Айгүл Серікқызы' });
    await complete(id, 'reviewCompleteness', { packageComplete: true });
    await complete(id, 'verifyInformation', { decision: 'refuse', refusalGround: 3, refusalReason: 'Решением суда заявителю запрещена деятельность.' });
    await complete(id, 'signDecision', signed);

    const [handOverTask] = await openTasks(id);
    expect(handOverTask).to.include({ elementId: 'handOverAtStateCorporation' });
    const form = (await t.api.get(`/api/tasks/${handOverTask!.id}/form`)).body;
    expect(form.data).to.deep.include({ decision: 'refuse', representativeName: 'Мұқанова Айгүл Серікқызы', representativeIin: '850214410915', powerOfAttorneyNumber: 'НД-2026/0412', powerOfAttorneyDate: '2026-02-20', powerOfAttorneyNotarised: true });
    const toRepresentative = { ...handOver, recipient: 'representative', presentedDocumentNumber: '048502144' };
    const unchecked = await t.api.post(`/api/tasks/${handOverTask!.id}/complete`).send({ variables: toRepresentative });
    expect(unchecked.status).to.equal(400);
    expect(unchecked.body.details.fields).to.deep.equal([{ field: 'variables.powerOfAttorneyChecked', message: 'is required' }]);
    // The representative comes a week after the 8 working days ran out: the provider was on time, the refusal reached the State Corporation on 2 March.
    await drive.moveClock('2026-03-20T06:00:00Z');
    await complete(id, 'handOverAtStateCorporation', { ...toRepresentative, powerOfAttorneyChecked: true });
    const d = await details(id);
    expect(d.variables).to.include({ resultDelivery: 'stateCorporation', recipient: 'representative', powerOfAttorneyChecked: true });
    expect(d).to.include({ status: 'completed', resultAt: '2026-03-02T04:00:00.000Z', finishedLate: false, overdue: false });
    expect(ended(d)).to.deep.equal(['refused']);
    expect(await documents(id)).to.deep.equal(['acceptanceReceipt', 'reasonedRefusal']);
  });

  it('collects the documents at home for a person with a disability who asked through 1414, and at the counter for anyone else', async () => {
    const { id } = await drive.apply({ iin: '721010310847', channel: 'stateCorporation', homeVisit: true });
    const [visit] = await openTasks(id);
    expect(visit).to.include({ elementId: 'collectDocumentsAtHome', dueAt: null });
    expect(visit!.candidateGroups).to.deep.equal(['stateCorporation']);
    let d = await details(id);
    expect(d.variables.social.disability).to.equal('1');
    expect((await t.api.get(`/api/tasks/${visit!.id}/form`)).body.data).to.include({ applicantLastName: 'Искаков', iin: '721010310847' });
    await complete(id, 'collectDocumentsAtHome', { checklist: allPresent, employeeName: 'Серікова Әсел Қайратқызы', office });
    d = await details(id);
    expect(d.history.some((h: { elementId: string }) => h.elementId === 'checkCompleteness')).to.equal(false);
    expect(await documents(id)).to.deep.equal(['acceptanceReceipt']);
    expect((await openTasks(id)).map((x) => x.elementId)).to.deep.equal(['reviewCompleteness']);

    const other = await drive.apply({ iin: '510203410142', channel: 'stateCorporation', homeVisit: true });
    expect((await openTasks(other.id)).map((x) => x.elementId)).to.deep.equal(['checkCompleteness']);
  });

  it('lets the head return the draft decision for rework with a remark, and sign the reworked one', async () => {
    const { id } = await apply('840512310075', 'portal');
    await complete(id, 'reviewCompleteness', { packageComplete: true });
    await complete(id, 'verifyInformation', { decision: 'assign', assistanceAmount: 8450, assistanceFrom: '2026-04-01', assistanceMonths: 6, amountBasis: { monthlyHousingCosts: 18_450, familyMonthlyIncome: 100_000, allowedSharePercent: 10 } });
    const sign = (await openTasks(id)).find((x) => x.elementId === 'signDecision')!;
    expect((await t.api.get(`/api/tasks/${sign.id}/form`)).body.data).to.deep.include({ applicantLastName: 'Ахметов', applicantFirstName: 'Даулет', iin: '840512310075', decision: 'assign', assistanceAmount: 8450, assistanceFrom: '2026-04-01', assistanceMonths: 6 });
    const remark = 'Пересчитайте доход семьи: не учтено пособие на детей.';
    const both = await t.api.post(`/api/tasks/${sign.id}/complete`).send({ variables: { ...signed, returnForRework: true, headRemark: remark } });
    expect(both.body.details.fields).to.deep.equal([{ field: 'variables.signature', message: 'must be equal to constant' }]);
    const silent = await t.api.post(`/api/tasks/${sign.id}/complete`).send({ variables: { signedBy: signed.signedBy, returnForRework: true } });
    expect(silent.body.details.fields).to.deep.equal([{ field: 'variables.headRemark', message: 'is required' }]);
    await complete(id, 'signDecision', { signedBy: signed.signedBy, returnForRework: true, headRemark: remark });

    const rework = (await openTasks(id)).find((x) => x.elementId === 'verifyInformation')!;
    expect((await t.api.get(`/api/tasks/${rework.id}/form`)).body.data).to.include({ headRemark: remark });
    expect(await documents(id)).to.deep.equal([]);
    await complete(id, 'verifyInformation', { decision: 'assign', assistanceAmount: 7450, assistanceFrom: '2026-04-01', assistanceMonths: 6, amountBasis: { monthlyHousingCosts: 18_450, familyMonthlyIncome: 110_000, allowedSharePercent: 10 } });
    await complete(id, 'signDecision', signed);
    const d = await details(id);
    expect(ended(d)).to.deep.equal(['assigned']);
    expect(await drive.documentText(id, 'assignmentNotice')).to.include('айына 7 450 теңге');
    expect(d.history.filter((h: { type: string; elementId: string }) => h.type === 'task.completed' && h.elementId === 'signDecision')).to.have.length(2);
  });

  it('asks only for income documents and utility bills on a re-application at the State Corporation', async () => {
    const { id } = await drive.apply({ iin: '690822410778', channel: 'stateCorporation', reapplication: true });
    const [check] = await openTasks(id);
    expect(check).to.include({ elementId: 'checkReapplicationDocuments' });
    const form = (await t.api.get(`/api/tasks/${check!.id}/form`)).body;
    expect(Object.keys(form.schema.properties.checklist.properties)).to.deep.equal(['familyIncome', 'utilityBills']);
    await complete(id, 'checkReapplicationDocuments', { checklist: { familyIncome: 'present', utilityBills: 'present' }, employeeName: 'Серікова А.' });
    const d = await details(id);
    expect(d.variables.social.housingAssistanceBefore).to.equal(true);
    await approve(id);
    await complete(id, 'handOverAtStateCorporation', handOver);
    expect(ended(await details(id))).to.deep.equal(['assigned']);
  });

  it('issues the Appendix 3 receipt from the State Corporation listing exactly what the checklist found missing or expired', async () => {
    const { id } = await apply('901120410215', 'stateCorporation');
    await complete(id, 'checkCompleteness', { checklist: { ...allPresent, familyIncome: 'missing', utilityBills: 'expired' }, employeeName: 'Серікова Әсел Қайратқызы', office });
    const prepare = (await openTasks(id))[0]!;
    expect((await t.api.get(`/api/tasks/${prepare.id}/form`)).body.data.checklist).to.include({ familyIncome: 'missing', utilityBills: 'expired', bankAccount: 'present' });
    // The clerk cannot retype the list: the receipt takes it from the checklist.
    const retyped = await t.api.post(`/api/tasks/${prepare.id}/complete`).send({ variables: { missingDocuments: ['bankAccount'], office, executorName: 'Серікова Ә. Қ.', employeePhone: '+7 727 000 1414' } });
    expect(retyped.status).to.equal(400);
    expect(retyped.body.details.fields).to.deep.equal([{ field: 'variables', message: 'has an unknown field "missingDocuments"' }]);
    const noOffice = await t.api.post(`/api/tasks/${prepare.id}/complete`).send({ variables: { executorName: 'Серікова Ә. Қ.', employeePhone: '+7 727 000 1414' } });
    expect(noOffice.body.details.fields).to.deep.equal([{ field: 'variables.office', message: 'is required' }]);
    await complete(id, 'prepareReceipt', { office, executorName: 'Нұрланов Ғалым', employeePhone: '+7 727 000 1414' });
    const d = await details(id);
    expect(ended(d)).to.deep.equal(['receiptIssued']);
    expect(await documents(id)).to.deep.equal(['refusalReceipt']);
    expect(d.history.some((h: { elementId: string }) => h.elementId === 'reviewCompleteness')).to.equal(false);

    const receipt = await drive.documentText(id, 'refusalReceipt');
    expect(receipt).to.include('Құжаттарды қабылдаудан бас тарту туралы қолхат').and.include('Расписка об отказе в приеме документов');
    expect(receipt).to.include('Жанибекова Айгерим Маратовна').and.include(d.variables.addresses.current.address);
    expect(receipt).to.include(`отдел № 3 ${office.branch} некоммерческого акционерного общества «Государственная корпорация «Правительство для граждан» (${office.address}) отказывает в приеме документов`);
    expect(receipt).to.include(`${office.branch} № 3 бөлімі`);
    expect(receipt).to.include('Документы, подтверждающие доходы семьи').and.include('Отбасы табысын растайтын құжаттар');
    expect(receipt).to.include('Коммуналдық қызметтерді тұтынуға арналған шоттар (қолданылу мерзімі өткен) / Счета на потребление коммунальных услуг (истек срок действия)');
    expect(receipt).to.not.include('Банковский счет').and.not.include('Документ, удостоверяющий личность');
    expect(receipt).to.include('Работник Государственной корпорации: Серікова Әсел Қайратқызы').and.include('Исполнитель: Нұрланов Ғалым').and.include('Телефон: +7 727 000 1414');
    expect(receipt).to.include('Алдым / Получил: Жанибекова Айгерим Маратовна').and.include('02.03.2026 ж. / г.');
    expect(receipt).to.include('Экземпляр 1').and.include('Экземпляр 2').and.include('составлена в 2 экземплярах');
    expect(receipt).to.include('Приложение 3 к Правилам оказания государственной услуги «Назначение жилищной помощи», утвержденным приказом исполняющего обязанности Министра индустрии и инфраструктурного развития Республики Казахстан от 16.10.2020 № 539');
    expect(receipt).to.include('пунктом 2 статьи 20 Закона Республики Казахстан от 15.04.2013 «О государственных услугах»');
    expect(receipt).to.not.match(internalWords);
  });

  it('requires the basis of the amount when the decision assigns, naming each missing field', async () => {
    const { id } = await apply('840512310075', 'portal');
    await complete(id, 'reviewCompleteness', { packageComplete: true });
    const verify = (await openTasks(id)).find((x) => x.elementId === 'verifyInformation')!;
    const res = await t.api.post(`/api/tasks/${verify.id}/complete`).send({ variables: { decision: 'assign', assistanceAmount: 8450, assistanceFrom: '2026-04-01', amountBasis: { monthlyHousingCosts: 18_450 } } });
    expect(res.status).to.equal(400);
    expect(res.body.details.fields).to.deep.equal([
      { field: 'variables.assistanceMonths', message: 'is required' },
      { field: 'variables.amountBasis.familyMonthlyIncome', message: 'is required' },
      { field: 'variables.amountBasis.allowedSharePercent', message: 'is required' },
    ]);
    expect((await openTasks(id)).map((x) => x.elementId)).to.deep.equal(['verifyInformation']);
  });

  it('refuses further consideration when the executor finds the package incomplete, signed by the head', async () => {
    const { id } = await apply('840512310075', 'portal');
    const bad = await t.api.post(`/api/tasks/${(await openTasks(id))[0]!.id}/complete`).send({ variables: { packageComplete: false } });
    expect(bad.status).to.equal(400);
    expect(bad.body.details.fields.map((f: { field: string }) => f.field)).to.deep.equal(['variables.missingDocuments', 'variables.refusalReason']);
    await complete(id, 'reviewCompleteness', { packageComplete: false, missingDocuments: ['alimony'], refusalReason: 'Не представлены сведения об алиментах на детей.' });
    // The head signs from a form that shows the refusal, and can send it back.
    const sign = (await openTasks(id)).find((x) => x.elementId === 'signIncompleteRefusal')!;
    expect((await t.api.get(`/api/tasks/${sign.id}/form`)).body.data).to.deep.include({ applicantLastName: 'Ахметов', applicantFirstName: 'Даулет', iin: '840512310075', missingDocuments: ['alimony'], refusalReason: 'Не представлены сведения об алиментах на детей.' });
    await complete(id, 'signIncompleteRefusal', { signedBy: signed.signedBy, returnForRework: true, headRemark: 'Укажите также отсутствующий договор на услуги связи.' });
    const review = (await openTasks(id)).find((x) => x.elementId === 'reviewCompleteness')!;
    expect((await t.api.get(`/api/tasks/${review.id}/form`)).body.data).to.include({ headRemark: 'Укажите также отсутствующий договор на услуги связи.' });
    await complete(id, 'reviewCompleteness', { packageComplete: false, missingDocuments: ['alimony', 'telecomBill'], refusalReason: 'Не представлены сведения об алиментах на детей и договор на услуги связи.' });
    await complete(id, 'signIncompleteRefusal', signed);
    expect(ended(await details(id))).to.deep.equal(['refusedIncomplete']);
    expect(await documents(id)).to.deep.equal(['reasonedRefusal']);
    const refusal = await drive.documentText(id, 'reasonedRefusal');
    expect(refusal).to.include('Өтінішті одан әрі қараудан дәлелді бас тарту').and.include('Мотивированный отказ в дальнейшем рассмотрении заявления');
    expect(refusal).to.include('Ахметов Даулет Серикович');
    expect(refusal).to.include('подпункт 2) пункта 9 Правил').and.match(rules).and.match(rulesKk).and.include('9-тармақтың 2) тармақшасы');
    expect(refusal).to.include('Сведения об алиментах на детей и других иждивенцев').and.include('Балаларға және басқа асырауындағы адамдарға алименттер туралы мәліметтер');
    expect(refusal).to.include('Квитанция-счет за услуги телекоммуникаций или договор');
    expect(refusal).to.include('Обоснование: Не представлены сведения об алиментах на детей и договор на услуги связи.').and.not.include('Обоснование: —');
    expect(refusal).to.include('Руководитель услугодателя: Жұмабаева Гүлмира Әбілқызы — ЭЦҚ-мен қол қойылды');
    expect(refusal).to.not.match(internalWords);
  });

  for (const [ground, iin, note] of [
    [1, '800409410708', 'the declared income contradicts the tax record'],
    [2, '840512310075', 'the family does not meet the Rules'],
    [3, '820618310563', 'a court banned the activity'],
    [4, '861201410631', 'a court deprived the applicant of a special right'],
  ] as const) {
    it(`refuses on ground ${ground} of para 12 (${note}) with a reasoned refusal and ends, on time`, async () => {
      const { id } = await apply(iin, 'portal');
      await complete(id, 'reviewCompleteness', { packageComplete: true });
      const verify = (await openTasks(id)).find((x) => x.elementId === 'verifyInformation')!;
      const form = (await t.api.get(`/api/tasks/${verify.id}/form`)).body;
      expect(form.data).to.include({ activityBan: ground === 3, specialRightDeprived: ground === 4 });
      await complete(id, 'verifyInformation', { decision: 'refuse', refusalGround: ground, refusalReason: `Основание ${ground}: ${note}.` });
      await complete(id, 'signDecision', signed);
      // A complaint is its own process (complaint.bpmn, test/scenarios/complaint.test.ts): the case does not wait for one.
      const d = await details(id);
      expect(await documents(id)).to.deep.equal(['reasonedRefusal']);
      const refusal = await drive.documentText(id, 'reasonedRefusal');
      expect(refusal).to.include(`подпункт ${ground}) пункта 12 Правил`).and.include(`12-тармақтың ${ground}) тармақшасы`).and.match(rules);
      expect(refusal).to.include(`Обоснование: Основание ${ground}: ${note}.`).and.not.include('Отсутствующие документы');
      expect(refusal).to.not.match(internalWords);
      expect(d).to.include({ status: 'completed', overdue: false });
      expect(d.activities).to.deep.equal([]);
      expect(ended(d)).to.deep.equal(['refused']);
      expect(d.variables.refusalGround).to.equal(ground);
    });
  }

  it('ends without an application when the EDS is not confirmed (revoked certificate)', async () => {
    const { id } = await apply('790707310281', 'portal');
    const d = await details(id);
    expect(d.variables.eds).to.include({ revoked: true, confirmed: false });
    expect(ended(d)).to.deep.equal(['edsNotConfirmed']);
    expect(await openTasks(id)).to.deep.equal([]);
  });

  it('waits through a gateway outage as an incident and continues exactly once when retried', async () => {
    await sim.admin('POST', '/admin/faults', { system: 'social', kind: 'error', status: 503 });
    const { id } = await apply('840512310075', 'portal');
    await t.api.post('/api/clock').send({ now: new Date(t.clock.now().getTime() + 5 * MINUTE).toISOString() }).expect(200);
    await t.api.post('/api/clock').send({ now: new Date(t.clock.now().getTime() + 5 * MINUTE).toISOString() }).expect(200);
    let d = await details(id);
    const [incident] = d.incidents;
    expect(incident).to.include({ elementId: 'lookupIncome', status: 'open' });
    expect(incident.message).to.match(/social status and income system: HTTP 503/);
    expect(await openTasks(id)).to.deep.equal([]);

    await sim.admin('DELETE', '/admin/faults');
    await t.api.post(`/api/incidents/${incident.id}/retry`).expect(200);
    await t.qyzmet.jobs.runDue();
    d = await details(id);
    expect((await openTasks(id)).map((x) => x.elementId)).to.deep.equal(['reviewCompleteness']);
    expect(d.history.filter((h: { type: string; elementId: string }) => h.type === 'service.completed' && h.elementId === 'lookupIncome')).to.have.length(1);
  });

  it('shows the review overdue and escalates to the head at the exact working-time instant', async () => {
    const { id } = await apply('840512310075', 'portal');
    await t.api.post('/api/clock').send({ now: '2026-03-04T13:29:00Z' }).expect(200);
    expect((await openTasks(id)).map((x) => x.elementId)).to.deep.equal(['reviewCompleteness']);
    expect((await t.api.get('/api/tasks').query({ overdue: true })).body).to.deep.equal([]);

    await t.api.post('/api/clock').send({ now: '2026-03-04T13:30:00Z' }).expect(200);
    const tasks = await openTasks(id);
    expect(tasks.map((x) => x.elementId)).to.deep.equal(['reviewCompleteness', 'remindReview']);
    expect(tasks[1]!.candidateGroups).to.deep.equal(['heads']);
    await t.api.post('/api/clock').send({ now: '2026-03-04T13:31:00Z' }).expect(200);
    expect(((await t.api.get('/api/tasks').query({ overdue: true })).body as Task[]).map((x) => x.elementId)).to.deep.equal(['reviewCompleteness']);
    expect((await details(id)).history.filter((h: { type: string }) => h.type === 'timer.fired').map((h: { at: string }) => h.at)).to.deep.equal(['2026-03-04T13:30:00.000Z']);
  });
});
