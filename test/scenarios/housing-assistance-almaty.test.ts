import { expect } from 'chai';
import type { TestQyzmet } from '../support/app.js';
import { allDocumentsPresent, caseDriver, deployedQyzmet, internalWords, office } from '../support/cases.js';
import { databaseTargets } from '../support/databases.js';
import { startSimulator, type SimulatorProcess } from '../support/simulator.js';

const MINUTE = 60_000;
const signed = { signedBy: 'Омарова Динара Қанатқызы', signature: true };
/** Every document of these cases cites the Almaty regulation by its resolutions' numbers and dates, never the national Rules. */
const almatyAct = 'Регламента государственной услуги «Назначение жилищной помощи», утвержденного постановлением акимата города Алматы от 20.01.2016 № 1/20 (в редакции постановления акимата города Алматы от 22.06.2017 № 2/226)';
const almatyActKk = 'Алматы қаласы әкімдігінің 2017 жылғы 22 маусымдағы № 2/226 қаулысының редакциясында';

/**
 * The Almaty regulation (seed 004) through the REST API, one test per path, against the gateway
 * simulator as a child process. The clock starts on Monday 2 March 2026, 09:00 in Almaty.
 */
describe('housing assistance, Almaty regulation (processes/housing-assistance-almaty.bpmn)', () => {
  let sim: SimulatorProcess;
  let t: TestQyzmet;
  let drive: ReturnType<typeof caseDriver>;
  before(async () => {
    sim = await startSimulator();
  });
  const [sqlite] = databaseTargets();
  after(async () => {
    await sim.stop();
    await sqlite!.stop();
  });
  beforeEach(async () => {
    t = await deployedQyzmet(sqlite!, ['housing-assistance-almaty.bpmn', 'complaint.bpmn'], { gatewayUrl: sim.url, now: '2026-03-02T04:00:00Z' });
    drive = caseDriver(t, 'housing-assistance-almaty', /^(applicantUnknownAlmaty|process2AuthorizationRefused|process4EdsNotConfirmed|process6Refused|receiptIssuedAlmaty|process7ResultReceived|refusedAlmaty)$/);
  });
  afterEach(async () => {
    await t.close();
    await sim.admin('DELETE', '/admin/faults');
    await sim.admin('DELETE', '/admin/log');
  });

  /** What the portal does before it files: Process 1, the login, through the PKI. */
  async function portalApplication(iin: string, password = 'demo') {
    const login = await fetch(`${sim.url}/pki/authenticate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ iin, password }) });
    const { authenticated } = (await login.json()) as { authenticated: boolean };
    return drive.apply({ iin, channel: 'portal', authenticated, certificateSerial: `EDS-${iin}` });
  }

  /** Actions 1–5 once the documents are in: register, the head's resolution, the commission, the notice. */
  async function throughCommission(id: string, decision: Record<string, unknown>) {
    await drive.complete(id, 'action1Register');
    await drive.complete(id, 'action2Resolution', { responsibleSpecialist: 'aigerim' });
    await drive.complete(id, 'action3ToCommission');
    await drive.complete(id, 'action4CommissionDecision', decision);
    await drive.complete(id, 'action5PrepareNotice', signed);
  }
  const assign = { decision: 'assign', assistanceAmount: 9120, assistanceFrom: '2026-04-01', assistanceMonths: 6, amountBasis: { monthlyHousingCosts: 19_120, familyMonthlyIncome: 100_000, allowedSharePercent: 10 } };

  it('assigns housing assistance filed on the portal: processes 1, 3, 5, 7 and actions 1–5 with their durations', async () => {
    const { id, started } = await portalApplication('840512310075');
    expect(started).to.include({ registeredAt: '2026-03-02T04:00:00.000Z', dueAt: '2026-03-12T13:30:00.000Z' }); // 10 calendar days
    let d = await drive.details(id);
    expect(d.variables.esobes.registrationNumber).to.match(/^ES-\d{6}$/);
    expect(d.variables.acceptance).to.include({ status: 'accepted', resultReadyAt: '2026-03-12T13:30:00.000Z' });
    const status = ((await sim.admin('GET', '/admin/notifications')) as { iin: string; channel: string; text: string }[]).filter((n) => n.iin === '840512310075' && n.channel === 'account');
    expect(status.map((n) => n.text)).to.deep.equal([`«Тұрғын үй көмегін тағайындау» мемлекеттік көрсетілетін қызметке сұрау салуыңыз қабылданды (іс № ${d.businessKey}, 02.03.2026 09:00). Нәтижені алу күні мен уақыты: 12.03.2026 18:30. Ваш запрос на оказание государственной услуги «Назначение жилищной помощи» принят (дело № ${d.businessKey}, 02.03.2026 09:00). Дата и время получения результата: 12.03.2026 18:30.`]);
    const [check] = await drive.openTasks(id);
    expect(check).to.include({ elementId: 'condition3CheckDocuments', dueAt: '2026-03-02T04:20:00.000Z' });
    // Condition 3 is checked with the family and the income the registers gave, not a bare surname.
    expect((await t.api.get(`/api/tasks/${check!.id}/form`)).body.data).to.deep.include({ applicantLastName: 'Ахметов', applicantFirstName: 'Даулет', applicantMiddleName: 'Серикович', iin: '840512310075', familySize: 4, income12Months: 1_200_000, declaredFamilySize: 2 });
    await drive.complete(id, 'condition3CheckDocuments', { packageComplete: true });

    const due: Record<string, string | null> = {};
    const record = async () => {
      for (const task of await drive.openTasks(id)) due[task.elementId] = task.dueAt;
    };
    await record();
    await drive.complete(id, 'action1Register');
    await record();
    // Action 2: the head appoints the responsible specialist from the provider's staff.
    const [resolution] = await drive.openTasks(id);
    const resolutionForm = (await t.api.get(`/api/tasks/${resolution!.id}/form`)).body;
    expect(resolutionForm.schema.properties.responsibleSpecialist.enum).to.deep.equal(['aigerim', 'nurlan', 'saule']);
    expect(resolutionForm.data).to.deep.include({ applicantLastName: 'Ахметов', iin: '840512310075', channel: 'portal', esobesNumber: d.variables.esobes.registrationNumber, familySize: 4 });
    const outsider = await t.api.post(`/api/tasks/${resolution!.id}/complete`).send({ variables: { responsibleSpecialist: 'someone' } });
    expect(outsider.status).to.equal(400);
    expect(outsider.body.details.fields).to.deep.equal([{ field: 'variables.responsibleSpecialist', message: 'must be one of "aigerim", "nurlan", "saule"' }]);
    const unnamed = await t.api.post(`/api/tasks/${resolution!.id}/complete`).send({ variables: { resolutionNote: 'На исполнение.' } });
    expect(unnamed.body.details.fields).to.deep.equal([{ field: 'variables.responsibleSpecialist', message: 'is required' }]);
    await drive.complete(id, 'action2Resolution', { responsibleSpecialist: 'nurlan', resolutionNote: 'На исполнение.' });
    await record();
    const [toCommission] = await drive.openTasks(id);
    expect(toCommission).to.include({ elementId: 'action3ToCommission', assignee: 'nurlan' });
    expect(((await t.api.get('/api/tasks').query({ assignee: 'nurlan' })).body as { elementId: string }[]).map((x) => x.elementId)).to.deep.equal(['action3ToCommission']);
    await drive.complete(id, 'action3ToCommission');
    await record();
    // The commission decides with the family's size in front of it.
    const [commission] = await drive.openTasks(id);
    expect((await t.api.get(`/api/tasks/${commission!.id}/form`)).body.data).to.deep.include({ familySize: 4, income12Months: 1_200_000, applicantMiddleName: 'Серикович' });
    await drive.complete(id, 'action4CommissionDecision', assign);
    await record();
    await drive.complete(id, 'action5PrepareNotice', signed);
    expect(due).to.deep.equal({
      action1Register: '2026-03-02T04:20:00.000Z', // 20 working minutes
      action2Resolution: '2026-03-02T04:30:00.000Z', // 30 working minutes
      action3ToCommission: '2026-03-04T13:30:00.000Z', // 2 days
      action4CommissionDecision: '2026-03-10T13:30:00.000Z', // 6 days end on Sunday the 8th; Monday the 9th is a day off
      action5PrepareNotice: '2026-03-03T13:30:00.000Z', // 1 day
    });

    d = await drive.details(id);
    expect(d.status).to.equal('completed');
    expect(drive.ended(d)).to.deep.equal(['process7ResultReceived']);
    expect(d.variables.resultDelivery).to.equal('personalAccount');
    expect(await drive.documents(id)).to.deep.equal(['assignmentNotice']);
    const notice = await drive.documentText(id, 'assignmentNotice');
    expect(notice).to.include('Вам назначена жилищная помощь в размере 9 120 тенге в месяц на 6 месяцев с 01.04.2026.').and.include('айына 9 120 теңге');
    expect(notice).to.include('19 120 теңге / тенге').and.include('100 000 теңге / тенге').and.include('10 % 10 000 теңге / тенге');
    expect(notice).to.include(`пункты 3 и 6 (действия 4 и 5) ${almatyAct}`).and.include(almatyActKk).and.not.include('№ 539');
    expect(notice).to.include('Уполномоченное лицо услугодателя: Омарова Динара Қанатқызы — ЭЦҚ-мен қол қойылды');
    expect(notice).to.not.match(internalWords);
  });

  it('assigns it through the State Corporation: accepted in 15 minutes, the notice handed over within 15 minutes of the recipient coming', async () => {
    const { id, businessKey } = await drive.apply({ iin: '510203410142', channel: 'stateCorporation' });
    const [accept] = await drive.openTasks(id);
    expect(accept).to.include({ elementId: 'action0Accept', dueAt: '2026-03-02T04:15:00.000Z' });
    await drive.complete(id, 'action0Accept', { checklist: allDocumentsPresent, employeeName: 'Серікова А.' });
    await throughCommission(id, assign);
    // The notice waits at the State Corporation for the recipient: no 15-minute clock runs meanwhile.
    expect(await drive.openTasks(id)).to.deep.equal([]);
    expect((await drive.details(id)).activities.map((a: { elementId: string; kind: string }) => [a.elementId, a.kind])).to.deep.equal([['recipientArrivedAlmaty', 'message']]);
    await drive.moveClock('2026-03-05T06:02:00Z'); // Thursday 11:02: the electronic queue calls the recipient
    const arrived = await t.api.post('/api/messages').send({ name: 'ResultRecipientArrived', businessKey });
    expect(arrived.status, JSON.stringify(arrived.body)).to.equal(200);
    const [handOver] = await drive.openTasks(id);
    expect(handOver).to.include({ elementId: 'action6HandOver', dueAt: '2026-03-05T06:17:00.000Z' });
    expect(handOver!.candidateGroups).to.deep.equal(['stateCorporation']);
    expect((await t.api.get(`/api/tasks/${handOver!.id}/form`)).body.data).to.deep.include({ applicantLastName: 'Бекова', identityDocumentNumber: '020341014', decision: 'assign' });
    const unchecked = await t.api.post(`/api/tasks/${handOver!.id}/complete`).send({ variables: { recipient: 'applicant', presentedDocumentNumber: '020341014', handOverOffice: office, employeeName: 'Серікова А.' } });
    expect(unchecked.body.details.fields).to.deep.equal([{ field: 'variables.identityChecked', message: 'is required' }]);
    await drive.complete(id, 'action6HandOver', { recipient: 'applicant', presentedDocumentNumber: '020341014', identityChecked: true, handOverOffice: office, employeeName: 'Серікова А.' });
    const d = await drive.details(id);
    expect(drive.ended(d)).to.deep.equal(['process7ResultReceived']);
    expect(d.variables).to.deep.include({ resultDelivery: 'stateCorporation', recipient: 'applicant', handOverOffice: office });
    expect(d).to.include({ resultAt: '2026-03-02T04:00:00.000Z', finishedLate: false }); // the notice reached the State Corporation at action 5
    expect(d.history.some((h: { elementId: string }) => h.elementId === 'process7ToPersonalAccount')).to.equal(false);
  });

  it('accepts the documents at home for a person with a group 1 disability who called 1414 (para 15)', async () => {
    const { id } = await drive.apply({ iin: '721010310847', channel: 'stateCorporation', homeVisit: true });
    const [visit] = await drive.openTasks(id);
    expect(visit).to.include({ elementId: 'collectAtHomeAlmaty', dueAt: null });
    expect(visit!.candidateGroups).to.deep.equal(['stateCorporation']);
    await drive.complete(id, 'collectAtHomeAlmaty', { checklist: allDocumentsPresent, employeeName: 'Серікова Әсел Қайратқызы', office });
    const d = await drive.details(id);
    expect(d.history.some((h: { elementId: string }) => h.elementId === 'action0Accept')).to.equal(false);
    expect((await drive.openTasks(id)).map((x) => x.elementId)).to.deep.equal(['action1Register']);
    // Without a recorded disability the documents are accepted at the counter.
    const other = await drive.apply({ iin: '510203410142', channel: 'stateCorporation', homeVisit: true });
    expect((await drive.openTasks(other.id)).map((x) => x.elementId)).to.deep.equal(['action0Accept']);
  });

  it('gives the Appendix 3 receipt when the State Corporation finds the package incomplete', async () => {
    const { id } = await drive.apply({ iin: '901120410215', channel: 'stateCorporation' });
    await drive.complete(id, 'action0Accept', { checklist: { ...allDocumentsPresent, bankAccount: 'missing', maintenanceInvoice: 'expired' }, employeeName: 'Серікова Әсел Қайратқызы' });
    await drive.complete(id, 'prepareReceiptAlmaty', { office, executorName: 'Нұрланов Ғалым', employeePhone: '+7 727 000 1414' });
    const d = await drive.details(id);
    expect(drive.ended(d)).to.deep.equal(['receiptIssuedAlmaty']);
    expect(await drive.documents(id)).to.deep.equal(['refusalReceipt']);
    const receipt = await drive.documentText(id, 'refusalReceipt');
    expect(receipt).to.include('Жанибекова Айгерим Маратовна').and.include(d.variables.addresses.current.address);
    expect(receipt).to.include('1. Банк шоты / Банковский счет;').and.include('2. Тұрғын үйді күтіп ұстауға арналған ай сайынғы жарналар мөлшері туралы шот (қолданылу мерзімі өткен) / Счет о размере ежемесячных взносов на содержание жилого дома (истек срок действия);');
    expect(receipt).to.not.include('Документ, удостоверяющий личность').and.not.include('3. ');
    expect(receipt).to.include(`отдел № 3 ${office.branch}`).and.include('Работник Государственной корпорации: Серікова Әсел Қайратқызы').and.include('Исполнитель: Нұрланов Ғалым').and.include('Телефон: +7 727 000 1414');
    expect(receipt).to.include('Приложение 3 к Стандарту государственной услуги «Назначение жилищной помощи», утвержденному приказом Министра национальной экономики Республики Казахстан от 09.04.2015 № 319');
    expect(receipt).to.include(`пункт 11 ${almatyAct}`).and.include('предусмотренному Стандартом').and.not.include('№ 539');
    expect(receipt).to.include('Экземпляр 2').and.include('Алдым / Получил: Жанибекова Айгерим Маратовна');
    expect(receipt).to.not.match(internalWords);
  });

  it('refuses at condition 3 when the attached documents violate para 9 (process 6)', async () => {
    const { id } = await portalApplication('840512310075');
    await drive.complete(id, 'condition3CheckDocuments', { packageComplete: false, missingDocuments: ['utilityBills', 'bankAccount'], refusalReason: 'Электронная копия счетов за коммунальные услуги не приложена.' });
    // The refusal goes out only once the head has signed it with EDS.
    expect((await drive.openTasks(id)).map((x) => [x.elementId, x.candidateGroups])).to.deep.equal([['signProcess6Refusal', ['heads']]]);
    expect(await drive.documents(id)).to.deep.equal([]);
    // The head reads what they sign, and may send it back to the specialist.
    const sign = (await drive.openTasks(id))[0]!;
    expect((await t.api.get(`/api/tasks/${sign.id}/form`)).body.data).to.deep.include({ applicantLastName: 'Ахметов', missingDocuments: ['utilityBills', 'bankAccount'], refusalReason: 'Электронная копия счетов за коммунальные услуги не приложена.' });
    await drive.complete(id, 'signProcess6Refusal', { signedBy: 'Әбдірахманов Нұржан Ұланұлы', returnForRework: true, headRemark: 'Проверьте ещё раз: счёт банка приложен вторым файлом.' });
    const [recheck] = await drive.openTasks(id);
    expect(recheck).to.include({ elementId: 'condition3CheckDocuments' });
    expect((await t.api.get(`/api/tasks/${recheck!.id}/form`)).body.data).to.include({ headRemark: 'Проверьте ещё раз: счёт банка приложен вторым файлом.' });
    await drive.complete(id, 'condition3CheckDocuments', { packageComplete: false, missingDocuments: ['utilityBills', 'bankAccount'], refusalReason: 'Электронная копия счетов за коммунальные услуги не приложена.' });
    await drive.complete(id, 'signProcess6Refusal', { signedBy: 'Әбдірахманов Нұржан Ұланұлы', signature: true });
    const d = await drive.details(id);
    expect(drive.ended(d)).to.deep.equal(['process6Refused']);
    expect(await drive.documents(id)).to.deep.equal(['reasonedRefusal']);
    const refusal = await drive.documentText(id, 'reasonedRefusal');
    expect(refusal).to.include('Мотивированный отказ в дальнейшем рассмотрении заявления').and.include('Ахметов Даулет Серикович');
    expect(refusal).to.include(`подпункт 10) пункта 12 (процесс 6) ${almatyAct}`).and.include(almatyActKk).and.not.include('№ 539').and.not.include('Правил');
    expect(refusal).to.include('1. Коммуналдық қызметтерді тұтынуға арналған шоттар / Счета на потребление коммунальных услуг;').and.include('2. Банк шоты / Банковский счет;');
    expect(refusal).to.include('Обоснование: Электронная копия счетов за коммунальные услуги не приложена.');
    expect(refusal).to.include('Руководитель услугодателя: Әбдірахманов Нұржан Ұланұлы — ЭЦҚ-мен қол қойылды / подписано ЭЦП');
    expect(refusal).to.not.match(internalWords);
  });

  it('refuses when the EDS is not confirmed: a certificate issued to another IIN (process 4)', async () => {
    const { id } = await portalApplication('880315310359');
    const d = await drive.details(id);
    expect(d.variables.eds).to.include({ confirmed: false, certificateIin: '840512310075' });
    expect(drive.ended(d)).to.deep.equal(['process4EdsNotConfirmed']);
    expect((await sim.admin('GET', '/admin/requests?system=esobes')).length).to.equal(0);
  });

  it('refuses authorization when the portal login fails (condition 1 → process 2)', async () => {
    const { id } = await portalApplication('930125310497');
    const d = await drive.details(id);
    expect(d.variables.authenticated).to.equal(false);
    expect(drive.ended(d)).to.deep.equal(['process2AuthorizationRefused']);
  });

  it('refuses on a court ban by the commission and ends on time; a complaint about it is its own process naming the case', async () => {
    const { id, businessKey } = await portalApplication('820618310563');
    await drive.complete(id, 'condition3CheckDocuments', { packageComplete: true });
    await throughCommission(id, { decision: 'refuse', refusalGround: 3, refusalReason: 'Решением суда запрещена деятельность заявителя.' });
    expect(await drive.documents(id)).to.deep.equal(['reasonedRefusal']);
    const refusal = await drive.documentText(id, 'reasonedRefusal');
    expect(refusal).to.include(`решение комиссии, пункт 6 (действие 4) ${almatyAct}`).and.include('о запрещении деятельности').and.include('Обоснование: Решением суда запрещена деятельность заявителя.');
    expect(refusal).to.not.include('№ 539').and.not.match(internalWords);
    const d = await drive.details(id);
    expect(drive.ended(d)).to.deep.equal(['refusedAlmaty']);
    expect(d).to.include({ status: 'completed', overdue: false });

    const filed = await t.api.post('/api/definitions/complaint/instances').send({
      businessKey: `${businessKey}/1`,
      variables: { complainantLastName: 'Сейітов', complainantFirstName: 'Марат', postalAddress: 'г. Алматы, пр. Абая, д. 10, кв. 5, 050010', caseNumber: businessKey, subject: 'refusal', complaintAddressee: 'qualityBody', complaintText: 'Не согласен с отказом, решение суда отменено.', answerBy: 'mail', filedThrough: 'mail' },
    });
    expect(filed.status, JSON.stringify(filed.body)).to.equal(201);
    await t.qyzmet.jobs.runDue();
    const complaint = await drive.details(filed.body.id);
    expect(complaint.variables.complainedCase).to.include({ instanceId: id, definitionKey: 'housing-assistance-almaty', status: 'completed' });
    const [consider] = await drive.openTasks(filed.body.id);
    expect(consider).to.include({ elementId: 'considerAtQualityBody' });
    expect(consider!.candidateGroups).to.deep.equal(['qualityBody']);
  });

  it('escalates a late commission to the head at the exact instant its 6 days run out', async () => {
    const { id } = await portalApplication('840512310075');
    await drive.complete(id, 'condition3CheckDocuments', { packageComplete: true });
    await drive.complete(id, 'action1Register');
    await drive.complete(id, 'action2Resolution', { responsibleSpecialist: 'aigerim' });
    await drive.complete(id, 'action3ToCommission');
    await drive.moveClock('2026-03-10T13:29:00Z');
    expect((await drive.openTasks(id)).map((x) => x.elementId)).to.deep.equal(['action4CommissionDecision']);
    await drive.moveClock('2026-03-10T13:30:00Z');
    expect((await drive.openTasks(id)).map((x) => x.elementId)).to.deep.equal(['action4CommissionDecision', 'remindCommission']);
    await drive.moveClock('2026-03-12T13:31:00Z');
    const overdue = (await t.api.get('/api/tasks').query({ overdue: true })).body.map((x: { elementId: string }) => x.elementId);
    expect(overdue).to.include('action4CommissionDecision');
    expect((await drive.details(id)).overdue).to.equal(true); // the 10 calendar days ended on the 12th at 18:30
  });

  it('waits through an E-sobes outage as an incident and sends the request exactly once when retried', async () => {
    await sim.admin('POST', '/admin/faults', { system: 'esobes', kind: 'drop' });
    const { id } = await portalApplication('840512310075');
    for (let i = 0; i < 2; i++) await drive.moveClock(new Date(t.clock.now().getTime() + 5 * MINUTE).toISOString());
    const [incident] = (await drive.details(id)).incidents;
    expect(incident).to.include({ elementId: 'process5SendToEsobes', status: 'open' });
    expect(incident.message).to.match(/^gateway\.esobes: E-sobes: connection failed/);
    await sim.admin('DELETE', '/admin/faults');
    await t.api.post(`/api/incidents/${incident.id}/retry`).expect(200);
    await t.qyzmet.jobs.runDue();
    expect((await drive.openTasks(id)).map((x) => x.elementId)).to.deep.equal(['condition3CheckDocuments']);
    const sent = (await sim.admin('GET', '/admin/requests?system=esobes')) as { status: number | null; fault: string | null }[];
    expect(sent.filter((r) => r.fault === null)).to.have.length(1);
  });
});
