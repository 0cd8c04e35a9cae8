import { expect } from 'chai';
import { createGatewayClient, GatewayError, iinProblem, isValidIin, type GatewayClient } from '../../src/gateway/index.js';
import { citizens } from '../../src/gateway/simulator/citizens.js';
import { fixture, testQyzmet, type TestQyzmet } from '../support/app.js';
import { startSimulator, type SimulatorProcess } from '../support/simulator.js';

const MINUTE = 60_000;

describe('e-government gateway', () => {
  describe('IIN validation', () => {
    it('accepts every seeded citizen and their family members, and numbers whose check digit needs the second weighting pass', () => {
      for (const c of citizens) {
        expect(iinProblem(c.identity.iin), c.identity.iin).to.equal(undefined);
        for (const member of [...c.family.children, ...(c.family.spouse ? [c.family.spouse] : [])]) expect(isValidIin(member.iin), member.iin).to.equal(true);
      }
      expect(citizens.length).to.be.at.least(40);
      expect(new Set(citizens.map((c) => c.identity.iin)).size).to.equal(citizens.length);
      expect(iinProblem('850214410402')).to.equal(undefined); // first pass gives 10; the second gives 2
    });

    it('names what is wrong with a bad IIN', () => {
      expect(iinProblem('84051231007')).to.equal('must be 12 digits');
      expect(iinProblem('84051231007a')).to.equal('must be 12 digits');
      expect(iinProblem('840512710075')).to.equal('the 7th digit (century and sex) must be 1–6');
      expect(iinProblem('841312310075')).to.equal('the first six digits are not a birth date');
      expect(iinProblem('840512310076')).to.equal('the check digit does not match');
    });
  });

  describe('client against the simulator (a child process)', () => {
    let sim: SimulatorProcess;
    let gateway: GatewayClient;
    before(async () => {
      sim = await startSimulator();
      gateway = createGatewayClient({ baseUrl: sim.url, timeoutMs: 300 });
    });
    after(() => sim.stop());
    afterEach(async () => {
      await sim.admin('DELETE', '/admin/faults');
      await sim.admin('DELETE', '/admin/log');
    });

    it('looks up identity, addresses, family, housing, social status and waiting lists', async () => {
      expect(await gateway.identity('840512310075')).to.include({ lastName: 'Ахметов', firstName: 'Даулет', birthDate: '1984-05-12', citizenship: 'KZ' });
      expect((await gateway.identity('800229412380')).citizenship).to.equal('kandas');
      const addresses = await gateway.addresses('940303310981');
      expect(addresses.map((a) => `${a.locality} ${a.from}–${a.to ?? 'now'}`)).to.deep.equal(['Тараз 2010-01-01–2024-04-30', 'Алматы 2024-05-01–now']);
      // As the address register names them: the locality with its kind, the address in Russian and Kazakh.
      expect(addresses[1]).to.include({ address: 'г. Алматы, пр. Достык, д. 98, кв. 98', addressKk: 'Алматы қ., Достық даңғылы, 98-үй, 98-пәтер' });
      expect(addresses[1]!.localityName).to.deep.equal({ kk: 'Алматы қаласы', ru: 'город Алматы' });
      const family = await gateway.civilStatus('850214410915');
      expect(family.maritalStatus).to.equal('married');
      expect(family.children).to.have.length(4);
      expect((await gateway.holdings('770505311051')).owned[0]).to.include({ locality: 'Шымкент' });
      expect((await gateway.holdings('851123412246')).stateMortgage).to.deep.equal({ programme: 'Nurly Zher', date: '2020-10-10' });
      expect(await gateway.social('721010310847')).to.include({ disability: '1', category: 'disabled' });
      expect((await gateway.waitingLists('890404311332')).unifiedWaitingList).to.deep.equal({ registeredAt: '2021-10-12', queueNumber: 18344 });
      expect((await gateway.waitingLists('920202311681')).republicanDatabase).to.equal(true);
    });

    it('gives the registered rights and technical characteristics of a dwelling rented from the state stock (seed 002 para 9(1)), the same every time, and not-found for someone who rents none', async () => {
      const republican = await gateway.dwelling('580706312734');
      expect(republican.address).to.equal('г. Алматы, пр. Абылай хана, д. 90, кв. 15');
      expect(republican.rights.map((r) => r.kind)).to.deep.equal(['republicanOwnership', 'operationalManagement']);
      expect(republican.encumbrances).to.deep.equal([]);
      expect(republican.technical.totalArea).to.be.greaterThan(republican.technical.livingArea);
      expect(await gateway.dwelling('580706312734')).to.deep.equal(republican);
      expect((await gateway.dwelling('600308412595')).rights.map((r) => r.kind)).to.deep.equal(['communalOwnership']);
      const none = await gateway.dwelling('840512310075').catch((e: unknown) => e);
      expect(none).to.be.instanceOf(GatewayError).and.include({ kind: 'not-found', system: 'realEstate' });
    });

    it('checks an EDS certificate: valid, revoked, expired, or issued to someone else', async () => {
      expect(await gateway.verifyCertificate({ iin: '840512310075', serial: 'EDS-840512310075' })).to.include({ valid: true, confirmed: true });
      expect(await gateway.verifyCertificate({ iin: '790707310281', serial: 'EDS-790707310281' })).to.include({ revoked: true, confirmed: false });
      expect(await gateway.verifyCertificate({ iin: '750930410421', serial: 'EDS-750930410421' })).to.include({ expired: true, confirmed: false });
      expect(await gateway.verifyCertificate({ iin: '880315310359', serial: 'EDS-880315310359' })).to.include({ valid: true, certificateIin: '840512310075', confirmed: false });
      expect(await gateway.authenticate({ iin: '930125310497', password: 'demo' })).to.deep.equal({ authenticated: false });
      expect(await gateway.authenticate({ iin: '840512310075', password: 'demo' })).to.deep.equal({ authenticated: true });
    });

    it('sends to E-sobes and notifies, never twice for one idempotency key', async () => {
      const first = await gateway.submitToEsobes({ iin: '840512310075', service: 'housing-assistance', idempotencyKey: 'case-1:send' });
      const again = await gateway.submitToEsobes({ iin: '840512310075', service: 'housing-assistance', idempotencyKey: 'case-1:send' });
      expect(again).to.include({ registrationNumber: first.registrationNumber, duplicate: true });
      const sms = await gateway.notifySms({ iin: '850214410915', text: 'Queue number 18345', idempotencyKey: 'case-2:sms' });
      expect((await gateway.notifySms({ iin: '850214410915', text: 'Queue number 18345', idempotencyKey: 'case-2:sms' })).duplicate).to.equal(true);
      await gateway.notifyAccount({ iin: '850214410915', text: 'Notice', idempotencyKey: 'case-2:account' });
      const log = (await sim.admin('GET', '/admin/notifications')) as { deliveryId: string; channel: string; duplicate: boolean }[];
      expect(log.filter((d) => !d.duplicate).map((d) => d.channel)).to.deep.equal(['sms', 'account']);
      expect(log.filter((d) => d.deliveryId === sms.deliveryId)).to.have.length(2);
    });

    it('refuses a bad IIN before any request, and says which system does not know a person', async () => {
      const err = await gateway.identity('840512310076').catch((e: unknown) => e);
      expect(err).to.be.instanceOf(GatewayError).and.include({ kind: 'invalid-request', system: 'individuals' });
      expect((err as Error).message).to.equal('individuals register: iin "840512310076" is not valid: the check digit does not match');
      expect(await sim.admin('GET', '/admin/requests')).to.deep.equal([]);
      const unknown = await gateway.holdings('850214410402').catch((e: unknown) => e);
      expect(unknown).to.be.instanceOf(GatewayError).and.include({ kind: 'not-found', system: 'realEstate' });
    });

    for (const [kind, fault, expected] of [
      ['latency', { latencyMs: 1000 }, /^real-estate register: no answer within 300 ms$/],
      ['error', { status: 503 }, /^real-estate register: HTTP 503 \(real-estate register is unavailable \(injected fault\)\)$/],
      ['drop', {}, /^real-estate register: connection failed \(/],
      ['malformed', {}, /^real-estate register: HTTP 200 with a body that is not JSON$/],
    ] as const) {
      it(`reports an injected ${kind} fault as an error naming the system`, async () => {
        await sim.admin('POST', '/admin/faults', { system: 'realEstate', kind, ...fault });
        const err = await gateway.holdings('840512310075').catch((e: unknown) => e);
        expect(err).to.be.instanceOf(GatewayError);
        expect((err as Error).message).to.match(expected);
        expect(await gateway.identity('840512310075')).to.include({ lastName: 'Ахметов' }); // other systems unaffected
      });
    }
  });

  describe('lookups as service tasks', () => {
    let sim: SimulatorProcess;
    let t: TestQyzmet;
    before(async () => {
      sim = await startSimulator();
    });
    after(() => sim.stop());
    beforeEach(async () => {
      t = await testQyzmet({ gatewayUrl: sim.url, gatewayTimeoutMs: 300 });
      await t.deploy(fixture('lookups.bpmn'));
    });
    afterEach(async () => {
      await t.close();
      await sim.admin('DELETE', '/admin/faults');
      await sim.admin('DELETE', '/admin/log');
    });

    const start = async (iin: string) => {
      const res = await t.api.post('/api/definitions/lookups/instances').send({ businessKey: `CASE-${iin}`, variables: { iin, notificationText: 'Your application is registered' } });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      await t.qyzmet.jobs.runDue();
      return res.body.id as string;
    };
    const details = async (id: string) => (await t.api.get(`/api/instances/${id}`)).body;
    const moveClock = (ms: number) => t.api.post('/api/clock').send({ now: new Date(t.clock.now().getTime() + ms).toISOString() }).expect(200);

    it('writes each answer into the documented variables, and branches on them', async () => {
      const id = await start('840512310075');
      const d = await details(id);
      expect(d.variables.applicant).to.include({ lastName: 'Ахметов', documentValid: true });
      expect(d.variables.housing).to.include({ ownsHousing: false, ownedWithin5Years: false, worsenedWithin5Years: false });
      expect(d.variables.smsNotification).to.be.a('string');
      expect(d.activities.map((a: { elementId: string }) => a.elementId)).to.deep.equal(['review']);

      const owner = await details(await start('770505311051'));
      expect(owner.status).to.equal('completed');
      expect(owner.history.map((h: { type: string; elementId: string }) => `${h.type} ${h.elementId}`)).to.include('activity.entered refused');
    });

    it('takes the error boundary for a person no register knows', async () => {
      const d = await details(await start('850214410402'));
      expect(d.status).to.equal('completed');
      expect(d.history.map((h: { type: string; elementId: string }) => `${h.type} ${h.elementId}`)).to.include('activity.entered noSuchPerson');
    });

    it('refuses to start with a bad IIN, naming the variable, before any lookup', async () => {
      const res = await t.api.post('/api/definitions/lookups/instances').send({ variables: { iin: '840512310076' } });
      expect(res.status).to.equal(400);
      expect(res.body.details).to.deep.equal({ field: 'variables.iin' });
      expect(res.body.error).to.equal('variables.iin: "840512310076" is not a valid IIN: the check digit does not match');
      expect(await sim.admin('GET', '/admin/requests')).to.deep.equal([]);
    });

    for (const [kind, fault] of [
      ['latency', { latencyMs: 1000 }],
      ['error', { status: 502 }],
      ['drop', {}],
      ['malformed', {}],
    ] as const) {
      it(`retries a lookup failing with ${kind}, raises an incident naming the system, and continues exactly once when retried after the fault is cleared`, async () => {
        await sim.admin('POST', '/admin/faults', { system: 'realEstate', kind, ...fault });
        const id = await start('840512310075');
        await moveClock(MINUTE);
        let d = await details(id);
        const [incident] = d.incidents;
        expect(incident, JSON.stringify(d.jobs)).to.include({ elementId: 'realEstate', status: 'open', kind: 'service' });
        expect(incident.message).to.match(/^gateway\.realEstate: real-estate register: /);
        expect(d.jobs.find((j: { elementId: string }) => j.elementId === 'realEstate')).to.include({ status: 'failed', attempts: 2 });
        expect((await sim.admin('GET', '/admin/requests?system=realEstate')).length).to.equal(2);

        await sim.admin('DELETE', '/admin/faults');
        await t.api.post(`/api/incidents/${incident.id}/retry`).expect(200);
        await t.qyzmet.jobs.runDue();
        d = await details(id);
        expect(d.activities.map((a: { elementId: string }) => a.elementId)).to.deep.equal(['review']);
        expect(d.history.filter((h: { type: string; elementId: string }) => h.type === 'service.completed' && h.elementId === 'realEstate')).to.have.length(1);
        expect(d.history.filter((h: { type: string; elementId: string }) => h.type === 'service.completed' && h.elementId === 'sms')).to.have.length(1);
      });
    }

    it('names the handler once in the incident of a lookup whose variable is missing, after its last try', async () => {
      await t.deploy(fixture('eds.bpmn'));
      const res = await t.api.post('/api/definitions/eds/instances').send({ businessKey: 'EDS-1', variables: { iin: '840512310075' } });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      await t.qyzmet.jobs.runDue();
      expect((await details(res.body.id)).jobs[0]).to.include({ status: 'waiting', attempts: 1, lastError: 'the process has no variable "certificateSerial"' });
      await moveClock(MINUTE);
      const d = await details(res.body.id);
      expect(d.incidents.map((i: { elementId: string; kind: string; message: string }) => `${i.elementId} ${i.kind}: ${i.message}`)).to.deep.equal([
        'verifyEds service: gateway.verifyEds: the process has no variable "certificateSerial"',
      ]);
      expect(d.history.find((h: { type: string }) => h.type === 'incident.raised').data.error).to.equal('gateway.verifyEds: the process has no variable "certificateSerial"');
      expect(await sim.admin('GET', '/admin/requests?system=pki')).to.deep.equal([]);
    });

    it('continues such a case once an admin sets the missing variable and retries the incident, with one request to the PKI', async () => {
      await t.deploy(fixture('eds.bpmn'));
      const id = (await t.api.post('/api/definitions/eds/instances').send({ businessKey: 'EDS-2', variables: { iin: '840512310075' } })).body.id as string;
      await t.qyzmet.jobs.runDue();
      await moveClock(MINUTE);
      const [incident] = (await details(id)).incidents;

      const set = await t.api.put(`/api/instances/${id}/variables`).send({ variables: { certificateSerial: 'EDS-840512310075' } });
      expect(set.status, JSON.stringify(set.body)).to.equal(200);
      await t.api.post(`/api/incidents/${incident.id}/retry`).expect(200);
      await t.qyzmet.jobs.runDue();

      const d = await details(id);
      expect(d.activities.map((a: { elementId: string }) => a.elementId)).to.deep.equal(['review']);
      expect(d.variables.eds).to.include({ valid: true, confirmed: true });
      const after = d.history.slice(d.history.findIndex((h: { type: string }) => h.type === 'incident.raised'));
      expect(after.slice(0, 4).map((h: { type: string; actor: string; data: unknown }) => [h.type, h.actor])).to.deep.equal([
        ['incident.raised', 'jobs'],
        ['variables.set', 'admin'],
        ['incident.resolved', 'admin'],
        ['service.completed', 'service:gateway.verifyEds'],
      ]);
      expect(after[1].data).to.deep.equal({ variables: { certificateSerial: 'EDS-840512310075' } });
      expect((await sim.admin('GET', '/admin/requests?system=pki')).length).to.equal(1);
    });

    it('sends one SMS when the step is retried because the answer was lost', async () => {
      // The notification service takes 1 s to answer: the client gives up after 300 ms, but the SMS goes out.
      await sim.admin('POST', '/admin/faults', { system: 'notifications', kind: 'latency', latencyMs: 1000, times: 1 });
      const id = await start('840512310075');
      expect((await details(id)).jobs.find((j: { elementId: string }) => j.elementId === 'sms')).to.include({ status: 'waiting', attempts: 1 });
      // The simulator finishes the delayed delivery on its own time; wait until its log shows it.
      for (let i = 0; i < 250 && (await sim.admin('GET', '/admin/notifications')).length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      await moveClock(MINUTE);
      const d = await details(id);
      expect(d.activities.map((a: { elementId: string }) => a.elementId)).to.deep.equal(['review']);
      const deliveries = (await sim.admin('GET', '/admin/notifications')) as { channel: string; iin: string; duplicate: boolean }[];
      expect(deliveries.map((x) => `${x.channel} ${x.iin} ${x.duplicate ? 'duplicate' : 'sent'}`)).to.deep.equal(['sms 840512310075 sent', 'sms 840512310075 duplicate']);
    });
  });
});
