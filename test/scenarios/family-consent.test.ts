import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { TestQyzmet } from '../support/app.js';
import { caseDriver, scenarioHooks } from '../support/cases.js';
import { databaseTargets } from '../support/databases.js';
import type { SimulatorProcess } from '../support/simulator.js';

type History = { type: string; elementId: string | null; actor: string; data: Record<string, any> }[];
type Adult = { iin: string; name: string; relationship: string };

const caller = fs.readFileSync(path.resolve(import.meta.dirname, '..', 'fixtures', 'family-consent-caller.bpmn'), 'utf8');

/** Simulator citizens by how many adults their family has besides them. */
const citizens = {
  /** Seed 003: single, nobody else registered with him. */
  none: '950606311542',
  /** Seed 002: a widowed pensioner with an adult son (born 1984). */
  one: '551216412942',
  /** Seed 003: his wife, adult son and his disabled mother registered with him; the daughter (born 2015) is a minor. */
  three: '860611328892',
};

/**
 * The consent of every adult family member, each with their own EDS (processes/family-consent.bpmn;
 * seed 003 para 12 and row 9(4), seed 002 Appendices 1–2), called by a case through the REST API on
 * the gateway simulator's citizens: who is asked, each member's answer as a message from their
 * personal account checked against their own certificate, and a refusal that stops the case with its
 * reason and leaves no wait open.
 */
