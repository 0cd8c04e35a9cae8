import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { TestQyzmet } from '../support/app.js';
import { caseDriver, internalWords, scenarioHooks, type Task } from '../support/cases.js';
import { databaseTargets } from '../support/databases.js';
import type { SimulatorProcess } from '../support/simulator.js';

type History = { type: string; elementId: string | null; at: string; data: Record<string, any> }[];
type Delivery = { iin: string; channel: 'account' | 'sms'; text: string; duplicate: boolean };

const processes = path.resolve(import.meta.dirname, '..', '..', 'processes');
const table = fs.readFileSync(path.join(processes, 'housing-center-denial.dmn'), 'utf8');

/** What the portal files for an applicant who logged in with a valid EDS and consented to everything (seed 003 Application form). */
const application = (iin: string) => ({
  iin,
  certificateSerial: `EDS-${iin}`,
  housingStock: 'general',
  emergencyHousing: false,
  housingCheckConsent: true,
  personalDataConsent: true,
  publicationConsent: true,
  noCategoryConsent: true,
});

/**
 * Registration in the electronic database "Housing Provision Center" (seed 003, Order No. 130 of
 * 17.04.2025) through the REST API, one simulator citizen per ground: the decision table
 * housing-center-denial names the rules, the hearing of para 17 runs, and the reasoned denial PDF
 * cites the act, the rule and the paragraph; the result goes to the personal account and by SMS
 * only to a number registered with the portal (para 16). Almaty time is UTC+5; the suite starts
 * on Monday 2 March 2026, 09:00.
 */
