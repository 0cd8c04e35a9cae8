import { expect } from 'chai';
import { createGatewayClient, GatewayError, type GatewayClient } from '../../src/gateway/index.js';
import { testQyzmet, type TestQyzmet } from '../support/app.js';
import { startSimulator, type SimulatorProcess } from '../support/simulator.js';

const payer = '680107313013';
const agreement = 'PRV-2026-000117';

/** A privatization case's payment check in miniature: the gateway.payments service task, then a wait. */
const paymentCheck = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="payment-check-definitions" targetNamespace="https://qyzmet.kz/test">
  <process id="payment-check" isExecutable="true">
    <startEvent id="start"/>
    <sequenceFlow id="f1" sourceRef="start" targetRef="lookUpPayments"/>
    <serviceTask id="lookUpPayments" camunda:type="external" camunda:topic="gateway.payments"/>
    <sequenceFlow id="f2" sourceRef="lookUpPayments" targetRef="route"/>
    <exclusiveGateway id="route" default="toMissed"/>
    <sequenceFlow id="toPaid" sourceRef="route" targetRef="paid"><conditionExpression>\${payments.covered}</conditionExpression></sequenceFlow>
    <sequenceFlow id="toMissed" sourceRef="route" targetRef="missed"/>
    <endEvent id="paid"/>
    <endEvent id="missed"/>
  </process>
