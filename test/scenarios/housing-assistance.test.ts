import { expect } from 'chai';
import { testQyzmet, type TestQyzmet } from '../support/app.js';
import { allDocumentsPresent, application, caseDriver, deployProcesses, type Task } from '../support/cases.js';
import { databaseTargets } from '../support/databases.js';
import { startSimulator, type SimulatorProcess } from '../support/simulator.js';

const MINUTE = 60_000;

/**
 * The national Rules (seed 000) driven through the REST API, one test per path, against the gateway
 * simulator as a child process. The clock starts on Monday 2 March 2026, 09:00 in Almaty.
 */
for (const database of databaseTargets()) describe(`housing assistance, national Rules (processes/housing-assistance.bpmn, ${database.name})`, () => {
  let sim: SimulatorProcess;
  let t: TestQyzmet;
  before(async () => {
    sim = await startSimulator();
  });
  after(async () => {
    await sim.stop();
    await database.stop();
  });
  beforeEach(async () => {
    t = await testQyzmet({ databaseUrl: await database.fresh(), gatewayUrl: sim.url, now: '2026-03-02T04:00:00Z' });
    await deployProcesses(t, ['housing-assistance.bpmn', 'complaint.bpmn']);
  });
  afterEach(async () => {
    await t.close();
    await sim.admin('DELETE', '/admin/faults');
    await sim.admin('DELETE', '/admin/log');
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
  const signed = { signedBy: 'Жұмабаева Г. (head)', signature: true };

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
    expect((await t.api.get(`/api/tasks/${review!.id}/form`)).body.data).to.deep.include({ applicantLastName: 'Akhmetov', familySize: 4, income12Months: 1_200_000 });

    await approve(id);
    const d = await details(id);
    expect(d.status).to.equal('completed');
    expect(ended(d)).to.deep.equal(['assigned']);
    expect(d.variables.eds).to.include({ confirmed: true });
    expect(await documents(id)).to.deep.equal(['assignmentNotice']);
    expect(d.history.filter((h: { type: string }) => h.type === 'document.created')[0].data.sha256).to.match(/^[0-9a-f]{64}$/);
    const notices = (await sim.admin('GET', '/admin/notifications')) as { iin: string; channel: string }[];
    expect(notices.filter((n) => n.iin === '840512310075' && n.channel === 'account')).to.have.length(1);
  });

  it('refuses to open a case whose Appendix 1 application is invalid, listing each field, and stores nothing', async () => {
    const before = await t.qyzmet.store.counts();
    const res = await t.api.post('/api/definitions/housing-assistance/instances').send({
      businessKey: 'HA-BAD',
      variables: { iin: '840512310075', channel: 'portal', ...application, bankAccount: 'KZ12', consent: false, familyMembers: [{ fullName: 'Ахметова Г.', birthDate: '1986-02-31', relationship: 'wife', socialStatus: 'employed' }] },
    });
    expect(res.status).to.equal(400);
    expect(res.body.details.fields).to.deep.equal([
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
    await complete(id, 'checkCompleteness', { checklist: allPresent, employeeName: 'Серікова А.' });
    await approve(id);
    expect(ended(await details(id))).to.deep.equal(['assigned']);
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
    expect(ended(await details(id))).to.deep.equal(['assigned']);
  });

  it('issues the Appendix 3 receipt when the State Corporation finds documents missing or expired', async () => {
    const { id } = await apply('901120410215', 'stateCorporation');
    await complete(id, 'checkCompleteness', { checklist: { ...allPresent, familyIncome: 'missing', utilityBills: 'expired' }, employeeName: 'Серікова А.' });
    await complete(id, 'prepareReceipt', { missingDocuments: ['familyIncome', 'utilityBills'], employeePhone: '+7 727 000 1414' });
    const d = await details(id);
    expect(ended(d)).to.deep.equal(['receiptIssued']);
    expect(await documents(id)).to.deep.equal(['refusalReceipt']);
    expect(d.history.some((h: { elementId: string }) => h.elementId === 'reviewCompleteness')).to.equal(false);
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
    await complete(id, 'signIncompleteRefusal', signed);
    expect(ended(await details(id))).to.deep.equal(['refusedIncomplete']);
    expect(await documents(id)).to.deep.equal(['reasonedRefusal']);
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
