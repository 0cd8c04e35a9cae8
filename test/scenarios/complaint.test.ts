import { expect } from 'chai';
import type { TestQyzmet } from '../support/app.js';
import { caseDriver, scenarioHooks, type Task } from '../support/cases.js';
import { databaseTargets } from '../support/databases.js';
import type { SimulatorProcess } from '../support/simulator.js';
import { shownFields } from '../support/rjsf.js';

type History = { type: string; elementId: string | null; actor: string; at: string; data: Record<string, any> }[];

/**
 * Complaints (seed 000 para 13) driven through the REST API: a complaint is its own instance,
 * under its own business key, started with the complained-about case's number, registered with a number, considered by the
 * body it is addressed to within its term, and answered by mail or at the office as the
 * complainant chose. The clock starts on Monday 2 March 2026, 09:00 in Almaty; 9 March (for
 * 8 March) and 23–25 March (Nauryz) are days off.
 */
for (const database of databaseTargets()) describe(`complaints (processes/complaint.bpmn, ${database.name})`, () => {
  let sim: SimulatorProcess;
  let t: TestQyzmet;
  scenarioHooks(database, ['housing-assistance.bpmn', 'complaint.bpmn'], (qyzmet, simulator) => {
    t = qyzmet;
    sim = simulator;
  });

  const housing = () => caseDriver(t, 'housing-assistance', /^(refused|refusedIncomplete|assigned|receiptIssued)$/);
  const complaints = () => caseDriver(t, 'complaint', /^(answerMailed|answerHandedOver)$/);
  const moveClock = (iso: string) => t.api.post('/api/clock').send({ now: iso }).expect(200);
  const history = async (id: string): Promise<History> => (await t.api.get(`/api/instances/${id}`)).body.history;
  /** What the personal account showed about complaints (the case's own notices left out). */
  const notes = async () => ((await sim.admin('GET', '/admin/notifications')) as { iin: string; text: string; duplicate: boolean }[]).filter((d) => !d.duplicate && /жалоб/i.test(d.text)).map((d) => `${d.iin}: ${d.text}`);
  const completedBy = (h: History) => h.filter((e) => e.type === 'task.completed').map((e) => `${e.elementId} by ${e.actor} at ${e.at}`);

  const complainant = {
    complainantLastName: 'Ахметов',
    complainantFirstName: 'Ерлан',
    complainantMiddleName: 'Серікұлы',
    postalAddress: 'г. Алматы, ул. Толе би, д. 59, кв. 12, 050000',
    iin: '840512310075',
  };

  /** A case refused on ground 2 of para 12 on Monday 2 March, on time. */
  async function refusedCase() {
    const ha = housing();
    const { id, businessKey } = await ha.apply({ iin: '840512310075', channel: 'portal', certificateSerial: 'EDS-840512310075' });
    await ha.complete(id, 'reviewCompleteness', { packageComplete: true });
    await ha.complete(id, 'verifyInformation', { decision: 'refuse', refusalGround: 2, refusalReason: 'Доход семьи превышает порог, установленный Правилами.' });
    await ha.complete(id, 'signDecision', { signedBy: 'Жұмабаева Г.', signature: true });
    const d = await ha.details(id);
    expect(d.status).to.equal('completed');
    expect(ha.ended(d)).to.deep.equal(['refused']);
    return { id, businessKey };
  }

  /**
   * Files a complaint the way the portal or the office does: under its own business key, the case's
   * number and the complaint's sequence about it (HA-…/1, HA-…/2), the case's number as `caseNumber`.
   */
  const filed = new Map<string, number>();
  beforeEach(() => filed.clear());
  async function file(caseNumber: string, variables: Record<string, unknown>) {
    const sequence = (filed.get(caseNumber) ?? 0) + 1;
    filed.set(caseNumber, sequence);
    const res = await t.api.post('/api/definitions/complaint/instances').send({ businessKey: `${caseNumber}/${sequence}`, variables: { ...complainant, caseNumber, ...variables } });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    await t.qyzmet.jobs.runDue();
    return res.body as { id: string; registeredAt: string; dueAt: string };
  }

  const openTasks = async (id: string): Promise<Task[]> => (await t.api.get('/api/tasks').query({ instance: id })).body;
  const form = async (task: Task) => (await t.api.get(`/api/tasks/${task.id}/form`)).body.data;

  it('a refusal: the head of the provider answers within 5 working days and the office mails the answer', async () => {
    const refused = await refusedCase();
    await moveClock('2026-03-03T05:00:00Z'); // Tuesday 10:00
    const filed = await file(refused.businessKey, { subject: 'refusal', complaintAddressee: 'provider', complaintText: 'Прошу пересмотреть отказ: доход семьи рассчитан неверно.', answerBy: 'mail', filedThrough: 'portal' });
    // 5 working days from the day after registration: 4, 5, 6, 10, 11 March (9 March is off), to the office's close.
    expect(filed).to.include({ registeredAt: '2026-03-03T05:00:00.000Z', dueAt: '2026-03-11T13:30:00.000Z' });

    const c = complaints();
    let d = await c.details(filed.id);
    expect(d.variables).to.include({ registrationNumber: 'Ш-2026-00001', answerDueAt: '2026-03-11T13:30:00.000Z' });
    expect(d.variables.complainedCase).to.include({ instanceId: refused.id, definitionKey: 'housing-assistance', status: 'completed', overdue: false });
    const [consider] = await openTasks(filed.id);
    expect(consider).to.include({ elementId: 'considerAtProvider', dueAt: '2026-03-11T13:30:00.000Z' });
    expect(consider!.candidateGroups).to.deep.equal(['heads']);
    expect(await form(consider!)).to.include({ registrationNumber: 'Ш-2026-00001', complainantLastName: 'Ахметов', postalAddress: complainant.postalAddress, caseNumber: refused.businessKey, subject: 'refusal' });
    // Filed from the portal: the personal account shows the registration (para 13 part 5).
    expect(await notes()).to.deep.equal([`840512310075: Шағымыңыз тіркелді, № Ш-2026-00001 (іс № ${refused.businessKey}), жауап мерзімі 11.03.2026. Ваша жалоба зарегистрирована, № Ш-2026-00001 (дело № ${refused.businessKey}), срок ответа 11.03.2026.`]);

    // The case and its complaint list together under the case number.
    const listed = (await t.api.get('/api/instances').query({ businessKeyStartsWith: refused.businessKey })).body as { definitionKey: string; businessKey: string }[];
    expect(listed.map((i) => `${i.definitionKey} ${i.businessKey}`).sort()).to.deep.equal([`complaint ${refused.businessKey}/1`, `housing-assistance ${refused.businessKey}`]);

    await moveClock('2026-03-10T06:00:00Z');
    await c.complete(filed.id, 'considerAtProvider', { complaintDecision: 'rejected', answerText: 'Доход семьи подтверждён налоговыми сведениями; отказ обоснован пунктом 12 Правил.', answeredBy: 'Жұмабаева Г.' });
    const [mail] = await openTasks(filed.id);
    expect(mail).to.include({ elementId: 'sendAnswerByMail', dueAt: '2026-03-11T13:30:00.000Z' }); // the same term, not a new one
    expect(mail!.candidateGroups).to.deep.equal(['providerOffice']);
    expect(await form(mail!)).to.include({ postalAddress: complainant.postalAddress, registrationNumber: 'Ш-2026-00001' });
    await c.complete(filed.id, 'sendAnswerByMail', { postalItemNumber: 'RR123456789KZ', sentOn: '2026-03-10' });

    d = await c.details(filed.id);
    expect(d.status).to.equal('completed');
    expect(c.ended(d)).to.deep.equal(['answerMailed']);
    expect(d.variables).to.include({ complaintDecision: 'rejected', postalItemNumber: 'RR123456789KZ' });
    expect((await notes())[1]).to.equal('840512310075: Шағым № Ш-2026-00001 қаралды. Жалоба № Ш-2026-00001 рассмотрена. Доход семьи подтверждён налоговыми сведениями; отказ обоснован пунктом 12 Правил. Жауап поштамен жіберіледі. Ответ направляется по почте.');
    expect(completedBy(d.history)).to.deep.equal(['considerAtProvider by head at 2026-03-10T06:00:00.000Z', 'sendAnswerByMail by admin at 2026-03-10T06:00:00.000Z']);
    expect((await t.api.get('/api/instances').query({ definition: 'complaint', overdue: true })).body).to.deep.equal([]);
  });

  it('disagreement with the answer goes on to the quality-assessment body: 15 working days, the earlier answer on its form, handed over at the office', async () => {
    const refused = await refusedCase();
    await moveClock('2026-03-03T05:00:00Z');
    const first = await file(refused.businessKey, { subject: 'refusal', complaintAddressee: 'provider', complaintText: 'Прошу пересмотреть отказ: доход рассчитан неверно.', answerBy: 'mail', filedThrough: 'office' });
    const c = complaints();
    await c.complete(first.id, 'considerAtProvider', { complaintDecision: 'rejected', answerText: 'Отказ обоснован пунктом 12 Правил, доход подтверждён.', answeredBy: 'Жұмабаева Г.' });
    await c.complete(first.id, 'sendAnswerByMail', { postalItemNumber: 'RR123456789KZ', sentOn: '2026-03-03' });

    await moveClock('2026-03-12T06:00:00Z'); // Thursday 11:00
    const second = await file(refused.businessKey, { subject: 'result', complaintAddressee: 'qualityBody', previousComplaint: 'Ш-2026-00001', complaintText: 'Не согласен с ответом услугодателя на жалобу Ш-2026-00001.', answerBy: 'office', filedThrough: 'mail' });
    // 15 working days: 13, 16–20, 26, 27, 30, 31 March, 1–3, 6, 7 April (23–25 March are Nauryz days off).
    expect(second).to.include({ registeredAt: '2026-03-12T06:00:00.000Z', dueAt: '2026-04-07T13:30:00.000Z' });
    const tasks = await openTasks(second.id);
    expect(tasks.map((x) => [x.elementId, x.candidateGroups, x.dueAt])).to.deep.equal([['considerAtQualityBody', ['qualityBody'], '2026-04-07T13:30:00.000Z']]);
    const data = await form(tasks[0]!);
    expect(data.registrationNumber).to.equal('Ш-2026-00002');
    expect(data.previousAnswer).to.deep.equal({ registrationNumber: 'Ш-2026-00001', complaintAddressee: 'provider', complaintDecision: 'rejected', answerText: 'Отказ обоснован пунктом 12 Правил, доход подтверждён.', status: 'completed' });
    // Nobody at the provider is asked to consider a complaint addressed to the quality body.
    expect(((await t.api.get('/api/tasks').query({ candidateGroup: 'heads' })).body as Task[]).length).to.equal(0);

    await moveClock('2026-04-07T13:00:00Z');
    await c.complete(second.id, 'considerAtQualityBody', { complaintDecision: 'satisfied', answerText: 'Жалоба удовлетворена: услугодателю поручено пересмотреть расчёт дохода.', answeredBy: 'Оспанов Д.' });
    const [handOver] = await openTasks(second.id);
    expect(handOver).to.include({ elementId: 'handOverAnswer', dueAt: null });
    expect(handOver!.candidateGroups).to.deep.equal(['qualityBodyOffice']);

    const missing = await t.api.post(`/api/tasks/${handOver!.id}/complete`).send({ variables: { handedOverTo: 'Ахметов Е. С.', handedOverOn: '2026-04-09' } });
    expect(missing.status).to.equal(400);
    expect(missing.body.details.fields).to.deep.include({ field: 'variables.identityDocumentChecked', message: 'is required' });

    await moveClock('2026-04-09T05:00:00Z');
    await c.complete(second.id, 'handOverAnswer', { handedOverTo: 'Ахметов Е. С.', identityDocumentChecked: true, handedOverOn: '2026-04-09' });
    const d = await c.details(second.id);
    expect(c.ended(d)).to.deep.equal(['answerHandedOver']);
    expect(completedBy(d.history)).to.deep.equal(['considerAtQualityBody by admin at 2026-04-07T13:00:00.000Z', 'handOverAnswer by admin at 2026-04-09T05:00:00.000Z']);
    expect(await notes()).to.deep.equal([]); // filed at the office and by mail: nothing in the personal account
  });

  it('takes a second complaint about the same case while the first is being considered (another member of the family), each under its own number, and lists them with the case', async () => {
    const refused = await refusedCase();
    await moveClock('2026-03-03T05:00:00Z');
    const first = await file(refused.businessKey, { subject: 'refusal', complaintAddressee: 'provider', complaintText: 'Прошу пересмотреть отказ: доход семьи рассчитан неверно.', answerBy: 'mail', filedThrough: 'office' });
    const second = await file(refused.businessKey, { complainantFirstName: 'Гүлнара', complainantMiddleName: 'Серікқызы', iin: '860211470022', subject: 'refusal', complaintAddressee: 'provider', complaintText: 'Не согласна с отказом: пособие на ребёнка не является доходом.', answerBy: 'office', filedThrough: 'office' });
    const c = complaints();
    const [a, b] = [await c.details(first.id), await c.details(second.id)];
    expect([a.status, b.status]).to.deep.equal(['running', 'running']);
    expect([a.variables.registrationNumber, b.variables.registrationNumber]).to.deep.equal(['Ш-2026-00001', 'Ш-2026-00002']);
    expect([a.variables.caseNumber, b.variables.caseNumber]).to.deep.equal([refused.businessKey, refused.businessKey]);
    expect(b.variables.complainedCase).to.include({ instanceId: refused.id });
    expect(a.businessKey).to.not.equal(b.businessKey);
    // Every complaint about the case, by its number, as the monitor finds them.
    const about = (await t.api.get('/api/instances').query({ definition: 'complaint', businessKeyStartsWith: `${refused.businessKey}/` })).body as { id: string }[];
    expect(about.map((i) => i.id).sort()).to.deep.equal([first.id, second.id].sort());
  });

  it('inaction: a complaint filed on a Saturday about a late case is registered on Monday and shows where the case is stuck', async () => {
    const ha = housing();
    const { id, businessKey } = await ha.apply({ iin: '840512310075', channel: 'portal', certificateSerial: 'EDS-840512310075' });
    await moveClock('2026-03-14T07:00:00Z'); // Saturday 12:00; the case was due on Friday 13 March, 18:30
    const filed = await file(businessKey, { subject: 'inaction', complaintAddressee: 'provider', complaintText: 'Срок рассмотрения заявления истёк, ответа нет.', answerBy: 'mail', filedThrough: 'portal' });
    // Registered at Monday's opening; 5 working days: 17–20 and 26 March (23–25 March are off).
    expect(filed).to.include({ registeredAt: '2026-03-16T04:00:00.000Z', dueAt: '2026-03-26T13:30:00.000Z' });
    const d = await complaints().details(filed.id);
    expect(d.variables.complainedCase).to.include({ instanceId: id, status: 'running', overdue: true, dueAt: '2026-03-13T13:30:00.000Z' });
    expect(d.variables.complainedCase.waitingIn).to.include('reviewCompleteness');
    const [consider] = await openTasks(filed.id);
    expect(consider).to.include({ elementId: 'considerAtProvider', dueAt: '2026-03-26T13:30:00.000Z' });
    expect(consider!.candidateGroups).to.deep.equal(['heads']);
    expect(await notes()).to.deep.equal([`840512310075: Шағымыңыз тіркелді, № Ш-2026-00001 (іс № ${businessKey}), жауап мерзімі 26.03.2026. Ваша жалоба зарегистрирована, № Ш-2026-00001 (дело № ${businessKey}), срок ответа 26.03.2026.`]);

    // Unanswered past its term, the complaint itself shows as overdue.
    await moveClock('2026-03-26T13:31:00Z');
    expect(((await t.api.get('/api/tasks').query({ overdue: true, instance: filed.id })).body as Task[]).map((x) => x.elementId)).to.deep.equal(['considerAtProvider']);
    expect(((await t.api.get('/api/instances').query({ definition: 'complaint', overdue: true })).body as { id: string }[]).map((i) => i.id)).to.deep.equal([filed.id]);
  });

  it('a complaint to the authorized body goes to that body, also about a receipt of a case Qyzmet does not hold', async () => {
    await moveClock('2026-03-04T12:00:00Z'); // Wednesday 17:00
    const filed = await file('СЖ-2026-000417', { subject: 'receipt', complaintAddressee: 'authorizedBody', complaintText: 'Отказали в приёме документов, хотя все справки были приложены.', answerBy: 'mail', filedThrough: 'mail' });
    // 5 working days: 5, 6, 10, 11, 12 March.
    expect(filed).to.include({ registeredAt: '2026-03-04T12:00:00.000Z', dueAt: '2026-03-12T13:30:00.000Z' });
    const c = complaints();
    expect((await c.details(filed.id)).variables).to.include({ registrationNumber: 'Ш-2026-00001', complainedCase: null, previousAnswer: null });
    const tasks = await openTasks(filed.id);
    expect(tasks.map((x) => [x.elementId, x.candidateGroups, x.dueAt])).to.deep.equal([['considerAtAuthorizedBody', ['authorizedBody'], '2026-03-12T13:30:00.000Z']]);

    await c.complete(filed.id, 'considerAtAuthorizedBody', { complaintDecision: 'satisfied', answerText: 'Жалоба удовлетворена: документы будут приняты повторно.', answeredBy: 'Касымов Б.' });
    const [mail] = await openTasks(filed.id);
    expect(mail!.candidateGroups).to.deep.equal(['authorizedBodyOffice']);
    await c.complete(filed.id, 'sendAnswerByMail', { postalItemNumber: 'RR987654321KZ', sentOn: '2026-03-05' });
    const h = await history(filed.id);
    expect(h.filter((e) => e.type === 'task.created').map((e) => e.elementId)).to.deep.equal(['considerAtAuthorizedBody', 'sendAnswerByMail']);
  });

  it('gives no extension of the review under seed 000 (only seed 002 para 14 has one): a 400 naming variables.extendReview, the term unchanged', async () => {
    const refused = await refusedCase();
    const filed = await file(refused.businessKey, { subject: 'refusal', complaintAddressee: 'provider', complaintText: 'Прошу пересмотреть отказ: доход семьи рассчитан неверно.', answerBy: 'mail', filedThrough: 'office' });
    expect((await complaints().details(filed.id)).variables).to.include({ termExtension: null });
    const [consider] = await openTasks(filed.id);
    // The form the API serves does not offer the extension: rjsf resolves its condition to the answer alone.
    const served = (await t.api.get(`/api/tasks/${consider!.id}/form`)).body;
    const shown = shownFields(served, { extendReview: true });
    expect(shown.fields).to.include.members(['complaintDecision', 'answerText', 'answeredBy']);
    expect(shown.fields).to.not.include.members(['extendReview']);
    expect(shown.fields.filter((f) => /^extension/.test(f))).to.deep.equal([]);
    expect(shown.required).to.deep.equal(['complaintDecision', 'answerText', 'answeredBy']);
    // Sent all the same, the extension is a 400: extendReview with the law's reason, and the answer it owes.
    const extension = { extendReview: true, extensionGround: 'inspection', extensionWorkingDays: 5, extensionReason: 'Нужна проверка сведений о доходах.' };
    const res = await (await t.as('head')).post(`/api/tasks/${consider!.id}/complete`).send({ variables: extension });
    expect(res.status).to.equal(400);
    expect(res.body.details.fields).to.have.deep.members([
      { field: 'variables.extendReview', message: 'the act the complained-about case is provided under gives no extension of the review term: answer within it' },
      ...['complaintDecision', 'answerText', 'answeredBy'].map((name) => ({ field: `variables.${name}`, message: 'is required' })),
    ]);
    // With an answer, the extension's fields are named as not offered.
    const both = await (await t.as('head')).post(`/api/tasks/${consider!.id}/complete`).send({ variables: { ...extension, complaintDecision: 'rejected', answerText: 'Доход семьи подтверждён налоговыми сведениями.', answeredBy: 'Жұмабаева Г.' } });
    expect(both.status).to.equal(400);
    expect(both.body.details.fields).to.have.deep.members([
      { field: 'variables.extendReview', message: 'the act the complained-about case is provided under gives no extension of the review term: answer within it' },
      ...['extensionGround', 'extensionWorkingDays', 'extensionReason'].map((name) => ({ field: `variables.${name}`, message: 'is not offered here: the form shows it only when its condition holds' })),
    ]);
    expect((await complaints().details(filed.id)).dueAt).to.equal(filed.dueAt);
    expect((await openTasks(filed.id)).map((x) => x.id)).to.deep.equal([consider!.id]);
  });

  it('refuses a complaint without the complainant\'s name or postal address, or from the portal without an IIN, naming the field', async () => {
    const res = await t.api.post('/api/definitions/complaint/instances').send({ businessKey: 'X-1', variables: { complainantLastName: 'Ахметов', caseNumber: 'X-1', subject: 'refusal', complaintAddressee: 'provider', complaintText: 'Не согласен с отказом.', answerBy: 'mail', filedThrough: 'mail' } });
    expect(res.status).to.equal(400);
    expect(res.body.details.fields.map((f: { field: string }) => f.field).sort()).to.deep.equal(['variables.complainantFirstName', 'variables.postalAddress']);

    const elsewhere = await t.api.post('/api/definitions/complaint/instances').send({ businessKey: 'X-1', variables: { ...complainant, caseNumber: 'X-1', subject: 'result', complaintAddressee: 'provider', previousComplaint: 'Ш-2026-00001', complaintText: 'Не согласен с ответом.', answerBy: 'mail', filedThrough: 'mail' } });
    expect(elsewhere.status).to.equal(400);
    expect(elsewhere.body.details.fields).to.deep.include({ field: 'variables.complaintAddressee', message: 'must be equal to constant' });
    const anonymous = await t.api.post('/api/definitions/complaint/instances').send({ businessKey: 'X-1', variables: { ...complainant, iin: undefined, caseNumber: 'X-1', subject: 'inaction', complaintAddressee: 'provider', complaintText: 'Ответа по заявлению нет.', answerBy: 'mail', filedThrough: 'portal' } });
    expect(anonymous.status).to.equal(400);
    expect(anonymous.body.details.fields).to.deep.equal([{ field: 'variables.iin', message: 'is required' }]); // the portal's notes go to a personal account
    expect((await t.api.get('/api/instances').query({ definition: 'complaint' })).body).to.deep.equal([]);
  });
});