</definitions>`;

/**
 * The payment gateway's register (seed 002 para 8: the price of the dwelling is paid to the local
 * budget within 30 calendar days of the agreement), served by the simulator as a child process and
 * read over real HTTP: by the client, and by the `gateway.payments` service task.
 */
describe('payments through the e-government payment gateway', () => {
  let sim: SimulatorProcess;
  before(async () => {
    sim = await startSimulator();
  });
  after(() => sim.stop());
  afterEach(async () => {
    await sim.admin('DELETE', '/admin/faults');
    await sim.admin('DELETE', '/admin/log');
    await sim.admin('DELETE', '/admin/payments');
  });

  describe('the client', () => {
    let gateway: GatewayClient;
    before(() => {
      gateway = createGatewayClient({ baseUrl: sim.url, timeoutMs: 300 });
    });

    it('lists what the instalments citizen paid for the agreement, oldest first, in whole tiyn', async () => {
      const answer = await gateway.payments({ iin: payer, agreement });
      expect(answer.payerIin).to.equal(payer);
      expect(answer.payments.map((p) => [p.date, p.amountTiyn])).to.deep.equal([
        ['2026-03-20', 374_400_000],
        ['2026-04-20', 7_280_000],
        ['2026-05-20', 7_280_000],
      ]);
      expect(answer.payments[0]!.purpose).to.equal('Privatization agreement PRV-2026-000117: initial contribution 30 %');
      // Another agreement, or a payer who never paid: nothing, not an error.
      expect((await gateway.payments({ iin: payer, agreement: 'PRV-2026-000999' })).payments).to.deep.equal([]);
      expect((await gateway.payments({ iin: '840512310075', agreement })).payments).to.deep.equal([]);
    });

    it('shows a payment recorded during a scenario, and refuses a payment in fractions of a tiyn', async () => {
      await sim.admin('POST', '/admin/payments', { payerIin: '600308412595', agreement: 'PRV-2026-000120', amountTiyn: 1_250_000_000, date: '2026-04-01' });
      expect((await gateway.payments({ iin: '600308412595', agreement: 'PRV-2026-000120' })).payments.map((p) => p.amountTiyn)).to.deep.equal([1_250_000_000]);
      const res = await fetch(`${sim.url}/admin/payments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ payerIin: payer, agreement, amountTiyn: 10.5, date: '2026-04-01' }) });
      expect(res.status).to.equal(400);
      expect(((await res.json()) as { field: string }).field).to.equal('amountTiyn');
    });

    for (const [kind, expected] of [['error', 'unavailable'], ['malformed', 'malformed'], ['drop', 'unavailable']] as const) {
      it(`reports an injected ${kind} fault as a ${expected} error naming the payment gateway`, async () => {
        await sim.admin('POST', '/admin/faults', { system: 'payments', kind });
        const err = await gateway.payments({ iin: payer, agreement }).then(() => undefined, (e: unknown) => e);
        expect(err).to.be.instanceOf(GatewayError);
        expect(err).to.include({ system: 'payments', kind: expected });
        expect((err as Error).message).to.match(/^payment gateway: /);
      });
    }
  });

  describe('the gateway.payments service task', () => {
    let t: TestQyzmet;
    beforeEach(async () => {
      t = await testQyzmet({ gatewayUrl: sim.url, gatewayTimeoutMs: 300 });
      await t.deploy(paymentCheck);
    });
    afterEach(() => t.close());

    const check = async (variables: Record<string, unknown>) => {
      const res = await t.api.post('/api/definitions/payment-check/instances').send({ businessKey: `PAY-${Math.random()}`, variables: { iin: payer, agreementNumber: agreement, ...variables } });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      await t.qyzmet.jobs.runDue();
      return (await t.api.get(`/api/instances/${res.body.id}`)).body;
    };
    const ended = (d: { history: { type: string; elementId: string }[] }) => d.history.filter((h) => h.type === 'activity.entered' && /^(paid|missed)$/.test(h.elementId)).map((h) => h.elementId);

    it('finds the 30 % initial contribution paid within the window: covered', async () => {
      const d = await check({ amountDueTiyn: 374_400_000, paymentDueDate: '2026-04-01' });
      expect(d.variables.payments).to.deep.include({ agreement, paidTiyn: 374_400_000, amountDueTiyn: 374_400_000, covered: true, shortfallTiyn: 0, lastPaidOn: '2026-03-20' });
      expect(d.variables.payments.paid.map((p: { paymentId: string }) => p.paymentId)).to.deep.equal(['PAY-313013-1']);
      expect(d.variables.payments.late.map((p: { date: string }) => p.date)).to.deep.equal(['2026-04-20', '2026-05-20']);
      expect(ended(d)).to.deep.equal(['paid']);
    });

    it('says what is still owed when the amount is not covered by the end of the window, and counts nothing paid after it', async () => {
      const short = await check({ amountDueTiyn: 1_248_000_000 });
      expect(short.variables.payments).to.deep.include({ paidTiyn: 388_960_000, covered: false, shortfallTiyn: 859_040_000 });
      expect(ended(short)).to.deep.equal(['missed']);
      const beforeAnyPayment = await check({ amountDueTiyn: 374_400_000, paymentDueDate: '2026-03-19' });
      expect(beforeAnyPayment.variables.payments).to.deep.include({ paidTiyn: 0, covered: false, shortfallTiyn: 374_400_000, lastPaidOn: null });
    });

    it('retries a failing payment gateway, raises an incident naming it, and goes on once when retried', async () => {
      await sim.admin('POST', '/admin/faults', { system: 'payments', kind: 'error', status: 503 });
      const res = await t.api.post('/api/definitions/payment-check/instances').send({ businessKey: 'PAY-FAULT', variables: { iin: payer, agreementNumber: agreement, amountDueTiyn: 374_400_000 } });
      const id = res.body.id as string;
      await t.qyzmet.jobs.runDue();
      for (const minutes of [1, 2]) await t.api.post('/api/clock').send({ now: new Date(Date.parse('2026-03-02T04:00:00Z') + minutes * 60_000).toISOString() }).expect(200);
      const [incident] = (await t.api.get(`/api/instances/${id}`)).body.incidents;
      expect(incident).to.include({ elementId: 'lookUpPayments', status: 'open' });
      expect(incident.message).to.match(/payment gateway: HTTP 503/);
      await sim.admin('DELETE', '/admin/faults');
      await t.api.post(`/api/incidents/${incident.id}/retry`).expect(200);
      await t.qyzmet.jobs.runDue();
      const d = (await t.api.get(`/api/instances/${id}`)).body;
      expect(ended(d)).to.deep.equal(['paid']);
      expect(((await sim.admin('GET', '/admin/requests?system=payments')) as unknown[]).length).to.equal(4);
    });

    it('fails naming the variable when the amount due is not whole tiyn', async () => {
      const d = await check({ amountDueTiyn: 3744000.5 });
      expect(d.variables.payments).to.equal(undefined);
      expect(d.jobs.map((j: { lastError: string | null }) => j.lastError).join(' ')).to.include('amountDueTiyn 3744000.5 is not a whole number of tiyn');
    });
  });
});
