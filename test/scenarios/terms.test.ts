import { expect } from 'chai';
import { loadConfig } from '../../src/config/index.js';
import { testQyzmet, type TestQyzmet } from '../support/app.js';
import { application, caseDriver, deployProcesses } from '../support/cases.js';
import { startSimulator, type SimulatorProcess } from '../support/simulator.js';

/**
 * The statutory terms of both housing-assistance regulations against the real Kazakhstan calendar,
 * with the clock set to the filing: when the case counts as registered, when it is due, when it is
 * late. Seed 000 (national Rules) has the after-hours rule of para 9.1; seed 004 (Almaty) counts its
 * 10 calendar days from the day of filing (para 6) and has none.
 *
 * Dates used: Sunday 8 March 2026 is International Women's Day, so Monday 9 March is its
 * substitute day off; Nauryz is 21–25 March. November 2026 has no holiday.
 */
describe('statutory terms of the housing-assistance regulations (processes/, real KZ calendar)', () => {
  let sim: SimulatorProcess;
  let t: TestQyzmet;
  before(async () => {
    sim = await startSimulator();
  });
  after(async () => {
    await sim.stop();
  });
  afterEach(async () => {
    await t?.close();
  });

  /** A Qyzmet with both regulations deployed and the clock at `now`. */
  async function at(now: string, env: Record<string, string> = {}) {
    t = await testQyzmet({ gatewayUrl: sim.url, now, env });
    await deployProcesses(t, ['complaint.bpmn', 'housing-assistance.bpmn', 'housing-assistance-almaty.bpmn']);
  }
  const national = () => caseDriver(t, 'housing-assistance', /^(receiptIssued|refusedIncomplete|assigned|refused)$/);
  const almaty = () => caseDriver(t, 'housing-assistance-almaty', /^(receiptIssuedAlmaty|process7ResultReceived|refusedAlmaty)$/);
  const signed = { signedBy: 'Жұмабаева Г. (head)', signature: true };
  const dueOf = async (drive: ReturnType<typeof national>, id: string, elementId: string) => (await drive.openTasks(id)).find((x) => x.elementId === elementId)?.dueAt;

  describe('national Rules (seed 000): the after-hours rule of para 9.1, 8 working days of para 8', () => {
    it('registers a Saturday filing at the State Corporation on the next working day, Tuesday 10 March (the 9th is 8 March’s substitute), due Friday 20 March 18:30', async () => {
      await at('2026-03-07T05:00:00Z'); // Saturday 7 March, 10:00 in Almaty
      const { started } = await national().apply({ iin: '510203410142', channel: 'stateCorporation' });
      expect(started).to.include({ registeredAt: '2026-03-10T04:00:00.000Z', dueAt: '2026-03-20T13:30:00.000Z' });
    });

    it('registers an evening portal filing the next morning and has the incomplete-package refusal reviewed and signed within 2 working days of registration (para 9.2)', async () => {
      await at('2026-11-02T17:00:00Z'); // Monday 2 November, 22:00 in Almaty
      const drive = national();
      const { id, started } = await drive.apply({ iin: '840512310075', channel: 'portal', certificateSerial: 'EDS-840512310075' });
      expect(started).to.include({ registeredAt: '2026-11-03T04:00:00.000Z', dueAt: '2026-11-13T13:30:00.000Z' });
      // Registered Tuesday 3 November 09:00: two working days are the 4th and the 5th.
      expect(await dueOf(drive, id, 'reviewCompleteness')).to.equal('2026-11-05T13:30:00.000Z');
      await drive.moveClock('2026-11-05T11:00:00Z'); // Thursday 16:00: the executor finds the package incomplete
      await drive.complete(id, 'reviewCompleteness', { packageComplete: false, missingDocuments: ['alimony'], refusalReason: 'Не представлены сведения об алиментах.' });
      // The head's signature falls inside the same two days, not a third day after the review.
      expect(await dueOf(drive, id, 'signIncompleteRefusal')).to.equal('2026-11-05T13:30:00.000Z');
    });
  });

  describe('Almaty regulation (seed 004): 10 calendar days from the day of filing (para 6), no after-hours rule', () => {
    it('counts a Saturday filing at the State Corporation from that Saturday: due Tuesday 17 March 18:30, the acceptance due at 10:15 the same Saturday', async () => {
      await at('2026-03-07T05:00:00Z'); // Saturday 7 March, 10:00
      const drive = almaty();
      const { id, started } = await drive.apply({ iin: '510203410142', channel: 'stateCorporation' });
      expect(started).to.include({ registeredAt: '2026-03-07T05:00:00.000Z', dueAt: '2026-03-17T13:30:00.000Z' });
      expect(await dueOf(drive, id, 'action0Accept')).to.equal('2026-03-07T05:15:00.000Z');
    });

    it('counts an evening portal filing from that evening: Monday 2 November 22:00 is due Thursday 12 November 18:30', async () => {
      await at('2026-11-02T17:00:00Z');
      const { started } = await almaty().apply({ iin: '840512310075', channel: 'portal', authenticated: true, certificateSerial: 'EDS-840512310075' });
      expect(started).to.include({ registeredAt: '2026-11-02T17:00:00.000Z', dueAt: '2026-11-12T13:30:00.000Z' });
    });
  });

  describe('overdue means late', () => {
    it('does not count a case refused on time as overdue, and marks one answered after its term finishedLate', async () => {
      await at('2026-03-02T04:00:00Z'); // Monday 2 March 09:00: due Friday 13 March 18:30
      const drive = national();
      const portal = { channel: 'portal', certificateSerial: 'EDS-800409410708' };
      const refused = await drive.apply({ iin: '800409410708', ...portal });
      await drive.complete(refused.id, 'reviewCompleteness', { packageComplete: true });
      await drive.complete(refused.id, 'verifyInformation', { decision: 'refuse', refusalGround: 1, refusalReason: 'Основание 1: доход не подтверждён.' });
      await drive.complete(refused.id, 'signDecision', signed);
      const late = await drive.apply({ iin: '840512310075', channel: 'portal', certificateSerial: 'EDS-840512310075' });
      expect(late.started.dueAt).to.equal('2026-03-13T13:30:00.000Z');

      await drive.moveClock('2026-03-16T04:00:00Z'); // Monday 16 March: past both terms
      expect(await drive.details(refused.id)).to.include({ status: 'completed', overdue: false, finishedLate: false, resultAt: '2026-03-02T04:00:00.000Z' });
      const overdue = (await t.api.get('/api/instances').query({ overdue: true })).body.map((i: { id: string }) => i.id);
      expect(overdue).to.deep.equal([late.id]);

      await drive.complete(late.id, 'reviewCompleteness', { packageComplete: true });
      await drive.complete(late.id, 'verifyInformation', { decision: 'assign', assistanceAmount: 8450, assistanceFrom: '2026-04-01', assistanceMonths: 6, amountBasis: { monthlyHousingCosts: 18_450, familyMonthlyIncome: 100_000, allowedSharePercent: 10 } });
      await drive.complete(late.id, 'signDecision', signed);
      // The notice went out on 16 March, three days late; the head's reminder about the late review is still open.
      const lateCase = await drive.details(late.id);
      expect(lateCase.activities.map((a: { elementId: string }) => a.elementId)).to.deep.equal(['remindReview']);
      expect(lateCase).to.include({ status: 'running', overdue: false, finishedLate: true, resultAt: '2026-03-16T04:00:00.000Z' });

      const list = async (query: Record<string, string>) => (await t.api.get('/api/instances').query({ definition: 'housing-assistance', ...query })).body.map((i: { id: string; overdue: boolean; finishedLate: boolean }) => `${i.id === late.id ? 'late' : 'refused'} overdue=${i.overdue} finishedLate=${i.finishedLate}`).sort();
      expect(await list({})).to.deep.equal(['late overdue=false finishedLate=true', 'refused overdue=false finishedLate=false']);
      expect(await list({ status: 'running', finishedLate: 'true' })).to.deep.equal(['late overdue=false finishedLate=true']);
      expect(await list({ finishedLate: 'true' })).to.deep.equal(['late overdue=false finishedLate=true']);
      expect(await list({ finishedLate: 'false' })).to.deep.equal(['refused overdue=false finishedLate=false']);
      expect(await list({ overdue: 'true' })).to.deep.equal([]);

      // The reminder answered, the late case ends as it stood.
      await drive.complete(late.id, 'remindReview');
      expect(await drive.details(late.id)).to.include({ status: 'completed', finishedLate: true, resultAt: '2026-03-16T04:00:00.000Z' });
    });
  });

  describe('start data is checked at the start', () => {
    for (const key of ['housing-assistance', 'housing-assistance-almaty']) {
      it(`${key}: a portal start without the EDS certificate, or with an unknown channel, is a 400 naming the field, and no case is opened`, async () => {
        await at('2026-03-02T04:00:00Z');
        const start = (variables: Record<string, unknown>) => t.api.post(`/api/definitions/${key}/instances`).send({ variables: { ...application, iin: '840512310075', authenticated: true, ...variables } });
        const fields = (res: { status: number; body: { details: { fields: { field: string; message: string }[] } } }) => {
          expect(res.status).to.equal(400);
          return res.body.details.fields;
        };
        expect(fields(await start({ channel: 'portal' }))).to.deep.equal([{ field: 'variables.certificateSerial', message: 'is required' }]);
        expect(fields(await start({ channel: 'post', certificateSerial: 'EDS-1' }))).to.deep.equal([{ field: 'variables.channel', message: 'must be one of "portal", "stateCorporation"' }]);
        expect(fields(await start({ certificateSerial: 'EDS-1' }))).to.deep.equal([{ field: 'variables.channel', message: 'is required' }]);
        expect((await t.api.get('/api/instances')).body).to.deep.equal([]);
        // At the State Corporation there is no EDS to ask for.
        expect((await start({ channel: 'stateCorporation' })).status).to.equal(201);
      });
    }
  });

  describe("the acts' own dates", () => {
    it('shows each regulation’s number, date, state registration, entry into force and abolition in GET /api/definitions and the definition', async () => {
      await at('2026-03-02T04:00:00Z');
      const all = (await t.api.get('/api/definitions')).body as { key: string; act: Record<string, unknown> | null }[];
      const act = (key: string) => all.find((d) => d.key === key)!.act;
      expect(act('housing-assistance')).to.include({ number: '539', date: '2020-10-16', registration: 'Ministry of Justice, 23 October 2020, No. 21500', abolishedOn: '2023-12-08', abolished: true });
      expect(String(act('housing-assistance')!.abolishedBy)).to.contain('No. 117 of 8 December 2023');
      expect(act('housing-assistance-almaty')).to.include({ number: '2/226', date: '2017-06-22', registration: 'Almaty Department of Justice, 5 July 2017, No. 1390', abolishedOn: '2020-10-20', abolished: true });
      expect(String(act('housing-assistance-almaty')!.abolishedBy)).to.contain('No. 4/438 of 20 October 2020');
      // The abolishing act as each language's text names it, for the start page's note.
      expect(act('housing-assistance-almaty')!.abolishedByTitles).to.deep.equal({
        kk: 'Алматы қаласы әкімдігінің 2020 жылғы 20 қазандағы № 4/438 қаулысы',
        ru: 'постановление акимата города Алматы от 20 октября 2020 года № 4/438',
        en: 'Resolution of the Almaty city akimat dated October 20, 2020 No. 4/438',
      });
      const detail = (await t.api.get('/api/definitions/housing-assistance-almaty')).body;
      expect(detail.versions[0].act).to.include({ number: '2/226', inForce: 'from its state registration (5 July 2017); applied ten calendar days after its first official publication (resolution, item 4)' });
      expect(act('complaint')).to.equal(null);
    });

    it('refuses at deploy an act date that is not a date, an unknown act field and an unknown registration rule, naming the process', async () => {
      await at('2026-03-02T04:00:00Z');
      const xml = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="x">
  <process id="dated" isExecutable="true">
    <extensionElements><camunda:properties>
      <camunda:property name="act.date" value="8 December 2023"/>
      <camunda:property name="act.signedBy" value="someone"/>
      <camunda:property name="registration" value="afterHours"/>
    </camunda:properties></extensionElements>
    <startEvent id="s"/><sequenceFlow id="f" sourceRef="s" targetRef="e"/><endEvent id="e"/>
  </process>
</definitions>`;
      const res = await t.api.post('/api/deployments').send({ name: 'dated.bpmn', xml });
      expect(res.status).to.equal(400);
      expect(res.body.details.problems.map((p: { elementId: string; message: string }) => `${p.elementId}: ${p.message}`)).to.deep.equal([
        'dated: registration "afterHours" must be one of nextOpening, asFiled',
        'dated: act.date "8 December 2023" is not a date (YYYY-MM-DD)',
        'dated: act.signedBy is not an act field; use act.title, act.number, act.date, act.issuedBy, act.registration, act.inForce, act.abolishedBy, act.abolishedOn, act.abolishedFrom',
      ]);
    });
  });

  describe('sinceRegistration(…): a task due a term after the case was registered', () => {
    const diagram = (body: string, term = '<camunda:property name="statutoryTerm" value="${workingDays(8)}"/>', first = 'work') => `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="x">
  <process id="anchored" isExecutable="true">
    <extensionElements><camunda:properties>${term}</camunda:properties></extensionElements>
    <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="${first}"/>
    ${body}
    <sequenceFlow id="f2" sourceRef="work" targetRef="e"/><endEvent id="e"/>
  </process>
</definitions>`;

    it('is refused at deploy on a timer, which counts from when it starts, naming the element', async () => {
      await at('2026-03-02T04:00:00Z');
      const xml = diagram('<userTask id="work"/><boundaryEvent id="late" attachedToRef="work" cancelActivity="false"><timerEventDefinition><timeDuration>${sinceRegistration(workingDays(2))}</timeDuration></timerEventDefinition></boundaryEvent>');
      const res = await t.api.post('/api/deployments').send({ name: 'anchored.bpmn', xml });
      expect(res.status).to.equal(400);
      expect(res.body.details.problems.map((p: { elementId: string; message: string }) => `${p.elementId}: ${p.message}`)).to.deep.equal([
        'late: timeDuration: sinceRegistration(…) is for task due dates (camunda:dueDate) only; a timer counts from when it starts',
      ]);
    });

    it('is due from the registration even when the task starts days later, and refuses to start a case that has no registration to count from', async () => {
      await at('2026-11-02T17:00:00Z'); // Monday 22:00: registered Tuesday 3 November 09:00
      await t.deploy(diagram('<userTask id="first"/><sequenceFlow id="f3" sourceRef="first" targetRef="work"/><userTask id="work" camunda:dueDate="${sinceRegistration(workingDays(3))}"/>', undefined, 'first'));
      const started = (await t.api.post('/api/definitions/anchored/instances').send({ variables: {} })).body;
      expect(started.registeredAt).to.equal('2026-11-03T04:00:00.000Z');
      await t.api.post('/api/clock').send({ now: '2026-11-05T10:00:00Z' }).expect(200); // Thursday 15:00
      const [first] = (await t.api.get('/api/tasks').query({ instance: started.id })).body;
      await t.api.post(`/api/tasks/${first.id}/complete`).send({ variables: {} }).expect(200);
      const [work] = (await t.api.get('/api/tasks').query({ instance: started.id })).body;
      // The 4th, 5th and 6th after registration; counted from Thursday it would be Tuesday 10 November.
      expect(work).to.include({ elementId: 'work', dueAt: '2026-11-06T13:30:00.000Z' });

      await t.deploy(diagram('<userTask id="work" camunda:dueDate="${sinceRegistration(workingDays(3))}"/>', ''));
      const res = await t.api.post('/api/definitions/anchored/instances').send({ variables: {} });
      expect(res.status).to.equal(422);
      expect(res.body.error).to.contain('work: camunda:dueDate sinceRegistration(…) needs a case with a statutoryTerm');
    });
  });

  describe("a provider's office hours (QYZMET_PROVIDER_HOURS)", () => {
    it('counts working minutes and ends working days at the provider’s own closing time', async () => {
      await at('2026-11-27T11:50:00Z', { QYZMET_PROVIDER_HOURS: '08:00-17:00 lunch 12:00-13:00' });
      const deadline = async (start: string, amount: number, unit: string) => (await t.api.get('/api/calendar/deadline').query({ start, amount, unit })).body;
      // Friday 27 November 16:50: 10 minutes left that day, the other 10 on Monday from 08:00.
      expect(await deadline('2026-11-27T11:50:00Z', 20, 'workingMinutes')).to.deep.equal({ registeredAt: '2026-11-27T16:50:00+05:00', dueAt: '2026-11-30T08:10:00+05:00' });
      // 17:30 is after this provider's hours: registered on Monday at 08:00, due Tuesday at 17:00.
      expect(await deadline('2026-11-27T12:30:00Z', 1, 'workingDays')).to.deep.equal({ registeredAt: '2026-11-30T08:00:00+05:00', dueAt: '2026-12-01T17:00:00+05:00' });
      const { started } = await national().apply({ iin: '840512310075', channel: 'portal', certificateSerial: 'EDS-840512310075' });
      expect(started).to.include({ registeredAt: '2026-11-27T11:50:00.000Z', dueAt: '2026-12-09T12:00:00.000Z' });
    });

    it('defaults to 09:00–18:30 with lunch 13:00–14:30 and refuses a schedule it cannot read, naming the setting', () => {
      const hours = (value?: string) => loadConfig(value === undefined ? {} : { QYZMET_PROVIDER_HOURS: value }, { nodeId: 'n' }).providerHours;
      expect(hours()).to.deep.include({ opens: 9 * 60, closes: 18 * 60 + 30, breaks: [[13 * 60, 14 * 60 + 30]] });
      expect(() => hours('9-18')).to.throw('QYZMET_PROVIDER_HOURS "9-18" is not a span of time HH:MM-HH:MM');
      expect(() => hours('09:00-18:00 lunch 18:30-19:00')).to.throw('QYZMET_PROVIDER_HOURS the break 18:30-19:00 is not inside the office hours 09:00-18:00');
      expect(() => hours('18:00-09:00')).to.throw('"18:00-09:00" ends before it begins');
    });
  });
});