for (const database of databaseTargets()) describe(`Housing Provision Center registration (seed 003, ${database.name})`, () => {
  let sim: SimulatorProcess;
  let t: TestQyzmet;
  scenarioHooks(database, ['housing-center-denial.dmn', 'hearing.bpmn', 'family-consent.bpmn', 'housing-center-registration.bpmn'], (qyzmet, simulator) => {
    t = qyzmet;
    sim = simulator;
  });

  let serial = 0;
  const cases = () => caseDriver(t, 'housing-center-registration', /^(registered|denied|edsRefused)$/);
  const hearings = () => caseDriver(t, 'hearing', /^(positiveResult|reasonedRefusal)$/);
  const moveClock = (iso: string) => t.api.post('/api/clock').send({ now: iso }).expect(200);
  const history = async (id: string): Promise<History> => (await t.api.get(`/api/instances/${id}`)).body.history;
  const openTasks = async (id: string): Promise<Task[]> => (await t.api.get('/api/tasks').query({ instance: id })).body;
  const deliveries = async (iin: string, channel: Delivery['channel']) => ((await sim.admin('GET', '/admin/notifications')) as Delivery[]).filter((d) => d.iin === iin && d.channel === channel && !d.duplicate);

  async function apply(iin: string, changes: Record<string, unknown> = {}) {
    const businessKey = `HC-${String(++serial).padStart(6, '0')}`;
    const res = await t.api.post('/api/definitions/housing-center-registration/instances').send({ businessKey, variables: { ...application(iin), ...changes } });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    await t.qyzmet.jobs.runDue();
    return { id: res.body.id as string, businessKey };
  }
  const decisions = async (id: string) => (await history(id)).filter((e) => e.type === 'decision.evaluated').map((e) => ({ version: e.data.version as number, matchedRules: e.data.matchedRules as string[] }));
  const hearingOf = async (id: string) => {
    const call = (await cases().details(id)).activities.find((a: { kind: string }) => a.kind === 'call');
    expect(call, 'the case waits in the hearing').to.not.equal(undefined);
    return call.instanceId as string;
  };

  /** The adult family members the case asks for consent (processes/family-consent.bpmn), once it waits for them. */
  const adultsAsked = async (filed: { id: string }) => {
    const call = (await cases().details(filed.id)).activities.find((a: { kind: string }) => a.kind === 'call');
    expect(call, 'the case waits for the family’s consent').to.not.equal(undefined);
    return (await cases().details(call.instanceId)).variables.adults as { iin: string; name: string; relationship: string }[];
  };
  /** A family member answers from their own personal account, signing with their own EDS. */
  async function consent(businessKey: string, memberIin: string, given: boolean, reason?: string) {
    const res = await t.api.post('/api/messages').send({ name: `FamilyConsent-${memberIin}`, businessKey, variables: { consent: given, ...(reason ? { reason } : {}), certificateSerial: `EDS-${memberIin}`, signedData: `consent=${given}` } });
    await t.qyzmet.jobs.runDue();
    return res;
  }

  /** Every adult the case asks consents, when it asks any: what a family that agrees does. */
  async function allConsent(filed: { id: string; businessKey: string }) {
    const call = (await cases().details(filed.id)).activities.find((a: { kind: string }) => a.kind === 'call');
    if (!call || (await cases().details(call.instanceId)).definitionKey !== 'family-consent') return;
    for (const adult of await adultsAsked(filed)) expect((await consent(filed.businessKey, adult.iin, true)).status).to.equal(200);
  }

  /** Holds the hearing of the case (notice Monday 10:00, hearing Tuesday 11:00) and decides it. */
  async function hold(id: string, outcome: 'positive' | 'refusal') {
    const hearingId = await hearingOf(id);
    const h = hearings();
    await moveClock('2026-03-02T05:00:00Z');
    await h.complete(hearingId, 'prepareNotice', { hearingAt: '2026-03-03T06:00:00Z', hearingPlace: 'Видеоконференция, ссылка в личном кабинете' });
    await moveClock('2026-03-03T06:00:00Z');
    await h.complete(hearingId, 'holdHearing', outcome === 'positive' ? { hearingOutcome: 'positive', hearingMinutes: 'Основания отпали: сведения регистра исправлены.' } : { hearingOutcome: 'refusal', hearingMinutes: 'Заявитель не представил опровержения.', refusalReasoning: 'Сведения государственных информационных систем подтверждены, возражений по существу не представлено.' });
    await t.qyzmet.jobs.runDue();
  }

  /** Files, finds the grounds, holds the hearing that upholds them; the reasoned denial's text. */
  async function denied(iin: string, changes: Record<string, unknown> = {}) {
    const filed = await apply(iin, changes);
    await allConsent(filed);
    const [decision] = await decisions(filed.id);
    await hold(filed.id, 'refusal');
    const c = cases();
    const d = await c.details(filed.id);
    expect(c.ended(d)).to.deep.equal(['denied']);
    const pdf = await c.documentText(filed.id, 'housingCenterDenial');
    expect(pdf).to.not.match(internalWords);
    expect(pdf).to.include('2025 жылғы 17 сәуірдегі № 130 бұйрығымен бекітілген');
    expect(pdf).to.include('от 17.04.2025 № 130');
    expect(pdf.match(/№ 130/g), 'the act named once in each language').to.have.length(2);
    expect(pdf).to.include('Мотивированный отказ в постановке на учет нуждающихся в жилище');
    return { ...filed, matchedRules: decision!.matchedRules, pdf, sms: (await deliveries(iin, 'sms')).length };
  }

  describe('every ground to deny, each by its own citizen', () => {
    const grounds: [string, string, Record<string, unknown>, string[], string][] = [
      ['920202311681', 'para 15(1): in the Unified Republican Electronic Database', {}, ['p15-1'], 'подпункт 1) пункта 15 Правил'],
      ['780321311755', 'para 15(2): owned a flat within 5 years, sold in 2023 (also row 9(3): alienation)', {}, ['p15-2', 'row9-3-alienation'], 'подпункт 2) пункта 15 Правил'],
      ['841031411820', 'para 15(3): owns housing in the locality, applying for state-institution housing', { housingStock: 'stateInstitution' }, ['p15-2', 'p15-3'], 'подпункт 3) пункта 15 Правил'],
      ['900519311898', 'para 15(4): owns housing in Kazakhstan, applying for state-enterprise housing', { housingStock: 'stateEnterprise' }, ['p15-2', 'p15-4'], 'подпункт 4) пункта 15 Правил'],
      ['860727411964', 'para 15(5): rents from the state stock', {}, ['p15-5'], 'подпункт 5) пункта 15 Правил'],
      ['790101312035', 'para 15(6): inaccurate data, the identity document expired', {}, ['p15-6'], 'подпункт 6) пункта 15 Правил'],
      ['730615412104', 'para 15(7): privatized state housing before', {}, ['p15-7'], 'подпункт 7) пункта 15 Правил'],
      ['880905312174', 'para 15(8) and row 9(3): only home is emergency housing in another locality', {}, ['p15-8'], 'подпункт 8) пункта 15 Правил и подпункт 3) строки 9 Стандарта'],
      ['851123412246', 'para 15(9): state-programme mortgage', {}, ['p15-9'], 'подпункт 9) пункта 15 Правил'],
      ['970818412523', 'row 9(2) with para 6: one year of domicile in Astana, not an orphan', {}, ['row9-2-domicile'], 'подпункт 2) строки 9 Стандарта и пункт 6 Правил'],
      ['911212312455', 'row 9(3): exchanged a larger flat in 2024', {}, ['p15-2', 'row9-3-exchange'], 'путем обмена жилища'],
      ['830517426727', 'row 9(3): house destroyed through her fault', {}, ['p15-2', 'row9-3-destruction'], 'путем разрушения или порчи жилища по его вине'],
      ['890921327459', 'row 9(3): moved out of a dwelling where he was not in need', {}, ['row9-3-moved-out'], 'путем выезда из жилища'],
      ['950606311542', 'row 9(4) with para 12: no consent to personal-data processing', { personalDataConsent: false }, ['row9-4-consent'], 'подпункт 4) строки 9 Стандарта и пункт 12 Правил'],
    ];
    for (const [iin, why, changes, rules, cited] of grounds) {
      it(`${why} (${iin}): rules ${rules.join(', ')}, cited in the PDF, one SMS`, async () => {
        const d = await denied(iin, changes);
        expect(d.matchedRules).to.deep.equal(rules);
        expect(d.pdf).to.include(cited);
        // The decision table's rule ids are our words: history names them, the citizen's letter does not.
        for (const rule of rules) expect(d.pdf).to.not.include(rule);
        expect(d.sms).to.equal(1);
      });
    }

    it('row 9(3): registered her adult brother in 2025 (940308428185; he too consents, as an adult registered with her) — denied, and no SMS: her number is not registered with the portal', async () => {
      const d = await denied('940308428185');
      expect(d.matchedRules).to.deep.equal(['row9-3-accommodated']);
      expect(d.pdf).to.include('путем вселения других лиц, кроме супруга');
      expect(d.sms).to.equal(0);
      expect((await deliveries('940308428185', 'account')).map((x) => x.text).at(-1)).to.include('Мотивированный отказ в постановке на учет');
    });

    it('row 9(1): the clerk finds the technical report on the emergency home unreliable (810808411618, 3-working-day path)', async () => {
      const filed = await apply('810808411618', { emergencyHousing: true, technicalReport: 'ТЗ № 17-04/2024 от 12.02.2024, эксперт Сейтказин А.' });
      await cases().complete(filed.id, 'checkTechnicalReport', { technicalReportReliable: false, reportRemark: 'Аттестат эксперта отозван 01.12.2023.' });
      expect((await decisions(filed.id))[0]!.matchedRules).to.deep.equal(['row9-1']);
      await hold(filed.id, 'refusal');
      const pdf = await cases().documentText(filed.id, 'housingCenterDenial');
      expect(pdf).to.include('подпункт 1) строки 9 Стандарта');
      expect((await deliveries('810808411618', 'sms')).length).to.equal(1);
    });

    it('row 9(4) with para 12: his adult son refuses consent with his own EDS (860611328892) — the case stops waiting at once, is denied, and the denial names the son and his reason', async () => {
      const filed = await apply('860611328892');
      const adults = await adultsAsked(filed);
      expect(adults.map((a) => a.relationship)).to.deep.equal(['spouse', 'son', 'parent']);
      const [wife, son, mother] = adults;
      expect((await consent(filed.businessKey, wife!.iin, true)).status).to.equal(200);
      const reason = 'Не даю согласия на обработку моих персональных данных';
      expect((await consent(filed.businessKey, son!.iin, false, reason)).status).to.equal(200);
      // Nobody waits for the mother any more; the table names the ground at once.
      expect((await consent(filed.businessKey, mother!.iin, true)).status).to.equal(404);
      expect((await cases().details(filed.id)).variables.familyConsentRefusal).to.deep.equal({ iin: son!.iin, name: son!.name, relationship: 'son', reason });
      expect((await decisions(filed.id))[0]!.matchedRules).to.deep.equal(['row9-4-consent']);
      await hold(filed.id, 'refusal');
      const c = cases();
      expect(c.ended(await c.details(filed.id))).to.deep.equal(['denied']);
      const pdf = await c.documentText(filed.id, 'housingCenterDenial');
      expect(pdf).to.include('подпункт 4) строки 9 Стандарта и пункт 12 Правил');
      expect(pdf).to.include(`член семьи ${son!.name} отказал в согласии своей ЭЦП: ${reason}`);
      expect(pdf).to.include(`отбасы мүшесі ${son!.name} өз ЭЦҚ-сымен келісім бермеді`);
      expect(pdf).to.not.match(internalWords);
    });

    it('names every ground at once: no consent and a state-programme mortgage (851123412246)', async () => {
      const d = await denied('851123412246', { personalDataConsent: false });
      expect(d.matchedRules).to.deep.equal(['p15-9', 'row9-4-consent']);
      expect(d.pdf).to.include('1. ');
      expect(d.pdf).to.include('2. ');
    });
  });

  describe('registration and its terms', () => {
    it('no housing for 5 years, filed Monday 09:00 (950606311542): registered at once, due in 1 working day, account note and one SMS', async () => {
      const filed = await apply('950606311542');
      const c = cases();
      const d = await c.details(filed.id);
      expect(c.ended(d)).to.deep.equal(['registered']);
      expect(d).to.include({ registeredAt: '2026-03-02T04:00:00.000Z', dueAt: '2026-03-03T13:30:00.000Z', overdue: false });
      expect(await decisions(filed.id)).to.deep.equal([{ version: 1, matchedRules: [] }]);
      expect((await deliveries('950606311542', 'account'))[0]!.text).to.include('Вы поставлены на учет нуждающихся в жилище');
      expect(await deliveries('950606311542', 'sms')).to.have.length(1);
    });

    it('emergency home in the same locality (810808411618), filed Saturday: accepted Tuesday 09:00 (Monday 9 March is a day off), the clerk checks the report, 3 working days', async () => {
      await moveClock('2026-03-07T06:00:00Z'); // Saturday 7 March 11:00
      const filed = await apply('810808411618', { emergencyHousing: true, technicalReport: 'ТЗ № 17-04/2024 от 12.02.2024, эксперт Сейтказин А.' });
      const c = cases();
      let d = await c.details(filed.id);
      expect(d).to.include({ registeredAt: '2026-03-10T04:00:00.000Z', dueAt: '2026-03-13T13:30:00.000Z' });
      expect(await openTasks(filed.id)).to.deep.equal([]);
      await moveClock('2026-03-10T04:00:00Z');
      await t.qyzmet.jobs.runDue();
      const [check] = await openTasks(filed.id);
      // Due when the case's 3 working days from acceptance end (Friday 13 March 18:30), as the list and the task show it.
      expect(check).to.include({ elementId: 'checkTechnicalReport', dueAt: '2026-03-13T13:30:00.000Z' });
      await c.complete(filed.id, 'checkTechnicalReport', { technicalReportReliable: true });
      d = await c.details(filed.id);
      expect(c.ended(d)).to.deep.equal(['registered']);
      expect(await decisions(filed.id)).to.deep.equal([{ version: 1, matchedRules: [] }]);
    });

    it('filed Wednesday 19:30, after hours (800229412380): accepted Thursday 09:00 and not a second earlier, registered and told then, due Friday 18:30', async () => {
      await moveClock('2026-03-04T14:30:00Z');
      const filed = await apply('800229412380');
      const c = cases();
      let d = await c.details(filed.id);
      expect(d).to.include({ registeredAt: '2026-03-05T04:00:00.000Z', dueAt: '2026-03-06T13:30:00.000Z' });
      expect(d.activities.map((a: { elementId: string; kind: string }) => `${a.kind} ${a.elementId}`)).to.deep.equal(['timer acceptedNextWorkingDay']);
      await moveClock('2026-03-05T03:59:59Z');
      expect(c.ended(await c.details(filed.id))).to.deep.equal([]);
      expect(await deliveries('800229412380', 'account')).to.deep.equal([]);
      await moveClock('2026-03-05T04:00:00Z');
      await t.qyzmet.jobs.runDue();
      d = await c.details(filed.id);
      expect(c.ended(d)).to.deep.equal(['registered']);
      expect((await history(filed.id)).find((e) => e.type === 'decision.evaluated')!.at).to.equal('2026-03-05T04:00:00.000Z');
      expect(await deliveries('800229412380', 'sms')).to.have.length(1);
    });

    it('the orphan exception (para 6): an orphan of 24, one year in Almaty (010412512315), is registered; the kandas with 4 years in Astana too', async () => {
      for (const iin of ['010412512315', '800229412380']) {
        const filed = await apply(iin);
        expect(cases().ended(await cases().details(filed.id)), iin).to.deep.equal(['registered']);
      }
    });

    it('row 9(3) exceptions: a flat sold to the akimat is no deliberate worsening (870214326017: para 15(2) only); a disabled mother moved in is none (860611328892: registered)', async () => {
      const sold = await apply('870214326017');
      expect((await decisions(sold.id))[0]!.matchedRules).to.deep.equal(['p15-2']);
      const mother = await apply('860611328892');
      // His wife, adult son and mother consent first, each with their own EDS (para 12).
      for (const adult of await adultsAsked(mother)) expect((await consent(mother.businessKey, adult.iin, true)).status).to.equal(200);
      expect((await decisions(mother.id))[0]!.matchedRules).to.deep.equal([]);
      expect(cases().ended(await cases().details(mother.id))).to.deep.equal(['registered']);
    });
  });

  describe('the hearing (para 17)', () => {
    it('hearing → approval (780321311755): the grounds fall away and the applicant is registered within the 1 working day, one SMS', async () => {
      const filed = await apply('780321311755');
      await hold(filed.id, 'positive');
      const c = cases();
      const d = await c.details(filed.id);
      expect(c.ended(d)).to.deep.equal(['registered']);
      expect(d.variables).to.include({ hearingOutcome: 'positive' });
      expect(d).to.include({ dueAt: '2026-03-03T13:30:00.000Z', finishedLate: false });
      expect(await deliveries('780321311755', 'sms')).to.have.length(1);
    });

    it('hearing → refusal (860727411964): the notice was late from the start (3 working days before a 1-working-day term), the case shows overdue and finishes late, nothing is suspended', async () => {
      const filed = await apply('860727411964');
      const hearingId = await hearingOf(filed.id);
      expect((await hearings().details(hearingId)).variables).to.include({ noticeLate: true, termEndsAt: '2026-03-03T13:30:00.000Z' });
      // Nobody sets the hearing on Monday or Tuesday: Wednesday 10:00 the case is past its term.
      await moveClock('2026-03-04T05:00:00Z');
      expect(await cases().details(filed.id)).to.include({ overdue: true, status: 'running' });
      const h = hearings();
      await h.complete(hearingId, 'prepareNotice', { hearingAt: '2026-03-05T06:00:00Z', hearingPlace: 'г. Астана, ул. Сыганак 2, АО «Отбасы банк»' });
      await moveClock('2026-03-05T06:00:00Z');
      await h.complete(hearingId, 'holdHearing', { hearingOutcome: 'refusal', hearingMinutes: 'Заявитель подтвердил договор найма коммунального жилища.', refusalReasoning: 'Договор найма жилища из коммунального жилищного фонда № NJ-2017/118 действует.' });
      await t.qyzmet.jobs.runDue();
      const c = cases();
      const d = await c.details(filed.id);
      expect(c.ended(d)).to.deep.equal(['denied']);
      expect(d).to.include({ finishedLate: true, dueAt: '2026-03-03T13:30:00.000Z' });
      expect(await c.documentText(filed.id, 'housingCenterDenial')).to.include('Договор найма жилища из коммунального жилищного фонда № NJ-2017/118 действует.');
      expect(await deliveries('860727411964', 'sms')).to.have.length(1);
    });
  });

  describe('the application', () => {
    it('an EDS certificate that is revoked (790707310281) files nothing: no lookup, no decision', async () => {
      const filed = await apply('790707310281');
      const c = cases();
      expect(c.ended(await c.details(filed.id))).to.deep.equal(['edsRefused']);
      expect(await decisions(filed.id)).to.deep.equal([]);
      expect((await history(filed.id)).filter((e) => e.type === 'service.completed').map((e) => e.elementId)).to.deep.equal(['verifyEds']);
    });

    it('refuses an emergency-housing application without the technical report, and a representative without the basis of the power, naming the field; a legal representative may file', async () => {
      const noReport = await t.api.post('/api/definitions/housing-center-registration/instances').send({ businessKey: 'HC-X1', variables: { ...application('810808411618'), emergencyHousing: true } });
      expect(noReport.status).to.equal(400);
      expect(noReport.body.error).to.match(/technicalReport/);
      const representative = { iin: '840512310075', fullName: 'Ахметов Даулет Серикович', represents: 'minor', principalName: 'Кадыров Темирлан Айдарович' };
      const noBasis = await t.api.post('/api/definitions/housing-center-registration/instances').send({ businessKey: 'HC-X2', variables: { ...application('010412512315'), representative } });
      expect(noBasis.status).to.equal(400);
      expect(noBasis.body.error).to.match(/representative.*basis|basis/);
      const filed = await apply('010412512315', { representative: { ...representative, represents: 'principal', basis: 'Доверенность № 2026-114 от 20.02.2026, нотариус Иванова А.' } });
      expect(cases().ended(await cases().details(filed.id))).to.deep.equal(['registered']);
    });

    it('an analyst tests the table before deploying: POST /api/decisions/housing-center-denial/evaluate names the rules', async () => {
      const analyst = await t.as('analyst');
      const variables = {
        waitingLists: { republicanDatabase: false },
        housingStock: 'general',
        housing: { owned: [], ownedLast5Years: [], alienations: [{ kind: 'sale', date: '2024-01-10', acquirer: 'localExecutiveBody' }], movedOut: [], accommodated: [], emergencyHousing: null, stateTenancy: null, privatized: null, stateMortgage: null, ownsHousing: false, ownedWithin5Years: true, fiveYearsBefore: '2021-03-02' },
        addresses: { current: { locality: 'Shymkent' }, yearsInLocality: 2 },
        applicant: { documentValid: true, age: 27, citizenship: 'KZ' },
        social: { category: 'without parental care' },
        personalDataConsent: true,
        familyConsentRefusal: null,
      };
      const evaluate = async (changes: Record<string, unknown> = {}) => {
        const res = await analyst.post('/api/decisions/housing-center-denial/evaluate').send({ variables: { ...variables, ...changes } });
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        return res.body.matchedRules as string[];
      };
      // Sold to the akimat: 15(2) but no deliberate worsening; under 29 without parental care: no 3-year rule.
      expect(await evaluate()).to.deep.equal(['p15-2']);
      // Para 7: adults only — a minor is registered only as an orphan or without parental care (para 11).
      expect(await evaluate({ applicant: { documentValid: true, age: 16, citizenship: 'KZ' } })).to.deep.equal(['p15-2']);
      expect(await evaluate({ applicant: { documentValid: true, age: 16, citizenship: 'KZ' }, social: { category: null } })).to.deep.equal(['p15-2', 'row9-2-domicile', 'row9-2-adult']);
      expect(await evaluate({ applicant: { documentValid: true, age: 18, citizenship: 'kandas' }, social: { category: null }, addresses: { current: { locality: 'Taraz' }, yearsInLocality: 2 } })).to.deep.equal(['p15-2']);
      // Para 7: citizens and kandases only.
      expect(await evaluate({ applicant: { documentValid: true, age: 27, citizenship: 'foreign' } })).to.deep.equal(['p15-2', 'row9-2-citizenship']);
      // Row 9(4): a family member's refusal is no consent.
      expect(await evaluate({ familyConsentRefusal: { iin: '880719470117', name: 'Гульнара Есжанов', relationship: 'spouse', reason: 'Против' } })).to.deep.equal(['p15-2', 'row9-4-consent']);
    });
  });

  it("an analyst's changed table, deployed as v2, decides new cases; a case decided by v1 keeps v1's grounds", async () => {
    const running = await apply('851123412246');
    expect(await decisions(running.id)).to.deep.equal([{ version: 1, matchedRules: ['p15-9'] }]);
    // v2: the analyst drops the rule on state-programme mortgages.
    const v2 = table.replace(/      <rule id="p15-9">[\s\S]*?<\/rule>\n/, '');
    expect(v2).to.not.equal(table);
    const res = await t.api.post('/api/deployments').send({ name: 'housing-center-denial.dmn', xml: v2 });
    expect(res.status, JSON.stringify(res.body)).to.be.oneOf([200, 201]);
    expect(res.body.decisions.map((d: { version: number }) => d.version)).to.deep.equal([2]);

    const fresh = await apply('851123412246');
    expect(await decisions(fresh.id)).to.deep.equal([{ version: 2, matchedRules: [] }]);
    expect(cases().ended(await cases().details(fresh.id))).to.deep.equal(['registered']);

    await hold(running.id, 'refusal');
    const pdf = await cases().documentText(running.id, 'housingCenterDenial');
    expect(pdf).to.include('подпункт 9) пункта 15 Правил');
    expect(await decisions(running.id)).to.deep.equal([{ version: 1, matchedRules: ['p15-9'] }]);
  });
});
