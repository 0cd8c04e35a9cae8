import { expect } from 'chai';
import { createLog } from '../../src/log/index.js';
import { testQyzmet, type TestQyzmet } from '../support/app.js';
import { startSimulator, type SimulatorProcess } from '../support/simulator.js';
import { deployProcesses } from '../support/cases.js';

/** Two simulator citizens (src/gateway/simulator/citizens.ts). */
const bekova = '510203410142';
const unknown = '900101300126';

describe('GET /api/applicants/:iin: the applicant from the registers before the case exists', () => {
  let sim: SimulatorProcess;
  let t: TestQyzmet;
  const lines: string[] = [];
  before(async () => {
    sim = await startSimulator();
  });
  after(() => sim.stop());
  beforeEach(async () => {
    lines.length = 0;
    t = await testQyzmet({ gatewayUrl: sim.url, log: createLog({ destination: { write: (line: string) => void lines.push(line) } }) });
  });
  afterEach(async () => {
    await t.close();
    await sim.admin('DELETE', '/admin/faults');
  });

  it("gives the operator the applicant's name, birth, identity document and current address, and nothing more", async () => {
    const res = await (await t.as('operator')).get(`/api/applicants/${bekova}`);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.headers['cache-control']).to.equal('no-store');
    expect(res.body).to.include({ iin: bekova, lastName: 'Бекова', firstName: 'Раушан', middleName: 'Тулегеновна', birthDate: '1951-02-03', birthYear: 1951 });
    expect(res.body.document.number).to.be.a('string').and.not.equal('');
    expect(res.body.address).to.be.a('string').and.not.equal('');
    expect(Object.keys(res.body).sort()).to.deep.equal(['address', 'birthDate', 'birthYear', 'document', 'firstName', 'iin', 'lastName', 'middleName']);
  });

  it('logs who looked the applicant up, with the IIN and name masked', async () => {
    await (await t.as('operator')).get(`/api/applicants/${bekova}`).expect(200);
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const lookup = entries.find((e) => e.event === 'applicant.lookedUp');
    expect(lookup).to.include({ actor: 'operator', provider: 'default', iin: '[IIN]' });
    expect(lines.join('')).not.to.include(bekova).and.not.include('Бекова');
  });

  it('names the field: 400 for a malformed IIN, 404 for a person no register knows', async () => {
    const operator = await t.as('operator');
    const malformed = await operator.get('/api/applicants/510203410143');
    expect(malformed.status).to.equal(400);
    expect(malformed.body.details).to.include({ field: 'iin' });
    expect(malformed.body.error).to.match(/^iin: not a valid IIN/);
    const missing = await operator.get(`/api/applicants/${unknown}`);
    expect(missing.status).to.equal(404);
    expect(missing.body.details).to.include({ field: 'iin', system: 'individuals' });
  });

  it('answers 502 naming the register when the gateway fails, and 403 to a role that starts no cases', async () => {
    await sim.admin('POST', '/admin/faults', { system: 'individuals', kind: 'error', status: 503 });
    const failed = await (await t.as('operator')).get(`/api/applicants/${bekova}`);
    expect(failed.status).to.equal(502);
    expect(failed.body.details).to.deep.equal({ system: 'individuals', kind: 'unavailable' });
    expect((await (await t.as('analyst')).get(`/api/applicants/${bekova}`)).status).to.equal(403);
  });

  it('lists each service with the key of its application form, which the start page renders', async () => {
    await deployProcesses(t, ['housing-assistance.bpmn', 'complaint.bpmn']);
    const listed = (await (await t.as('operator')).get('/api/definitions').expect(200)).body as { key: string; applicationForm: string | null }[];
    expect(Object.fromEntries(listed.map((d) => [d.key, d.applicationForm]))).to.deep.equal({ 'housing-assistance': 'ha-application', complaint: 'complaint-application' });
  });
});