for (const database of databaseTargets()) describe(`family consent (processes/family-consent.bpmn, ${database.name})`, () => {
  let sim: SimulatorProcess;
  let t: TestQyzmet;
  scenarioHooks(database, ['family-consent.bpmn'], (qyzmet, simulator) => {
    t = qyzmet;
    sim = simulator;
  });

  const cases = () => caseDriver(t, 'family-consent-caller', /^(consented|refused)$/);
  const details = async (id: string) => (await t.api.get(`/api/instances/${id}`)).body;
  const history = async (id: string): Promise<History> => (await details(id)).history;
  const waits = async (id: string) => ((await details(id)).activities as { kind: string; elementId: string }[]).map((a) => `${a.kind} ${a.elementId}`).sort();
  /** The consent messages the called instance waits for, by name: what the members' personal accounts may still send. */
  let asked: Adult[] = [];
  const subscriptions = async (businessKey: string) => {
    const names: string[] = [];
    for (const a of asked) names.push(...(await t.qyzmet.store.subscriptions.waitingFor('message', `FamilyConsent-${a.iin}`, businessKey)).map((s) => s.messageName));
    return names.sort();
  };
  const notes = async () => ((await sim.admin('GET', '/admin/notifications')) as { iin: string; text: string; duplicate: boolean }[]).filter((d) => !d.duplicate);

  async function file(iin: string) {
    await t.deploy(caller);
    const c = cases();
    const filed = await c.apply({ iin });
    const d = await details(filed.id);
    const call = d.activities.find((a: { kind: string }) => a.kind === 'call');
    // Whom the consent process asks: the adults it listed from the family and the dwelling's record.
    asked = call ? (await details(call.instanceId)).variables.adults : [];
    return { ...filed, consentId: call?.instanceId as string | undefined, adults: asked };
  }

  /** A member answers from their personal account: the message for their IIN on the case's number. */
  async function answer(businessKey: string, memberIin: string, variables: Record<string, unknown>) {
    const res = await t.api.post('/api/messages').send({ name: `FamilyConsent-${memberIin}`, businessKey, variables });
    await t.qyzmet.jobs.runDue();
    return res;
  }
  const signed = (memberIin: string, consent: boolean, reason?: string) => ({ consent, ...(reason ? { reason } : {}), certificateSerial: `EDS-${memberIin}`, signedData: `<consent iin="${memberIin}">${consent}</consent>` });

  it('a family with no other adult asks nobody: the case goes on at once, no wait left', async () => {
    const filed = await file(citizens.none);
    expect(filed.adults).to.deep.equal([]);
    const d = await details(filed.id);
    expect(cases().ended(d)).to.deep.equal(['consented']);
    expect(d.status).to.equal('completed');
    const called = (await t.api.get('/api/instances').query({ businessKey: filed.businessKey })).body.filter((i: { definitionKey: string }) => i.definitionKey === 'family-consent');
    expect(called.map((i: { status: string }) => i.status)).to.deep.equal(['completed']);
    const consent = await details(called[0].id);
    expect(consent.history.filter((h: { type: string }) => h.type === 'activity.entered').map((h: { elementId: string }) => h.elementId)).to.include('noAdults').and.not.include('eachAdult');
    expect(await notes()).to.deep.equal([]);
  });

  it('one adult son: asked in his own personal account, consents with his own EDS, and the case goes on with his signed consent', async () => {
    const filed = await file(citizens.one);
    expect(filed.adults.map((a) => a.relationship)).to.deep.equal(['son']);
    const [son] = filed.adults;
    expect(await subscriptions(filed.businessKey)).to.deep.equal([`FamilyConsent-${son!.iin}`]);
    expect(await waits(filed.consentId!)).to.deep.equal(['message awaitConsent']);
    const asked = await notes();
    expect(asked.map((n) => n.iin)).to.deep.equal([son!.iin]);
    expect(asked[0]!.text).to.include('Тажибаева Куляш Нуровна мемлекеттік қызметке өтініш берді').and.include('подписав своей ЭЦП');

    const res = await answer(filed.businessKey, son!.iin, signed(son!.iin, true));
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const d = await details(filed.id);
    expect(cases().ended(d)).to.deep.equal(['consented']);
    expect(d.variables.consentRefusal).to.equal(null);
    expect(d.variables.familyConsents).to.deep.equal([{ iin: son!.iin, name: son!.name, relationship: 'son', consent: true, reason: null, certificateSerial: `EDS-${son!.iin}`, signedData: `<consent iin="${son!.iin}">true</consent>` }]);
    expect(await subscriptions(filed.businessKey)).to.deep.equal([]);
    // The EDS was checked against the son's own IIN.
    const check = (await history(filed.consentId!)).find((h) => h.type === 'service.completed' && h.elementId === 'verifyMemberEds');
    expect(check?.data.output.eds).to.include({ certificateIin: son!.iin, confirmed: true });
  });

  it('three adults (wife, adult son, the mother registered with him; not the minor daughter): each is asked and each consents', async () => {
    const filed = await file(citizens.three);
    expect(filed.adults.map((a) => a.relationship)).to.deep.equal(['spouse', 'son', 'parent']);
    const names = filed.adults.map((a) => `FamilyConsent-${a.iin}`).sort();
    expect(await subscriptions(filed.businessKey)).to.deep.equal(names);
    expect(await waits(filed.consentId!)).to.deep.equal(['message awaitConsent', 'message awaitConsent', 'message awaitConsent']);
    expect((await notes()).map((n) => n.iin).sort()).to.deep.equal(filed.adults.map((a) => a.iin).sort());

    // In an order of their own; the mother and the wife sign at the same moment, before either
    // signature is checked: each check reads that member's own certificate.
    const [wife, son, mother] = filed.adults;
    for (const adult of [mother!, wife!]) {
      const res = await t.api.post('/api/messages').send({ name: `FamilyConsent-${adult.iin}`, businessKey: filed.businessKey, variables: signed(adult.iin, true) });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
    }
    await t.qyzmet.jobs.runDue();
    expect(await subscriptions(filed.businessKey)).to.deep.equal([`FamilyConsent-${son!.iin}`]);
    expect((await details(filed.id)).status).to.equal('running');
    const checks = (await history(filed.consentId!)).filter((x) => x.type === 'service.completed' && x.elementId === 'verifyMemberEds').map((x) => x.data.output.eds);
    expect(checks.map((e) => `${e.serial} ${e.certificateIin} ${e.confirmed}`).sort()).to.deep.equal([mother!, wife!].map((a) => `EDS-${a.iin} ${a.iin} true`).sort());

    expect((await answer(filed.businessKey, son!.iin, signed(son!.iin, true))).status).to.equal(200);
    const d = await details(filed.id);
    expect(cases().ended(d)).to.deep.equal(['consented']);
    expect(await subscriptions(filed.businessKey)).to.deep.equal([]);
    const consents = d.variables.familyConsents as { iin: string; consent: boolean; certificateSerial: string }[];
    expect(consents.map((c) => `${c.iin} ${c.consent} ${c.certificateSerial}`).sort()).to.deep.equal(filed.adults.map((a) => `${a.iin} true EDS-${a.iin}`).sort());
    expect(consents.at(-1)!.iin).to.equal(son!.iin);
  });

  it('the second of three refuses: the case stops at once with his reason, the third member’s wait is closed, history says who and why', async () => {
    const filed = await file(citizens.three);
    const [wife, son, mother] = filed.adults;
    expect((await answer(filed.businessKey, wife!.iin, signed(wife!.iin, true))).status).to.equal(200);
    const reason = 'Не согласен на обработку моих персональных данных';
    expect((await answer(filed.businessKey, son!.iin, signed(son!.iin, false, reason))).status).to.equal(200);

    const d = await details(filed.id);
    expect(cases().ended(d)).to.deep.equal(['refused']);
    expect(d.status).to.equal('completed');
    expect(d.variables.consentRefusal).to.deep.equal({ iin: son!.iin, name: son!.name, relationship: 'son', reason });
    expect((d.variables.familyConsents as { iin: string; consent: boolean }[]).map((c) => `${c.iin} ${c.consent}`)).to.deep.equal([`${wife!.iin} true`, `${son!.iin} false`]);
    // Nobody waits any more: the mother's answer finds no case.
    expect(await subscriptions(filed.businessKey)).to.deep.equal([]);
    expect((await t.api.get('/api/tasks').query({ instance: filed.consentId })).body).to.deep.equal([]);
    const late = await t.api.post('/api/messages').send({ name: `FamilyConsent-${mother!.iin}`, businessKey: filed.businessKey, variables: signed(mother!.iin, true) });
    expect(late.status).to.equal(404);

    const consent = await details(filed.consentId!);
    expect(consent.status).to.equal('failed');
    expect(consent.activities).to.deep.equal([]);
    const h = consent.history as History;
    expect(h.filter((x) => x.type === 'message.correlated').map((x) => [x.data.name, x.data.variables.consent, x.data.variables.reason ?? null])).to.deep.equal([
      [`FamilyConsent-${wife!.iin}`, true, null],
      [`FamilyConsent-${son!.iin}`, false, reason],
    ]);
    expect(h.find((x) => x.type === 'instance.failed')?.data.error).to.include({ code: 'ConsentRefused', elementId: 'consentRefused' });
    // The mother's iteration was interrupted, not answered.
    expect(h.filter((x) => x.type === 'activity.left' && x.elementId === 'awaitConsent' && x.data?.interrupted).length).to.equal(1);
  });

  it('a signature with someone else’s or an unknown certificate, or an answer neither yes nor no, is no consent and no refusal: the member is told, and still asked; their own signed answer then counts', async () => {
    const filed = await file(citizens.one);
    const [son] = filed.adults;
    // He signs with his mother's certificate.
    const res = await answer(filed.businessKey, son!.iin, { consent: true, certificateSerial: `EDS-${citizens.one}`, signedData: '<consent/>' });
    expect(res.status).to.equal(200);
    let d = await details(filed.id);
    expect(d.status).to.equal('running');
    expect(await subscriptions(filed.businessKey)).to.deep.equal([`FamilyConsent-${son!.iin}`]);
    const h = await history(filed.consentId!);
    expect(h.filter((x) => x.type === 'service.completed' && x.elementId === 'verifyMemberEds').map((x) => x.data.output.eds)).to.deep.equal([
      { serial: `EDS-${citizens.one}`, valid: true, revoked: false, expired: false, certificateIin: citizens.one, confirmed: false },
    ]);
    // A certificate the national CA does not know, and an answer that is neither yes nor no: not accepted either.
    expect((await answer(filed.businessKey, son!.iin, { consent: true, certificateSerial: 'EDS-UNKNOWN', signedData: '<consent/>' })).status).to.equal(200);
    expect((await answer(filed.businessKey, son!.iin, { consent: 'yes', certificateSerial: `EDS-${son!.iin}`, signedData: '<consent/>' })).status).to.equal(200);
    d = await details(filed.id);
    expect(d.status).to.equal('running');
    expect(await subscriptions(filed.businessKey)).to.deep.equal([`FamilyConsent-${son!.iin}`]);
    expect((await t.api.get('/api/incidents')).body.filter((i: { instanceId: string }) => i.instanceId === filed.consentId)).to.deep.equal([]);
    const told = (await notes()).filter((n) => n.iin === son!.iin).map((n) => n.text);
    expect(told).to.have.length(4);
    for (const text of told.slice(1)) expect(text).to.include('Ответ не принят').and.include('Жауап қабылданбады');

    expect((await answer(filed.businessKey, son!.iin, signed(son!.iin, true))).status).to.equal(200);
    d = await details(filed.id);
    expect(cases().ended(d)).to.deep.equal(['consented']);
    expect(d.variables.familyConsents).to.have.length(1);
    expect(d.variables.familyConsents[0]).to.include({ iin: son!.iin, consent: true, certificateSerial: `EDS-${son!.iin}` });
  });
});
