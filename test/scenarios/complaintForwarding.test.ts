import { expect } from 'chai';
import type { TestQyzmet } from '../support/app.js';
import { caseDriver, scenarioHooks, type Task } from '../support/cases.js';
import { databaseTargets } from '../support/databases.js';
import type { SimulatorProcess } from '../support/simulator.js';

type History = { type: string; elementId: string | null; at: string; data: Record<string, any> }[];

/**
 * A complaint the provider received for another body (processes/complaint.bpmn; seed 002 para 12,
 * part 2, after APPC art. 91 para 4): the provider's head forwards it within 3 working days of its
 * receipt, or does not because a favourable act satisfied it in full; forwarded, it is considered
 * within the considering body's own term from that body's registration (para 13). Received on
 * Friday 20 March 2026, 10:00 in Almaty: 21–22 March are the weekend and 23–25 March Nauryz days
 * off, so the third working day is Monday 30 March.
 */
for (const database of databaseTargets()) describe(`complaints the provider forwards (seed 002 para 12, ${database.name})`, () => {
  let sim: SimulatorProcess;
  let t: TestQyzmet;
  scenarioHooks(database, ['complaint.bpmn'], (qyzmet, simulator) => {
    t = qyzmet;
    sim = simulator;
  });

  const complaints = () => caseDriver(t, 'complaint', /^(answerMailed|answerHandedOver|satisfiedWithoutForwarding)$/);
  const moveClock = async (iso: string) => {
    await t.api.post('/api/clock').send({ now: iso }).expect(200);
    await t.qyzmet.jobs.runDue();
  };
  const history = async (id: string): Promise<History> => (await t.api.get(`/api/instances/${id}`)).body.history;
  const notes = async () => ((await sim.admin('GET', '/admin/notifications')) as { iin: string; channel: string; text: string; duplicate: boolean }[]).filter((d) => d.channel === 'account' && !d.duplicate).map((d) => d.text);
  const complainant = { complainantLastName: 'Жүнісова', complainantFirstName: 'Роза', complainantMiddleName: 'Кеңесқызы', postalAddress: 'Алматы қ., Фурманов көшесі 200, 44-пәтер, 050000', iin: '600308412595' };

  async function receive(variables: Record<string, unknown>) {
    const caseNumber = 'PRV-2026-000417';
    const res = await t.api.post('/api/definitions/complaint/instances').send({ businessKey: `${caseNumber}/1`, variables: { ...complainant, caseNumber, subject: 'refusal', complaintText: 'Прошу отменить отказ в приватизации: состав семьи указан верно.', answerBy: 'mail', filedThrough: 'portal', receivedBy: 'provider', ...variables } });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    await t.qyzmet.jobs.runDue();
    return res.body as { id: string; registeredAt: string; dueAt: string };
  }

  it('received on Friday for the quality body: due at the provider on the third working day after Nauryz, forwarded on Thursday, then 15 working days at the body from its registration', async () => {
    await moveClock('2026-03-20T05:00:00Z'); // Friday 10:00
    const filed = await receive({ complaintAddressee: 'qualityBody' });
    // 3 working days from the day after receipt: 26, 27, 30 March, to the office's close.
    expect(filed).to.include({ registeredAt: '2026-03-20T05:00:00.000Z', dueAt: '2026-03-30T13:30:00.000Z' });
    const c = complaints();
    const [forward] = await c.openTasks(filed.id);
    expect(forward).to.include({ elementId: 'forwardComplaint', dueAt: '2026-03-30T13:30:00.000Z' });
    expect(forward!.candidateGroups).to.deep.equal(['heads']);
    expect((await c.details(filed.id)).variables).to.include({ registrationNumber: 'Ш-2026-00001', forwardingDueDate: '30.03.2026', answerDueAt: null });
    expect(((await t.api.get('/api/tasks').query({ candidateGroup: 'qualityBody' })).body as Task[]).length).to.equal(0);

    // Forwarding needs the covering letter.
    const noLetter = await (await t.as('head')).post(`/api/tasks/${forward!.id}/complete`).send({ variables: { forwardingDecision: 'forward' } });
    expect(noLetter.status).to.equal(400);
    expect(noLetter.body.details.fields.map((f: { field: string }) => f.field).sort()).to.deep.equal(['variables.forwardedOn', 'variables.forwardingLetterNumber']);

    await moveClock('2026-03-26T06:00:00Z'); // Thursday 11:00
    await c.complete(filed.id, 'forwardComplaint', { forwardingDecision: 'forward', forwardingLetterNumber: 'ИСХ-2026/118', forwardedOn: '2026-03-26' });
    // 15 working days from the body's registration on 26 March: 27, 30, 31 March, 1–3, 6–10, 13–16 April.
    const d = await c.details(filed.id);
    expect(d.dueAt).to.equal('2026-04-16T13:30:00.000Z');
    expect(d.variables).to.include({ answerDueAt: '2026-04-16T13:30:00.000Z', answerDueDate: '16.04.2026', bodyRegisteredAt: '2026-03-26T06:00:00.000Z', forwardedOnDate: '26.03.2026' });
    expect((await history(filed.id)).filter((h) => h.type === 'complaint.forwarded').map((h) => h.data)).to.deep.equal([
      { to: 'qualityBody', letterNumber: 'ИСХ-2026/118', forwardedOn: '2026-03-26', registeredAt: '2026-03-26T06:00:00.000Z', dueAt: '2026-04-16T13:30:00.000Z', previousDueAt: '2026-03-30T13:30:00.000Z' },
    ]);
    const open = await c.openTasks(filed.id);
    expect(open.map((x) => [x.elementId, x.candidateGroups, x.dueAt])).to.deep.equal([['considerAtQualityBody', ['qualityBody'], '2026-04-16T13:30:00.000Z']]);
    // The personal account: forwarded, by which letter; then registered at the body with its own term.
    expect(await notes()).to.deep.equal([
      'Шағымыңыз № Ш-2026-00001 (іс № PRV-2026-000417) 26.03.2026 № ИСХ-2026/118 хатпен мемлекеттік қызметтер көрсету сапасын бағалау және бақылау жөніндегі уәкілетті органға жолданды. Ваша жалоба № Ш-2026-00001 (дело № PRV-2026-000417) направлена письмом от 26.03.2026 № ИСХ-2026/118 в уполномоченный орган по оценке и контролю за качеством оказания государственных услуг.',
      'Шағымыңыз тіркелді, № Ш-2026-00001 (іс № PRV-2026-000417), жауап мерзімі 16.04.2026. Ваша жалоба зарегистрирована, № Ш-2026-00001 (дело № PRV-2026-000417), срок ответа 16.04.2026.',
    ]);
    // Past the provider's 3 days the complaint is not overdue: its term is now the body's.
    await moveClock('2026-03-31T06:00:00Z');
    expect((await c.details(filed.id)).overdue).to.equal(false);

    await c.complete(filed.id, 'considerAtQualityBody', { complaintDecision: 'rejected', answerText: 'Состав семьи подтверждён сведениями органов юстиции; отказ обоснован.', answeredBy: 'Оспанов Д.' });
    await c.complete(filed.id, 'sendAnswerByMail', { postalItemNumber: 'RR555000333KZ', sentOn: '2026-03-31' });
    const done = await c.details(filed.id);
    expect(c.ended(done)).to.deep.equal(['answerMailed']);
    expect(done).to.include({ status: 'completed', finishedLate: false });
  });

  it('satisfied by the provider\'s favourable act: not forwarded, the complainant told of the act by number and date, nothing reaches the authorized body', async () => {
    await moveClock('2026-03-20T05:00:00Z');
    const filed = await receive({ complaintAddressee: 'authorizedBody' });
    const c = complaints();
    const [forward] = await c.openTasks(filed.id);
    const noAct = await (await t.as('head')).post(`/api/tasks/${forward!.id}/complete`).send({ variables: { forwardingDecision: 'satisfied', favourableActDate: '2026-03-26' } });
    expect(noAct.status).to.equal(400);
    expect(noAct.body.details.fields.map((f: { field: string }) => f.field).sort()).to.deep.equal(['variables.favourableActNumber', 'variables.favourableActSummary']);

    await moveClock('2026-03-26T06:00:00Z');
    await c.complete(filed.id, 'forwardComplaint', { forwardingDecision: 'satisfied', favourableActNumber: '45-Ж', favourableActDate: '2026-03-26', favourableActSummary: 'Решение комиссии № 21/2026 отменено, заявление принято к повторному рассмотрению.' });
    const d = await c.details(filed.id);
    expect(d.status).to.equal('completed');
    expect(c.ended(d)).to.deep.equal(['satisfiedWithoutForwarding']);
    expect(d.history.filter((h: { type: string }) => h.type === 'complaint.notForwarded').map((h: { data: unknown }) => h.data)).to.deep.equal([
      { to: 'authorizedBody', actNumber: '45-Ж', actDate: '2026-03-26', summary: 'Решение комиссии № 21/2026 отменено, заявление принято к повторному рассмотрению.' },
    ]);
    expect(d.history.filter((h: { type: string }) => h.type === 'complaint.forwarded')).to.deep.equal([]);
    expect(d.history.filter((h: { type: string }) => h.type === 'task.created').map((h: { elementId: string }) => h.elementId)).to.deep.equal(['forwardComplaint']);
    expect(await notes()).to.deep.equal([
      'Шағымыңыз № Ш-2026-00001 (іс № PRV-2026-000417) бойынша қызмет беруші 26.03.2026 № 45-Ж актіні қабылдады, ол шағымның талаптарын толық қанағаттандырады; шағым тұрғын үй қатынастары саласындағы уәкілетті органға жолданбайды. По жалобе № Ш-2026-00001 (дело № PRV-2026-000417) услугодатель принял акт от 26.03.2026 № 45-Ж, полностью удовлетворяющий требования жалобы; жалоба в уполномоченный орган в сфере жилищных отношений не направляется.',
    ]);
  });

  it('a complaint received by the provider and addressed to its own head is not forwarded: a 400 for one that says otherwise, and none is asked to forward it', async () => {
    const wrong = await t.api.post('/api/definitions/complaint/instances').send({ businessKey: 'PRV-1', variables: { ...complainant, caseNumber: 'PRV-1', subject: 'refusal', complaintAddressee: 'provider', receivedBy: 'provider', complaintText: 'Не согласна с отказом.', answerBy: 'mail', filedThrough: 'mail' } });
    expect(wrong.status).to.equal(400);
    expect(wrong.body.details.fields.map((f: { field: string }) => f.field)).to.include('variables.complaintAddressee');

    const filed = await receive({ complaintAddressee: 'authorizedBody', receivedBy: 'addressee', filedThrough: 'mail' });
    // Received by the body it is addressed to: 5 working days there from Monday 2 March, as before.
    expect(filed).to.include({ registeredAt: '2026-03-02T04:00:00.000Z', dueAt: '2026-03-10T13:30:00.000Z' });
    expect((await complaints().openTasks(filed.id)).map((x) => x.elementId)).to.deep.equal(['considerAtAuthorizedBody']);
  });
});
