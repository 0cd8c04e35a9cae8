import { expect } from 'chai';
import type { TestQyzmet } from '../support/app.js';
import { caseDriver, internalWords, scenarioHooks, type Task } from '../support/cases.js';
import { databaseTargets } from '../support/databases.js';
import type { SimulatorProcess } from '../support/simulator.js';

type History = { type: string; elementId: string | null; at: string; data: Record<string, any> }[];
const password = 'commission-member-2026';
/** The Almaly district's housing commission; the first is the chair. */
const members = [
  ['zhanar', 'Жанар Сәрсенбаева'],
  ['bolat', 'Болат Оспанов'],
  ['gulnar', 'Гүлнар Әбенова'],
] as const;

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
  scenarioHooks(database, ['family-consent.bpmn', 'hearing.bpmn', 'commission-vote.bpmn', 'privatization.bpmn'], (qyzmet, simulator) => {
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
      const v0 = await variables(filed.id);
      expect(v0).to.include({ holder: 'communal', applicantName: 'Zhunusova Roza Kenesovna' });
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
    it('680107313013 by instalments: his wife consents, the initial contribution due 30 days after the agreement, the schedule\'s PDF, and the contribution paid in time', async () => {
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
      const done = await c.details(filed.id);
      expect(c.ended(done)).to.deep.equal(['privatized']);
      expect(done.variables.payments).to.include({ covered: true, lastPaidOn: '2026-03-20' });
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
      expect(await c.documents(filed.id)).to.deep.equal(['privatizationAgreement']);
      const pdf = await c.documentText(filed.id, 'privatizationAgreement');
      expect(pdf).to.include('Жилище передается в собственность безвозмездно (бірінші топтағы мүгедектігі бар зейнеткер / пенсионер с инвалидностью первой группы); оплата не производится (пункт 8)');
    });
  });
});
