import { expect } from 'chai';
import type { TestQyzmet } from '../support/app.js';
import { caseDriver, internalWords, scenarioHooks, type Task } from '../support/cases.js';
import { databaseTargets } from '../support/databases.js';
import type { SimulatorProcess } from '../support/simulator.js';
import { commissionMembers as members, commissionPassword as password } from '../support/commission.js';
import { shownFields } from '../support/rjsf.js';

type History = { type: string; elementId: string | null; at: string; data: Record<string, any> }[];

/** Appendix 2 as the portal files it: redemption at the residual value. */
const application = (iin: string, tenancy: [string, string], address: string) => ({
  iin,
  channel: 'portal',
  certificateSerial: `EDS-${iin}`,
  provider: 'default',
  address,
  tenancyAgreementNumber: tenancy[0],
  tenancyAgreementDate: tenancy[1],
  privatizationMethod: 'redemption',
  residualValue: 12_500_000,
});
const citizens = {
  communal: application('600308412595', ['KZh-2004/55', '2004-05-20'], 'Алматы қ., Фурманов көшесі 200, 44-пәтер'),
  communalInstitution: application('650509312668', ['GU-2011/09', '2011-09-09'], 'Алматы қ., Байзақов көшесі 12, 3-пәтер'),
  republican: application('580706312734', ['RGU-2009/31', '2009-07-01'], 'Алматы қ., Абылай хан даңғылы 90, 15-пәтер'),
  rentDebt: application('740425412807', ['KZh-2014/203', '2014-02-02'], 'Алматы қ., Мақатаев көшесі 77, 9-пәтер'),
  privatizedBefore: application('621025312874', ['KZh-2010/17', '2010-01-17'], 'Алматы қ., Райымбек даңғылы 160, 61-пәтер'),
  withAdultSon: { ...application('551216412942', ['KZh-1999/04', '1999-04-04'], 'Алматы қ., Желтоқсан көшесі 140, 8-пәтер'), privatizationMethod: 'gratuitous', residualValue: undefined, gratuitousGround: 'бірінші топтағы мүгедектігі бар зейнеткер / пенсионер с инвалидностью первой группы' },
  instalments: { ...application('680107313013', ['KZh-2015/88', '2015-08-08'], 'Алматы қ., Жібек жолы даңғылы 50, 30-пәтер'), privatizationMethod: 'instalments', residualValue: 12_480_000, downPayment: 3_744_000, instalmentYears: 10 },
};

/**
 * Privatization of a dwelling from the state housing stock (processes/privatization.bpmn; seed 002,
 * Order No. 437 of 12.08.2021) through the REST API, on the simulator's privatization citizens:
 * the lookups, the family's consent, the completeness check within 2 working days, the hearing
 * before a refusal, the commission's vote, the variant by who holds the dwelling, the agreement
 * within 5 working days and the 30-calendar-day payment window checked through the payment
 * gateway. Almaty time is UTC+5; the suite starts Monday 2 March 2026 09:00 (Monday 9 March is a
 * day off for 8 March, 21–25 March are weekend and Nauryz).
 */
