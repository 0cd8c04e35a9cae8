import { expect } from 'chai';
import { createLog, maskIins } from '../../src/log/index.js';
import { demoPassword, seedDemoAccounts } from '../../src/server.js';
import { fixture, testQyzmet, type TestQyzmet } from '../support/app.js';

const iin = '900101300126';
const name = 'Жанибекова';

/** A structured log whose lines the test reads back. */
function capturedLog() {
  const lines: string[] = [];
  const log = createLog({ destination: { write: (line: string) => void lines.push(line) } });
  return { log, lines, entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('structured log', () => {
  let t: TestQyzmet;
  let captured: ReturnType<typeof capturedLog>;
  afterEach(() => t.close());
  beforeEach(async () => {
    captured = capturedLog();
    t = await testQyzmet({
      log: captured.log,
      services: {
        'test.flaky': async ({ variables }) => {
          throw new Error(`the registry has no person with IIN ${variables.iin}`);
        },
      },
    });
    await seedDemoAccounts(t.qyzmet.accounts, 'almaty-auezov');
  });

  it('writes one line per request, job retry, incident and timer fired, and never an IIN or a name', async () => {
    const { token } = (await t.anonymous.post('/api/auth/login').send({ username: 'admin', password: demoPassword }).expect(200)).body;
    const auth = { Authorization: `Bearer ${token}` };
    const deployed = await t.anonymous.post('/api/deployments').set(auth).send({ name: 'retry.bpmn', xml: fixture('retry.bpmn') });
    expect(deployed.status, JSON.stringify(deployed.body)).to.equal(201);
    await t.anonymous.post('/api/deployments').set(auth).send({ name: 'approval.bpmn', xml: fixture('approval.bpmn') }).expect(201);
    const variables = { iin, applicantLastName: name, note: `applicant ${name}, IIN ${iin}` };
    const lookupRes = await t.anonymous.post("/api/definitions/lookupCase/instances").set(auth).send({ businessKey: `ALM-${iin}`, variables });
    expect(lookupRes.status, JSON.stringify(lookupRes.body)).to.equal(201);
    const lookup = lookupRes.body;
    const approval = (await t.anonymous.post('/api/definitions/approval/instances').set(auth).send({ businessKey: 'ALM-2', variables }).expect(201)).body;
    await t.anonymous.get(`/api/instances/${iin}`).set(auth).expect(404);
    await t.anonymous.get('/api/auth/me').expect(401);

    // The service fails on every try: retries one minute apart, then an incident.
    for (let minute = 0; minute < 6; minute++) {
      t.clock.set(new Date(t.clock.now().getTime() + 60_000));
      await t.qyzmet.jobs.runDue();
    }
    // The approval's 30-day timer fires.
    t.clock.set(new Date('2026-04-02T04:00:00Z'));
    await t.qyzmet.jobs.runDue();

    const entries = captured.entries();
    const requests = entries.filter((e) => e.msg === 'request');
    expect(requests.find((e) => e.path === '/api/auth/login')).to.include({ method: 'POST', status: 200, level: 'info' });
    expect(requests.find((e) => e.path === '/api/definitions/lookupCase/instances')).to.include({ method: 'POST', status: 201, user: 'admin' });
    expect(requests.find((e) => e.path === '/api/instances/[IIN]')).to.include({ method: 'GET', status: 404, user: 'admin' });
    expect(requests.find((e) => e.path === '/api/auth/me')).to.include({ method: 'GET', status: 401 }).and.not.have.property('user');
    for (const r of requests) expect(r.ms).to.be.a('number').and.at.least(0);

    const retries = entries.filter((e) => e.event === 'job.retry');
    expect(retries.map((e) => e.attempt)).to.deep.equal([1, 2]);
    expect(retries[0]).to.include({ level: 'warn', instanceId: lookup.id, elementId: 'lookup', topic: 'test.flaky', maxAttempts: 3 });
    expect(retries[0]!.error).to.equal('the registry has no person with IIN [IIN]');
    const incidents = entries.filter((e) => e.event === 'incident.raised');
    expect(incidents).to.have.length(1);
    expect(incidents[0]).to.include({ level: 'error', instanceId: lookup.id, elementId: 'lookup', kind: 'service', attempts: 3 });
    const timers = entries.filter((e) => e.event === 'timer.fired');
    expect(timers).to.have.length(1);
    expect(timers[0]).to.include({ instanceId: approval.id, elementId: 'deadline', dueAt: '2026-04-01T04:00:00.000Z' });

    const text = captured.lines.join('');
    expect(text).not.to.include(iin).and.not.include(name);
  });

  it('writes a line for an incident a step raises: a BPMN error nothing catches', async () => {
    const { token } = (await t.anonymous.post('/api/auth/login').send({ username: 'admin', password: demoPassword }).expect(200)).body;
    const auth = { Authorization: `Bearer ${token}` };
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="uncaught-defs" targetNamespace="https://qyzmet.kz/test">
  <error id="Boom" errorCode="boom"/>
  <process id="uncaught" isExecutable="true">
    <startEvent id="start"/>
    <sequenceFlow id="f1" sourceRef="start" targetRef="fail"/>
    <endEvent id="fail"><errorEventDefinition errorRef="Boom"/></endEvent>
  </process>
</definitions>`;
    await t.anonymous.post('/api/deployments').set(auth).send({ name: 'uncaught.bpmn', xml }).expect(201);
    const started = (await t.anonymous.post('/api/definitions/uncaught/instances').set(auth).send({ businessKey: `U-${iin}`, variables: { iin } }).expect(201)).body;
    const incidents = captured.entries().filter((e) => e.event === 'incident.raised');
    expect(incidents).to.have.length(1);
    expect(incidents[0]).to.include({ level: 'error', instanceId: started.id, elementId: 'fail', kind: 'error' });
    expect(captured.lines.join('')).not.to.include(iin);
  });

  it('masks IINs in messages, nested objects and errors, and redacts names and variables', () => {
    const { log, lines, entries } = capturedLog();
    log.info({ applicant: { fullName: name, iin }, variables: { iin }, path: `/api/subjects/${iin}/export` }, `exported ${iin}`);
    log.error({ err: new Error(`gateway: no person ${iin}`) }, 'failed');
    log.info({ at: Date.parse('2026-03-02T04:00:00Z'), bin: '1234567890123' }, 'longer numbers are not IINs');
    expect(lines.join('')).not.to.include(iin).and.not.include(name);
    const [first, second, third] = entries();
    expect(first).to.deep.include({ msg: 'exported [IIN]', applicant: { fullName: '[redacted]', iin: '[IIN]' }, variables: '[redacted]', path: '/api/subjects/[IIN]/export' });
    expect((second!.err as { message: string }).message).to.equal('gateway: no person [IIN]');
    expect(third).to.include({ at: 1772424000000, bin: '1234567890123' });
    expect(maskIins(`${iin}, ${iin}0, 0${iin}`)).to.equal(`[IIN], ${iin}0, 0${iin}`);
  });
});