for (const database of databaseTargets()) describe(`Privatization of state housing (seed 002, ${database.name})`, () => {
  let sim: SimulatorProcess;
  let t: TestQyzmet;
  scenarioHooks(database, ['family-consent.bpmn', 'hearing.bpmn', 'commission-vote.bpmn', 'privatization.bpmn', 'complaint.bpmn'], (qyzmet, simulator) => {
    t = qyzmet;
    sim = simulator;
  });

  let serial = 0;
  const cases = () => caseDriver(t, 'privatization', /^(privatized|paymentMissed|refused|rejected|edsRefused)$/);
  const votes = () => caseDriver(t, 'commission-vote', /^decisionIssued$/);
  const hearings = () => caseDriver(t, 'hearing', /^(positiveResult|reasonedRefusal)$/);
  const moveClock = async (iso: string) => {
    await t.api.post('/api/clock').send({ now: iso }).expect(200);
    await t.qyzmet.jobs.runDue();
  };
  const history = async (id: string): Promise<History> => (await t.api.get(`/api/instances/${id}`)).body.history;
  const variables = async (id: string): Promise<Record<string, any>> => (await t.api.get(`/api/instances/${id}`)).body.variables;
  const waitsAt = async (id: string) => ((await cases().details(id)).activities as { elementId: string }[]).map((a) => a.elementId);
  const openTask = async (id: string, elementId: string) => (await cases().openTasks(id)).find((x: Task) => x.elementId === elementId);
  const called = async (id: string) => ((await cases().details(id)).activities as { kind: string; instanceId: string; elementId: string }[]).find((a) => a.kind === 'call');
  const accountNotes = async (iin: string) => ((await sim.admin('GET', '/admin/notifications')) as { iin: string; channel: string; text: string; duplicate: boolean }[]).filter((d) => d.iin === iin && d.channel === 'account' && !d.duplicate).map((d) => d.text);

  async function seat() {
    for (const [username, displayName] of members) await t.api.post('/api/users').send({ username, password, displayName, roles: ['commission'], provider: 'default' }).expect(201);
    await t.api.put('/api/providers/default/commission').send({ members: members.map(([u]) => u), chair: members[0][0] }).expect(200);
  }

  async function apply(variables: Record<string, unknown>) {
    const businessKey = `PRV-${String(++serial).padStart(6, '0')}`;
    const res = await t.api.post('/api/definitions/privatization/instances').send({ businessKey, variables: JSON.parse(JSON.stringify(variables)) });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    await t.qyzmet.jobs.runDue();
    return { id: res.body.id as string, businessKey };
  }

  /** The commission votes (each member in their own session) and the head registers and signs the decision. */
  async function commission(id: string, ballots: [string, 'for' | 'against', string?][], number = '17/2026') {
    const call = await called(id);
    expect(call?.elementId, 'the case waits in the commission vote').to.equal('commissionVote');
    for (const [member, vote, reason] of ballots) {
      const open = ((await t.api.get('/api/instances/' + call!.instanceId)).body.tasks as (Task & { status: string })[]).filter((x) => x.elementId === 'castVote' && x.status === 'open');
      const task = open.find((x) => x.assignee === member)!;
      await (await t.as(member, password)).post(`/api/tasks/${task.id}/complete`).send({ variables: { vote, ...(reason ? { reason } : {}) } }).expect(200);
      await t.qyzmet.jobs.runDue();
    }
    await votes().complete(call!.instanceId, 'registerDecision', { decisionNumber: number, signedBy: 'Серік Жұмабаев', signature: true });
  }

  describe('variant 1: the communal housing stock', () => {
    it('600308412595, redemption: decided in the 30 calendar days, the agreement due 5 working days after the decision, paid within 30 calendar days — privatized at the window\'s end', async () => {
      await seat();
      const filed = await apply(citizens.communal);
      const c = cases();
      // Para 6: stages 1–2 within 30 calendar days of registration (Monday 2 March 09:00 → Wednesday 1 April, the provider's closing).
      expect(await c.details(filed.id)).to.include({ registeredAt: '2026-03-02T04:00:00.000Z', dueAt: '2026-04-01T13:30:00.000Z' });
      // Nobody else in the family to consent; the completeness check is due 2 working days after registration.
      expect(await waitsAt(filed.id)).to.deep.equal(['checkDocuments']);
      expect(await openTask(filed.id, 'checkDocuments')).to.include({ dueAt: '2026-03-04T13:30:00.000Z' });
      // Nobody refused: the refusal's boundary event was armed and, the consent over, discarded — never left as if it fired.
      expect((await history(filed.id)).filter((h) => h.elementId === 'familyConsentRefused').map((h) => [h.type, h.data])).to.deep.equal([['activity.entered', null], ['activity.left', { discarded: true }]]);
      const v0 = await variables(filed.id);
      expect(v0).to.include({ holder: 'communal', applicantName: 'Жунусова Роза Кенесовна' });
      expect(v0.privatizationGrounds).to.deep.equal([]);
      // The executor sees the registers' answers on the form, read-only.
      const form = (await t.api.get(`/api/tasks/${(await openTask(filed.id, 'checkDocuments'))!.id}/form`)).body;
      expect(form.data).to.include({ iin: '600308412595', holder: 'communal', rentDebt: 0, privatizedBefore: null, address: 'Алматы қ., Фурманов көшесі 200, 44-пәтер' });

      await c.complete(filed.id, 'checkDocuments', { missingDocuments: [], expiredDocuments: [] });
      await commission(filed.id, [['zhanar', 'for'], ['bolat', 'for']]);
      // The decision is the first result, on time; the agreement is due 5 working days from it (Monday 9 March is off).
      const decided = await c.details(filed.id);
      expect(decided.overdue).to.equal(false);
      expect(decided.variables).to.include({ commissionDecision: 'approved', decisionNumber: '17/2026', transferDueAt: '2026-03-17T13:30:00.000Z' });
      expect(await waitsAt(filed.id)).to.deep.equal(['concludeAgreement']);
      expect(await openTask(filed.id, 'concludeAgreement')).to.include({ dueAt: '2026-03-10T13:30:00.000Z' });

      await moveClock('2026-03-10T05:00:00Z');
      await c.complete(filed.id, 'concludeAgreement', { agreementNumber: 'PRV-2026-000120', agreementDate: '2026-03-10' });
      const agreed = await variables(filed.id);
      // Para 8: 30 calendar days from the agreement — Thursday 9 April.
      expect(agreed).to.include({ amountDueTiyn: 1_250_000_000, paymentDueDate: '2026-04-09' });
      expect(await waitsAt(filed.id)).to.deep.equal(['paymentWindowClosed']);
      const pdf = await c.documentText(filed.id, 'privatizationAgreement');
      expect(pdf).to.not.match(internalWords);
      expect(pdf).to.include('Договор о приватизации жилища № PRV-2026-000120');
      expect(pdf).to.include('2021 жылғы 12 тамыздағы № 437 бұйрығымен бекітілген');
      expect(pdf).to.include('по остаточной стоимости: 12 500 000 тенге');
      expect(pdf).to.include('до 09.04.2026');
      // Appendices 1–2: she has no other adult in the family; the agreement does not claim anyone consented.
      expect(pdf).to.include('других совершеннолетних членов семьи у заявителя нет; их согласие не требовалось').and.not.include('Все совершеннолетние');
      // The case lists the commission's decision its called vote issued to her, saying which step issued it and under which number.
      const listed = (await t.api.get(`/api/instances/${filed.id}/documents`).expect(200)).body as { kind: string; number: string; issuedBy: { definitionKey: string; instanceId: string; names: { ru: string; kk: string; en: string } } }[];
      expect(listed.map((d) => [d.kind, d.number, d.issuedBy.definitionKey])).to.deep.equal([['housingCommissionDecision', '17/2026', 'commission-vote'], ['privatizationAgreement', 'PRV-2026-000120', 'privatization']]);
      expect(listed[0]!.issuedBy.names).to.deep.include({ kk: 'Комиссия шешімін қалыптастыру (PDF)' });
      expect(listed[0]!.issuedBy.instanceId).to.not.equal(filed.id);
      expect(listed[1]!.issuedBy.instanceId).to.equal(filed.id);
      expect(pdf).to.include('решением жилищной комиссии № 17/2026');
      // Para 9(1): the registered rights and technical characteristics from the legal cadastre describe the dwelling.
      const { dwelling } = agreed;
      expect(dwelling.rights.map((r: { kind: string }) => r.kind)).to.deep.equal(['communalOwnership']);
      expect(pdf).to.include(`Кадастровый номер ${dwelling.cadastral}, общая площадь ${dwelling.technical.totalArea} кв. м`);
      expect(pdf).to.include('обременения: не зарегистрированы');
      expect((await accountNotes('600308412595')).at(-1)).to.include('Заключен договор о приватизации жилища № PRV-2026-000120');

      await sim.admin('POST', '/admin/payments', { payerIin: '600308412595', agreement: 'PRV-2026-000120', amountTiyn: 1_250_000_000, date: '2026-04-01' });
      await moveClock('2026-04-09T18:59:59Z');
      expect(await waitsAt(filed.id)).to.deep.equal(['paymentWindowClosed']);
      await moveClock('2026-04-09T19:00:00Z');
      const done = await c.details(filed.id);
      expect(c.ended(done)).to.deep.equal(['privatized']);
      expect(done.variables.payments).to.include({ covered: true, paidTiyn: 1_250_000_000 });
      expect(done.finishedLate).to.equal(false);
    });

    it('the missed payment window (600308412595): nothing paid by 9 April, the citizen is told and the case ends as missed', async () => {
      await seat();
      const filed = await apply(citizens.communal);
      const c = cases();
      await c.complete(filed.id, 'checkDocuments', { missingDocuments: [], expiredDocuments: [] });
      await commission(filed.id, [['zhanar', 'for'], ['bolat', 'for']]);
      await moveClock('2026-03-10T05:00:00Z');
      await c.complete(filed.id, 'concludeAgreement', { agreementNumber: 'PRV-2026-000121', agreementDate: '2026-03-10' });
      // A payment after the window does not count.
      await sim.admin('POST', '/admin/payments', { payerIin: '600308412595', agreement: 'PRV-2026-000121', amountTiyn: 1_250_000_000, date: '2026-04-10' });
      await moveClock('2026-04-09T19:00:00Z');
      const done = await c.details(filed.id);
      expect(c.ended(done)).to.deep.equal(['paymentMissed']);
      expect(done.variables.payments).to.include({ covered: false, shortfallTiyn: 1_250_000_000 });
      expect((await accountNotes('600308412595')).at(-1)).to.include('По договору приватизации № PRV-2026-000121 оплата не поступила полностью в течение 30 календарных дней');
    });
  });

  describe('refusals: the hearing comes first, a family member\'s refusal stops the case', () => {
    /** The hearing of para 10: notice the next day, the hearing a week later, then its outcome. */
    async function hear(id: string, outcome: 'positive' | 'refusal') {
      const call = await called(id);
      expect(call?.elementId, 'the case waits in the hearing').to.equal('hearing');
      const h = hearings();
      const hv = (await h.details(call!.instanceId)).variables;
      // Para 10: the notice within 15 calendar days — Tuesday 17 March 18:30.
      expect(hv).to.include({ noticeDueAt: '2026-03-17T13:30:00.000Z', act: 'privatization' });
      await moveClock('2026-03-03T05:00:00Z');
      await h.complete(call!.instanceId, 'prepareNotice', { hearingAt: '2026-03-10T06:00:00Z', hearingPlace: 'Алматы қ., Төле би көшесі 57, тұрғын үй комиссиясы' });
      await moveClock('2026-03-10T06:00:00Z');
      await h.complete(call!.instanceId, 'holdHearing', outcome === 'positive' ? { hearingOutcome: 'positive', hearingMinutes: 'Заявитель представил справку; замечания сняты.' } : { hearingOutcome: 'refusal', hearingMinutes: 'Возражений по существу не представлено.', refusalReasoning: 'Сведения информационных систем подтверждены на заслушивании.' });
    }

    for (const [label, key, finding] of [
      ['rent debt (740425412807)', 'rentDebt', 'Имеется задолженность по договору найма жилища: 186400 тенге'],
      ['privatized state housing before (621025312874)', 'privatizedBefore', 'Заявитель ранее приватизировал жилище из государственного жилищного фонда: г. Алматы, ул. Гоголя, д. 15, кв. 2, 1997-11-03'],
    ] as const) {
      it(`${label}: the registers' finding goes to the hearing, no refusal before it; refused after it, the reasoned refusal names row 9(2) and the finding`, async () => {
        const filed = await apply(citizens[key]);
        const c = cases();
        await c.complete(filed.id, 'checkDocuments', { missingDocuments: [], expiredDocuments: [] });
        expect((await variables(filed.id)).privatizationGrounds.map((g: { ru: string }) => g.ru)[0]).to.include(finding);
        await hear(filed.id, 'refusal');
        const done = await c.details(filed.id);
        expect(c.ended(done)).to.deep.equal(['refused']);
        expect(done.finishedLate).to.equal(false);
        const pdf = await c.documentText(filed.id, 'privatizationRefusal');
        expect(pdf).to.not.match(internalWords);
        expect(pdf).to.include('Мотивированный отказ в приватизации жилища');
        expect(pdf).to.include('требованиям, установленным Законом Республики Казахстан «О жилищных отношениях» и Постановлением');
        expect(pdf).to.include(finding);
        expect(pdf).to.include('Сведения информационных систем подтверждены на заслушивании.');
        expect(pdf).to.include('пунктами 7 и 10 Правил оказания государственной услуги «Приватизация жилищ из государственного жилищного фонда», утвержденных приказом исполняющего обязанности Министра индустрии и инфраструктурного развития Республики Казахстан от 12.08.2021 № 437');
      });
    }

    it('rent debt (740425412807) cleared at the hearing: the commission then votes on the case', async () => {
      await seat();
      const filed = await apply(citizens.rentDebt);
      await cases().complete(filed.id, 'checkDocuments', { missingDocuments: [], expiredDocuments: [] });
      await hear(filed.id, 'positive');
      expect((await called(filed.id))?.elementId).to.equal('commissionVote');
    });

    it('the inbox shows a called process\'s tasks with the case\'s number, applicant and lane: the hearing, then each member\'s vote due with the decision (para 6)', async () => {
      await seat();
      const filed = await apply(citizens.rentDebt);
      await cases().complete(filed.id, 'checkDocuments', { missingDocuments: [], expiredDocuments: [] });
      type Row = { elementId: string; businessKey: string; applicant: { name: string; iin: string } | null; lane: string | null; laneNames: Record<string, string> | null; dueAt: string | null; dueIn: unknown };
      const inboxOf = async (agent: Awaited<ReturnType<TestQyzmet['as']>>) => ((await agent.get('/api/tasks').expect(200)).body as Row[]).filter((r) => r.businessKey === filed.businessKey);
      const applicant = { name: 'Шайкенова Г. Б.', iin: '********2807' };
      // The hearing (hearing.bpmn) works for the privatization case: its notice is the executor's, due in para 10's 15 calendar days.
      const [notice] = await inboxOf(await t.as('executor'));
      expect(notice).to.deep.include({ elementId: 'prepareNotice', applicant, dueAt: '2026-03-17T13:30:00.000Z' });
      await hear(filed.id, 'positive');
      // Each member sees their own vote: whose dwelling, the case's number, the commission's lane, and the 30 calendar days of para 6
      // counted from the case's registration (Monday 2 March 09:00 → Wednesday 1 April 18:30), not from when the vote opened.
      for (const [member] of members) {
        const rows = await inboxOf(await t.as(member, password));
        expect(rows.map((r) => r.elementId), member).to.deep.equal(['castVote']);
        expect(rows[0]).to.deep.include({ applicant, lane: 'Тұрғын үй комиссиясы', dueAt: '2026-04-01T13:30:00.000Z' });
        expect(rows[0]!.laneNames).to.include({ en: 'Housing commission' });
        expect(rows[0]!.dueIn).to.not.equal(null);
      }
      const vote = (await called(filed.id))!.instanceId;
      expect(await cases().details(filed.id)).to.include({ dueAt: '2026-04-01T13:30:00.000Z' });
      for (const member of ['zhanar', 'bolat']) {
        const [row] = (await (await t.as(member, password)).get('/api/tasks').query({ instance: vote }).expect(200)).body as (Row & { id: string })[];
        await (await t.as(member, password)).post(`/api/tasks/${row!.id}/complete`).send({ variables: { vote: 'for' } }).expect(200);
        await t.qyzmet.jobs.runDue();
      }
      // The head registers and signs the decision within the same term.
      const [register] = await inboxOf(await t.as('head'));
      expect(register).to.deep.include({ elementId: 'registerDecision', applicant, dueAt: '2026-04-01T13:30:00.000Z' });
      expect(register!.lane).to.be.a('string').and.not.equal('');
    });

    it('the adult son of 551216412942 refuses consent with his own EDS: the case stops with his reason in the reasoned refusal, before any check or vote', async () => {
      const filed = await apply(citizens.withAdultSon);
      const call = await called(filed.id);
      expect(call?.elementId).to.equal('familyConsent');
      const [son] = (await variables(call!.instanceId)).adults as { iin: string; relationship: string }[];
      expect(son).to.include({ relationship: 'son' });
      await t.api.post('/api/messages').send({ name: `FamilyConsent-${son!.iin}`, businessKey: filed.businessKey, variables: { consent: false, reason: 'Пәтерді ортақ меншікке алғым келеді.', certificateSerial: `EDS-${son!.iin}`, signedData: `<consent iin="${son!.iin}">false</consent>` } }).expect(200);
      await t.qyzmet.jobs.runDue();
      const c = cases();
      const done = await c.details(filed.id);
      expect(c.ended(done)).to.deep.equal(['refused']);
      expect((await history(filed.id)).map((h) => h.elementId)).to.not.include('checkDocuments').and.not.include('commissionVote');
      const pdf = await c.documentText(filed.id, 'privatizationRefusal');
      expect(pdf).to.include('не дал согласия на приватизацию: Пәтерді ортақ меншікке алғым келеді.');
      expect(pdf).to.include('сын');
    });

    it('an incomplete package filed at the State Corporation (600308412595) is rejected within 2 working days, naming what is missing and expired', async () => {
      const filed = await apply({ ...citizens.communal, channel: 'stateCorporation', certificateSerial: undefined });
      const c = cases();
      expect(await waitsAt(filed.id)).to.deep.equal(['receiveAtStateCorporation']);
      await c.complete(filed.id, 'receiveAtStateCorporation', { identityChecked: true, copiesMade: true, receiptNumber: 'ХҚКО-2026-0042' });
      expect(await openTask(filed.id, 'checkDocuments')).to.include({ dueAt: '2026-03-04T13:30:00.000Z' });
      await moveClock('2026-03-04T10:00:00Z');
      await c.complete(filed.id, 'checkDocuments', { missingDocuments: ['noRentDebt'], expiredDocuments: ['tenancyAgreement'] });
      const done = await c.details(filed.id);
      expect(c.ended(done)).to.deep.equal(['rejected']);
      expect(done.finishedLate).to.equal(false);
      const pdf = await c.documentText(filed.id, 'privatizationRefusal');
      expect(pdf).to.include('Отказ в приеме заявления');
      expect(pdf).to.include('Документ, подтверждающий отсутствие задолженности по договору найма жилища');
      expect(pdf).to.include('Договор найма жилища или ордер на жилище');
    });
  });

  describe('filed at the counter through the web start page', () => {
    it("600308412595 with the start page's request (no provider variable: the case is the operator's provider's) reaches the commission's vote and its decision", async () => {
      await seat();
      // The start page sends only the form's own fields, the counter's channel and the IIN (src/web/start/applicationForm.ts startVariables).
      const { provider: _provider, certificateSerial: _serial, ...counter } = { ...citizens.communal, channel: 'stateCorporation' };
      const res = await (await t.as('operator')).post('/api/definitions/privatization/instances').send({ businessKey: 'PRV-WEB-000001', variables: counter });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      expect(res.body.provider).to.equal('default');
      await t.qyzmet.jobs.runDue();
      const c = cases();
      await c.complete(res.body.id, 'receiveAtStateCorporation', { identityChecked: true, copiesMade: true, receiptNumber: 'ХҚКО-2026-0043' });
      await c.complete(res.body.id, 'checkDocuments', { missingDocuments: [], expiredDocuments: [] });
      const call = await called(res.body.id);
      expect(call?.elementId).to.equal('commissionVote');
      const ballots = ((await t.api.get('/api/instances/' + call!.instanceId)).body.tasks as (Task & { status: string })[]).filter((x) => x.elementId === 'castVote' && x.status === 'open');
      expect(ballots.map((x) => x.assignee).sort()).to.deep.equal(members.map(([u]) => u).sort());
      await commission(res.body.id, [['zhanar', 'for'], ['bolat', 'for']]);
      expect(await variables(res.body.id)).to.include({ commissionDecision: 'approved', decisionNumber: '17/2026' });
    });
  });

  describe('variants 2 and 3: the dwelling is transferred to the communal stock first', () => {
    it('650509312668, a communal institution\'s dwelling: the transfer due 15 calendar days after the decision, then the agreement within 5 working days (over Nauryz)', async () => {
      await seat();
      const filed = await apply(citizens.communalInstitution);
      const c = cases();
      await c.complete(filed.id, 'checkDocuments', { missingDocuments: [], expiredDocuments: [] });
      await commission(filed.id, [['zhanar', 'for'], ['gulnar', 'for']], '18/2026');
      expect(await waitsAt(filed.id)).to.deep.equal(['transferToCommunalStock']);
      // Para 6(2): 15 calendar days from the decision of Monday 2 March — Tuesday 17 March.
      expect(await openTask(filed.id, 'transferToCommunalStock')).to.include({ dueAt: '2026-03-17T13:30:00.000Z' });
      await moveClock('2026-03-16T05:00:00Z');
      await c.complete(filed.id, 'transferToCommunalStock', { transferActNumber: 'АПП-2026/07', transferActDate: '2026-03-13', transferApprovedBy: 'Алматы қаласының Қаржы басқармасы', titleRegisteredOn: '2026-03-16' });
      // Stage 4: 5 working days from Monday 16 March 10:00 — 17, 18, 19, 20, then 21–25 March are the weekend and Nauryz: Thursday 26 March.
      expect(await openTask(filed.id, 'concludeAgreement')).to.include({ dueAt: '2026-03-26T13:30:00.000Z' });
      await c.complete(filed.id, 'concludeAgreement', { agreementNumber: 'PRV-2026-000130', agreementDate: '2026-03-16' });
      expect(await variables(filed.id)).to.include({ paymentDueDate: '2026-04-15' });
      expect(await c.documents(filed.id)).to.include('privatizationAgreement').and.not.include('transferDeed');
    });

    it('580706312734, a republican institution\'s dwelling: the akim\'s petition and the state-property body\'s decision within 15 calendar days of the commission\'s, the deed within 15 more, its PDF, then the agreement', async () => {
      await seat();
      const filed = await apply(citizens.republican);
      const c = cases();
      await c.complete(filed.id, 'checkDocuments', { missingDocuments: [], expiredDocuments: [] });
      await commission(filed.id, [['zhanar', 'for'], ['bolat', 'for']], '19/2026');
      expect(await openTask(filed.id, 'akimPetition')).to.include({ dueAt: '2026-03-17T13:30:00.000Z' });
      await moveClock('2026-03-05T05:00:00Z');
      await c.complete(filed.id, 'akimPetition', { petitionNumber: '01-12/345', petitionDate: '2026-03-05' });
      // The state-property body's term runs from the commission's decision, not from the petition.
      expect(await openTask(filed.id, 'statePropertyDecision')).to.include({ dueAt: '2026-03-17T13:30:00.000Z' });
      await moveClock('2026-03-16T05:00:00Z');
      await c.complete(filed.id, 'statePropertyDecision', { statePropertyDecisionNumber: 'МЖК-2026/88', statePropertyDecisionDate: '2026-03-16', sectorBodyAgreed: true, sectorBody: 'Қорғаныс министрлігі / Министерство обороны' });
      // The deed: 15 calendar days from the decisions — Tuesday 31 March.
      expect(await openTask(filed.id, 'signTransferDeed')).to.include({ dueAt: '2026-03-31T13:30:00.000Z' });
      await moveClock('2026-03-30T05:00:00Z');
      await c.complete(filed.id, 'signTransferDeed', { deedNumber: 'ПА-2026/15', deedDate: '2026-03-27', transferringParty: '«Әскери тұрғын үй» РМК / РГП «Военное жилье»', receivingParty: 'Алматы қаласының Қаржы басқармасы / Управление финансов города Алматы', deedApprovedBy: 'Мемлекеттік мүлік комитетінің Алматы қаласы бойынша департаментінің басшысы', titleRegisteredOn: '2026-03-30' });
      // Para 9(3): the rights are looked up once the dwelling is communal, before the agreement.
      expect((await variables(filed.id)).dwelling.rights.map((r: { kind: string }) => r.kind)).to.deep.equal(['republicanOwnership', 'operationalManagement']);
      const deed = await c.documentText(filed.id, 'transferDeed');
      expect(deed).to.not.match(internalWords);
      expect(deed).to.include('Передаточный акт № ПА-2026/15');
      expect(deed).to.include('передается из республиканской в коммунальную собственность');
      expect(deed).to.include('ходатайство акима № 01-12/345 от 05.03.2026');
      expect(deed).to.include('решение уполномоченного органа по управлению государственным имуществом № МЖК-2026/88 от 16.03.2026');
      expect(deed).to.include('решение жилищной комиссии № 19/2026');
      // Stage 4: 5 working days from Monday 30 March — Monday 6 April.
      expect(await openTask(filed.id, 'concludeAgreement')).to.include({ dueAt: '2026-04-06T13:30:00.000Z' });
    });
  });

  describe('payment by instalments and the commission\'s refusal', () => {
    it('680107313013 by instalments: his wife consents, the initial contribution due 30 days after the agreement, the schedule\'s PDF, the contribution paid in time, then instalments 1 and 2 paid and 3 overdue on the KZ calendar', async () => {
      await seat();
      const filed = await apply(citizens.instalments);
      const call = await called(filed.id);
      const [wife] = (await variables(call!.instanceId)).adults as { iin: string; relationship: string }[];
      expect(wife).to.include({ relationship: 'spouse' });
      await t.api.post('/api/messages').send({ name: `FamilyConsent-${wife!.iin}`, businessKey: filed.businessKey, variables: { consent: true, certificateSerial: `EDS-${wife!.iin}`, signedData: `<consent iin="${wife!.iin}">true</consent>` } }).expect(200);
      await t.qyzmet.jobs.runDue();
      const c = cases();
      await c.complete(filed.id, 'checkDocuments', { missingDocuments: [], expiredDocuments: [] });
      await commission(filed.id, [['zhanar', 'for'], ['bolat', 'for']], '20/2026');
      await c.complete(filed.id, 'concludeAgreement', { agreementNumber: 'PRV-2026-000117', agreementDate: '2026-03-02' });
      const v = await variables(filed.id);
      expect(v).to.include({ amountDueTiyn: 374_400_000, paymentDueDate: '2026-04-01' });
      expect(v.paymentSchedule.instalments).to.have.length(120);
      const schedule = await c.documentText(filed.id, 'instalmentSchedule');
      expect(schedule).to.include('по договору приватизации № PRV-2026-000117 от 02.03.2026');
      expect(schedule).to.include('04.05.2026');
      const agreement = await c.documentText(filed.id, 'privatizationAgreement');
      expect(agreement).to.include('первоначальный взнос 3 744 000 тенге до 01.04.2026, остаток равными долями в течение 10 лет');
      // The simulator holds his contribution of 20 March; the window closes at the end of 1 April.
      await moveClock('2026-04-01T19:00:00Z');
      const contributed = await c.details(filed.id);
      expect(contributed.variables.payments).to.include({ covered: true, lastPaidOn: '2026-03-20' });
      // Then the schedule's instalments, each checked at the end of its due date: all owed by then —
      // the contribution and instalments 1 to k — must have reached the budget.
      expect(contributed.status).to.equal('running');
      expect(contributed.overdue).to.equal(false);
      expect(await waitsAt(filed.id)).to.deep.equal(['instalmentDue']);
      expect(contributed.variables).to.include({ instalmentNumber: 1, instalmentDueDate: '2026-05-04', paymentDueDate: '2026-05-04', amountDueTiyn: 381_680_000 });
      // 1 May is Unity Day: the first instalment is due Monday 4 May, checked at its end and not a second earlier.
      await moveClock('2026-05-04T18:59:59Z');
      expect((await variables(filed.id)).instalmentNumber).to.equal(1);
      await moveClock('2026-05-04T19:00:00Z');
      expect(await variables(filed.id)).to.deep.include({ paidInstalments: [1], overdueInstalments: [], instalmentNumber: 2, instalmentDueDate: '2026-06-01', amountDueTiyn: 388_960_000 });
      await moveClock('2026-06-01T19:00:00Z');
      expect(await variables(filed.id)).to.deep.include({ paidInstalments: [1, 2], instalmentNumber: 3, instalmentDueDate: '2026-07-01' });
      // He paid 72 800 on 20 April and on 20 May, nothing since: the third instalment (1 July) is overdue.
      await moveClock('2026-07-01T19:00:00Z');
      const late = await variables(filed.id);
      expect(late.overdueInstalments).to.deep.equal([{ number: 3, due: '2026-07-01', shortfallTiyn: 7_280_000, shortfallText: '72\u00a0800' }]);
      expect(late.paidInstalments).to.deep.equal([1, 2]);
      expect((await accountNotes('680107313013')).at(-1)).to.equal(
        '№ PRV-2026-000117 жекешелендіру шарты бойынша 3-төлем 2026-07-01 мерзімінде толық түскен жоқ, жетіспейтін сома 72800 теңге (Қағидалардың 2-қосымшасы, кесте). По договору приватизации № PRV-2026-000117 платеж № 3 по графику не поступил полностью к 2026-07-01, недостает 72800 тенге (приложение 2 к Правилам, график).'
      );
      // The act attaches no consequence to it: the schedule goes on — 1 August is a Saturday, so Monday 3 August.
      expect(late).to.include({ instalmentNumber: 4, instalmentDueDate: '2026-08-03', amountDueTiyn: 403_520_000 });
      const running = await c.details(filed.id);
      expect(running).to.include({ status: 'running', overdue: false });
      expect(await waitsAt(filed.id)).to.deep.equal(['instalmentDue']);
    });

    it('para 23 of Decree No. 673 (600308412595): the executor records the sub-paragraph and its document on the agreement, nothing is owed, and the agreement cites them; a sub-paragraph without its document is a 400', async () => {
      await seat();
      const filed = await apply(citizens.communal);
      const c = cases();
      await c.complete(filed.id, 'checkDocuments', { missingDocuments: [], expiredDocuments: [] });
      await commission(filed.id, [['zhanar', 'for'], ['bolat', 'for']], '23/2026');
      const task = await openTask(filed.id, 'concludeAgreement');
      const bare = await (await t.as('executor')).post(`/api/tasks/${task!.id}/complete`).send({ variables: { agreementNumber: 'PRV-2026-000150', agreementDate: '2026-03-02', exemptionSubparagraph: 2 } });
      expect(bare.status).to.equal(400);
      expect(bare.body.details.fields.map((f: { field: string }) => f.field).sort()).to.deep.equal(['variables.exemptionDocumentDate', 'variables.exemptionDocumentKind', 'variables.exemptionDocumentNumber']);
      await c.complete(filed.id, 'concludeAgreement', { agreementNumber: 'PRV-2026-000150', agreementDate: '2026-03-02', exemptionSubparagraph: 2, exemptionDocumentKind: 'Куәлік / Удостоверение', exemptionDocumentNumber: 'УД-004417', exemptionDocumentDate: '2019-05-09' });
      const done = await c.details(filed.id);
      expect(c.ended(done)).to.deep.equal(['privatized']);
      expect(done.variables).to.include({ amountDueTiyn: 0, paymentDueDate: null, paymentSchedule: null });
      expect(done.variables.paymentExemption).to.deep.equal({ decree: { number: '673', date: '2013-07-02' }, paragraph: 23, subparagraph: 2, document: { kind: 'Куәлік / Удостоверение', number: 'УД-004417', date: '2019-05-09' } });
      const pdf = await c.documentText(filed.id, 'privatizationAgreement');
      expect(pdf).to.include('оплата не производится по подпункту 2) пункта 23 Правил приватизации жилищ из государственного жилищного фонда, утвержденных постановлением Правительства Республики Казахстан от 02.07.2013 № 673');
      expect(pdf).to.include('документ: Куәлік / Удостоверение № УД-004417, 09.05.2019');
      expect(pdf).to.include('23-тармағының 2) тармақшасы бойынша төлем жасалмайды');
    });

    it('the commission refuses (600308412595, 2 of 3 against): the reasoned refusal gives the members\' reasons and the decision\'s number', async () => {
      await seat();
      const filed = await apply(citizens.communal);
      const c = cases();
      await c.complete(filed.id, 'checkDocuments', { missingDocuments: [], expiredDocuments: [] });
      await commission(filed.id, [['gulnar', 'against', 'Отбасы құрамы тіркелімге сәйкес келмейді.'], ['bolat', 'against', 'Состав семьи не совпадает с регистром.']], '21/2026');
      const done = await c.details(filed.id);
      expect(c.ended(done)).to.deep.equal(['refused']);
      const pdf = await c.documentText(filed.id, 'privatizationRefusal');
      expect(pdf).to.include('Гүлнар Әбенова: Отбасы құрамы тіркелімге сәйкес келмейді.');
      expect(pdf).to.include('Болат Оспанов: Состав семьи не совпадает с регистром.');
      expect(pdf).to.include('Решение жилищной комиссии № 21/2026');
    });
  });

  describe('the application and the gratuitous path', () => {
    it('refuses a portal application without its EDS certificate, or with no channel, naming the field; nothing is opened', async () => {
      const bare = await t.api.post('/api/definitions/privatization/instances').send({ businessKey: 'PRV-X', variables: { ...citizens.communal, certificateSerial: undefined } });
      expect(bare.status).to.equal(400);
      expect(bare.body.details.fields.map((f: { field: string }) => f.field)).to.deep.equal(['variables.certificateSerial']);
      const { channel: _, ...noChannel } = citizens.communal;
      const none = await t.api.post('/api/definitions/privatization/instances').send({ businessKey: 'PRV-Y', variables: noChannel });
      expect(none.status).to.equal(400);
      expect(none.body.details.fields.map((f: { field: string }) => f.field)).to.deep.equal(['variables.channel']);
      expect((await t.api.get('/api/instances').query({ definition: 'privatization' })).body).to.deep.equal([]);
    });

    it('refuses instalments with 29 % down or over 11 years (680107313013), each a 400 naming its field', async () => {
      const low = await t.api.post('/api/definitions/privatization/instances').send({ businessKey: 'PRV-Z', variables: { ...citizens.instalments, downPayment: 3_619_200 } });
      expect(low.status).to.equal(400);
      expect(low.body.details.fields).to.deep.equal([{ field: 'variables.downPayment', message: 'must be at least 30 % of the residual value (3\u00a0744\u00a0000 tenge; Appendix 2 to the Rules)' }]);
      const long = await t.api.post('/api/definitions/privatization/instances').send({ businessKey: 'PRV-Z', variables: { ...citizens.instalments, instalmentYears: 11 } });
      expect(long.status).to.equal(400);
      expect(long.body.details.fields.map((f: { field: string }) => f.field)).to.deep.equal(['variables.instalmentYears']);
    });

    it('filed on the portal on Saturday 7 March: registered Tuesday 10 March 09:00 (Monday 9 March is off) and not earlier; the 30 days and the 2 working days run from then', async () => {
      await moveClock('2026-03-07T07:00:00Z');
      const filed = await apply(citizens.communal);
      expect(await cases().details(filed.id)).to.include({ registeredAt: '2026-03-10T04:00:00.000Z', dueAt: '2026-04-09T13:30:00.000Z' });
      await moveClock('2026-03-10T03:59:59Z');
      expect(await waitsAt(filed.id)).to.deep.equal(['acceptedNextWorkingDay']);
      await moveClock('2026-03-10T04:00:00Z');
      expect(await openTask(filed.id, 'checkDocuments')).to.include({ dueAt: '2026-03-12T13:30:00.000Z' });
    });

    it('551216412942 free of charge: her son consents with his own EDS; after the agreement nothing is owed, no window and no schedule — privatized at once', async () => {
      await seat();
      const filed = await apply(citizens.withAdultSon);
      const call = await called(filed.id);
      const [son] = (await variables(call!.instanceId)).adults as { iin: string }[];
      await t.api.post('/api/messages').send({ name: `FamilyConsent-${son!.iin}`, businessKey: filed.businessKey, variables: { consent: true, certificateSerial: `EDS-${son!.iin}`, signedData: `<consent iin="${son!.iin}">true</consent>` } }).expect(200);
      await t.qyzmet.jobs.runDue();
      const c = cases();
      await c.complete(filed.id, 'checkDocuments', { missingDocuments: [], expiredDocuments: [] });
      await commission(filed.id, [['zhanar', 'for'], ['bolat', 'for']], '22/2026');
      await c.complete(filed.id, 'concludeAgreement', { agreementNumber: 'PRV-2026-000140', agreementDate: '2026-03-02' });
      const done = await c.details(filed.id);
      expect(c.ended(done)).to.deep.equal(['privatized']);
      expect(done.variables).to.include({ amountDueTiyn: 0, paymentDueDate: null });
      expect(await c.documents(filed.id)).to.have.members(['housingCommissionDecision', 'privatizationAgreement']);
      const pdf = await c.documentText(filed.id, 'privatizationAgreement');
      expect(pdf).to.include('Жилище передается в собственность безвозмездно (бірінші топтағы мүгедектігі бар зейнеткер / пенсионер с инвалидностью первой группы); оплата не производится (пункт 8)');
      // Her son, by name, and the day of his EDS answer (the message at the clock's 2 March).
      const sonName = ((await variables(call!.instanceId)).adults as { name: string }[])[0]!.name;
      expect(pdf).to.include(`выразили согласие на приватизацию своими ЭЦП (приложения 1, 2): ${sonName} (сын, 02.03.2026).`);
    });
  });
  describe('complaints (paras 12–15): 5 working days at the provider, extended once by at most 10 working days (para 14)', () => {
    const complainant = { complainantLastName: 'Жүнісова', complainantFirstName: 'Роза', complainantMiddleName: 'Кеңесқызы', postalAddress: 'Алматы қ., Фурманов көшесі 200, 44-пәтер, 050000', iin: '600308412595' };
    const complaints = () => caseDriver(t, 'complaint', /^(answerMailed|answerHandedOver)$/);

    /** 600308412595 refused by the commission on Monday 2 March. */
    async function refused() {
      await seat();
      const filed = await apply(citizens.communal);
      await cases().complete(filed.id, 'checkDocuments', { missingDocuments: [], expiredDocuments: [] });
      await commission(filed.id, [['gulnar', 'against', 'Отбасы құрамы тіркелімге сәйкес келмейді.'], ['bolat', 'against', 'Состав семьи не совпадает с регистром.']], '21/2026');
      expect(cases().ended(await cases().details(filed.id))).to.deep.equal(['refused']);
      return filed;
    }
    async function complain(caseNumber: string, variables: Record<string, unknown>) {
      const res = await t.api.post('/api/definitions/complaint/instances').send({ businessKey: `${caseNumber}/1`, variables: { ...complainant, caseNumber, subject: 'refusal', complaintText: 'Прошу пересмотреть отказ: состав семьи указан верно.', answerBy: 'mail', ...variables } });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      await t.qyzmet.jobs.runDue();
      return res.body as { id: string; registeredAt: string; dueAt: string };
    }
    const extension = { extendReview: true, extensionGround: 'additionalInformation', extensionWorkingDays: 10, extensionReason: 'Запрошены сведения о составе семьи в органах юстиции.' };

    it('from the portal: the head extends the review by 10 working days, the personal account is told at once with the reason, the complaint is due 30 March; a second extension is a 400', async () => {
      const filed = await refused();
      await moveClock('2026-03-03T05:00:00Z'); // Tuesday 10:00
      const complaint = await complain(filed.businessKey, { complaintAddressee: 'provider', filedThrough: 'portal' });
      // Para 13: 5 working days from registration — 4, 5, 6, 10, 11 March (Monday 9 March is off).
      expect(complaint).to.include({ registeredAt: '2026-03-03T05:00:00.000Z', dueAt: '2026-03-11T13:30:00.000Z' });
      const c = complaints();
      const v = (await c.details(complaint.id)).variables;
      expect(v.complainedCase).to.include({ definitionKey: 'privatization', status: 'completed' });
      expect(v.termExtension).to.include({ workingDays: 10, noticeWorkingDays: 3, paragraph: 14 });
      const [consider] = await c.openTasks(complaint.id);
      expect(consider).to.include({ elementId: 'considerAtProvider', dueAt: '2026-03-11T13:30:00.000Z' });
      // The form the API serves offers the extension here, and its ground, days and reason once it is chosen.
      const served = (await t.api.get(`/api/tasks/${consider!.id}/form`)).body;
      expect(shownFields(served).fields).to.include('extendReview').and.not.include('extensionReason');
      expect(shownFields(served, { extendReview: true })).to.deep.include({ required: ['extensionGround', 'extensionWorkingDays', 'extensionReason'] });
      expect(shownFields(served, { extendReview: true }).fields).to.include.members(['extensionGround', 'extensionWorkingDays', 'extensionReason']);

      // More than the act allows is refused, naming the field; nothing changes.
      await moveClock('2026-03-10T06:00:00Z');
      const tooLong = await (await t.as('head')).post(`/api/tasks/${consider!.id}/complete`).send({ variables: { ...extension, extensionWorkingDays: 11 } });
      expect(tooLong.status).to.equal(400);
      expect(tooLong.body.details.fields.map((f: { field: string }) => f.field)).to.include('variables.extensionWorkingDays');
      const noReason = await (await t.as('head')).post(`/api/tasks/${consider!.id}/complete`).send({ variables: { extendReview: true, extensionWorkingDays: 5 } });
      expect(noReason.status).to.equal(400);
      expect(noReason.body.details.fields.map((f: { field: string }) => f.field).sort()).to.deep.equal(['variables.extensionGround', 'variables.extensionReason']);

      // Para 14: 10 working days on from 11 March — 12, 13, 16–20, 26, 27, 30 March (21–25 March are the weekend and Nauryz).
      await c.complete(complaint.id, 'considerAtProvider', extension);
      const d = await c.details(complaint.id);
      expect(d.dueAt).to.equal('2026-03-30T13:30:00.000Z');
      expect(d.variables).to.include({ answerDueAt: '2026-03-30T13:30:00.000Z', answerDueDate: '30.03.2026', previousAnswerDueAt: '2026-03-11T13:30:00.000Z', termExtended: true, extensionNoticeDueAt: '2026-03-13T13:30:00.000Z' });
      expect(d.history.filter((h: { type: string }) => h.type === 'term.extended').map((h: { data: Record<string, unknown> }) => h.data)).to.deep.equal([
        { dueAt: '2026-03-30T13:30:00.000Z', previousDueAt: '2026-03-11T13:30:00.000Z', workingDays: 10, ground: 'additionalInformation', reason: extension.extensionReason, paragraph: 14 },
      ]);
      // Filed electronically: told electronically, at once, with the reason and the paragraph.
      expect((await accountNotes('600308412595')).at(-1)).to.equal(
        'Шағым № Ш-2026-00001 бойынша қарау мерзімі 30.03.2026 дейін ұзартылды. Срок рассмотрения жалобы № Ш-2026-00001 продлен до 30.03.2026 (2021 жылғы 12 тамыздағы № 437 бұйрықпен бекітілген Қағидалардың 14-тармағы / пункт 14 Правил, утвержденных приказом от 12.08.2021 № 437). Себебі / Причина: Запрошены сведения о составе семьи в органах юстиции.'
      );
      const [again] = await c.openTasks(complaint.id);
      expect(again).to.include({ elementId: 'considerAtProvider', dueAt: '2026-03-30T13:30:00.000Z' });
      // Past the first term the complaint is not overdue: its term was extended.
      await moveClock('2026-03-12T06:00:00Z');
      expect((await c.details(complaint.id)).overdue).to.equal(false);
      // Extended once, the form no longer offers it; sent all the same, it is a 400 saying why.
      expect(shownFields((await t.api.get(`/api/tasks/${again!.id}/form`)).body).fields).to.not.include('extendReview');
      const twice = await (await t.as('head')).post(`/api/tasks/${again!.id}/complete`).send({ variables: { ...extension, extensionWorkingDays: 2 } });
      expect(twice.status).to.equal(400);
      expect(twice.body.details.fields).to.deep.include({ field: 'variables.extendReview', message: 'the review term was extended once already (пункт 14 Правил, утвержденных приказом от 12.08.2021 № 437: by no more than 10 working days)' });

      await moveClock('2026-03-27T06:00:00Z');
      await c.complete(complaint.id, 'considerAtProvider', { complaintDecision: 'rejected', answerText: 'Сведения органов юстиции подтверждают состав семьи, указанный в решении комиссии № 21/2026.', answeredBy: 'Жұмабаев С.' });
      const [mail] = await c.openTasks(complaint.id);
      expect(mail).to.include({ elementId: 'sendAnswerByMail', dueAt: '2026-03-30T13:30:00.000Z' });
      await c.complete(complaint.id, 'sendAnswerByMail', { postalItemNumber: 'RR555000111KZ', sentOn: '2026-03-27' });
      const done = await c.details(complaint.id);
      expect(c.ended(done)).to.deep.equal(['answerMailed']);
      expect(done).to.include({ status: 'completed', finishedLate: false });
    });

    it('on paper to the authorized body: the office tells of the extension in writing within 3 working days while the review goes on', async () => {
      const filed = await refused();
      await moveClock('2026-03-03T05:00:00Z');
      const complaint = await complain(filed.businessKey, { complaintAddressee: 'authorizedBody', filedThrough: 'mail' });
      const c = complaints();
      await moveClock('2026-03-10T06:00:00Z'); // Tuesday 11:00
      await c.complete(complaint.id, 'considerAtAuthorizedBody', { ...extension, extensionGround: 'inspection', extensionWorkingDays: 4, extensionReason: 'Назначена проверка сведений о жилище на месте.' });
      // 4 working days on from 11 March: 12, 13, 16, 17 March; the letter within 3 working days of the extension: 11, 12, 13 March.
      const open = (await c.openTasks(complaint.id)).map((x) => [x.elementId, x.candidateGroups, x.dueAt]);
      expect(open).to.have.deep.members([
        ['considerAtAuthorizedBody', ['authorizedBody'], '2026-03-17T13:30:00.000Z'],
        ['notifyExtension', ['authorizedBodyOffice'], '2026-03-13T13:30:00.000Z'],
      ]);
      expect((await c.details(complaint.id)).dueAt).to.equal('2026-03-17T13:30:00.000Z');
      expect((await accountNotes('600308412595')).filter((n) => n.includes('Ш-2026'))).to.deep.equal([]); // paper: nothing in the personal account
      await c.complete(complaint.id, 'notifyExtension', { letterNumber: 'ИСХ-2026/311', sentOn: '2026-03-11' });
      await c.complete(complaint.id, 'considerAtAuthorizedBody', { complaintDecision: 'satisfied', answerText: 'Жалоба удовлетворена: услугодателю поручено повторно рассмотреть заявление.', answeredBy: 'Касымов Б.' });
      await c.complete(complaint.id, 'sendAnswerByMail', { postalItemNumber: 'RR555000222KZ', sentOn: '2026-03-16' });
      const done = await c.details(complaint.id);
      expect(done.status).to.equal('completed');
      expect(c.ended(done)).to.deep.equal(['answerMailed']);
    });
  });
});
