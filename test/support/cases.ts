import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { testQyzmet, type TestQyzmet } from './app.js';
import { deployFiles } from '../../src/server.js';
import type { DatabaseTarget } from './databases.js';
import { startSimulator, type SimulatorProcess } from './simulator.js';
import { pdfText } from './pdf.js';

const processes = path.resolve(import.meta.dirname, '..', '..', 'processes');

export interface Task {
  id: string;
  elementId: string;
  assignee: string | null;
  dueAt: string | null;
  overdue: boolean;
  candidateGroups: string[];
}

/**
 * The hooks of a scenario suite: the gateway simulator as a child process for the suite, and for
 * each test a Qyzmet on a fresh `database` with `files` of processes/ deployed and the clock at
 * `now` (Monday 2 March 2026, 09:00 in Almaty), handed to `use`; the simulator's faults and log
 * are cleared after each test.
 * Each test's database is its own, its regulations deployed once per run (deployedQyzmet).
 */
export function scenarioHooks(database: DatabaseTarget, files: string[], use: (t: TestQyzmet, sim: SimulatorProcess) => void, now = '2026-03-02T04:00:00Z') {
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
    t = await deployedQyzmet(database, files, { gatewayUrl: sim.url, now });
    use(t, sim);
  });
  afterEach(async () => {
    await t.close();
    await sim.admin('DELETE', '/admin/faults');
    await sim.admin('DELETE', '/admin/log');
  });
}

type QyzmetOptions = NonNullable<Parameters<typeof testQyzmet>[0]>;

/**
 * testQyzmet (`options` as there, but its database `database`'s) with `files` of processes/
 * deployed, on a database of the test's own. The files are deployed once per run: the first call
 * for a (files, now, gateway or not, env) deploys them through the engine into a template
 * database, and every call gets a copy of it (DatabaseTarget.copyOf; `database.stop()` in an
 * `after` hook removes the copies). Parsing, validating and linting a dozen diagrams cost more CPU
 * than many a test itself; the copy opens as a restarted server does, its definitions read from
 * the database. A test that checks deploying itself deploys with `t.deploy` or deployProcesses.
 */
export async function deployedQyzmet(database: DatabaseTarget, files: string[], options: Omit<QyzmetOptions, 'databaseUrl'> = {}): Promise<TestQyzmet> {
  // What the deployment depends on: the service topics (a gateway's or none; `services`), the forms and the clock.
  if (options.services || options.liveEngines !== undefined || options.nodeId) throw new Error('deployedQyzmet: services, liveEngines and nodeId are not part of its template key; use testQyzmet and deployProcesses');
  const key = JSON.stringify(['deployed', files, options.now ?? null, Boolean(options.gatewayUrl), options.env ?? {}]);
  const databaseUrl = await database.copyOf(key, async (url) => {
    const first = await testQyzmet({ ...options, databaseUrl: url });
    try {
      await deployProcesses(first, files);
    } finally {
      await first.close();
    }
  });
  return testQyzmet({ ...options, databaseUrl });
}

/** Deploys the regulation diagrams and decision tables of processes/ (decisions first, then callees before callers). */
export function deployProcesses(t: TestQyzmet, files: string[]) {
  return deployFiles(t.qyzmet.engine, files.map((name) => ({ name, file: name, xml: fs.readFileSync(path.join(processes, name), 'utf8'), deployedBy: 'test' })));
}

/** The demo role that works a candidate group's tasks (src/auth/roles.ts); other bodies' tasks go to the admin. */
const roleOfGroup: Record<string, string> = { stateCorporation: 'operator', executors: 'executor', specialists: 'executor', heads: 'head', commission: 'commission' };
/** Who completes a task: the person it is assigned to, or the demo account of its group. */
function workerOf(t: TestQyzmet, task: Task) {
  return task.assignee ? t.worker(task) : t.as(task.candidateGroups.map((g) => roleOfGroup[g]).find(Boolean) ?? 'admin');
}

/** Drives cases of one definition through the REST API the way clerks and the portal do. */
export function caseDriver(t: TestQyzmet, key: string, endEvents: RegExp) {
  let serial = 0;
  const driver = {
    async apply(variables: Record<string, unknown>) {
      const businessKey = `${key.toUpperCase()}-${String(++serial).padStart(6, '0')}`;
      const res = await t.api.post(`/api/definitions/${key}/instances`).send({ businessKey, variables: { ...application, ...variables } });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      await t.qyzmet.jobs.runDue();
      return { id: res.body.id as string, businessKey, started: res.body };
    },
    details: async (id: string) => (await t.api.get(`/api/instances/${id}`)).body,
    openTasks: async (id: string): Promise<Task[]> => (await t.api.get('/api/tasks').query({ instance: id })).body,
    async complete(id: string, elementId: string, variables: Record<string, unknown> = {}) {
      const open = await driver.openTasks(id);
      const task = open.find((x) => x.elementId === elementId);
      expect(task, `${elementId} among ${JSON.stringify(open.map((x) => x.elementId))}`).to.not.equal(undefined);
      const res = await (await workerOf(t, task!)).post(`/api/tasks/${task!.id}/complete`).send({ variables });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      await t.qyzmet.jobs.runDue();
      return task!;
    },
    /** The end events the case reached. */
    ended: (d: { history: { type: string; elementId: string }[] }) => d.history.filter((h) => h.type === 'activity.entered' && endEvents.test(h.elementId)).map((h) => h.elementId),
    documents: async (id: string) => ((await t.api.get(`/api/instances/${id}/documents`)).body as { kind: string }[]).map((d) => d.kind),
    /** What the citizen reads in the case's document of that kind: its PDF's text, whitespace collapsed. */
    async documentText(id: string, kind: string): Promise<string> {
      const list = (await t.api.get(`/api/instances/${id}/documents`)).body as { kind: string; url: string }[];
      const doc = list.find((d) => d.kind === kind);
      expect(doc, `${kind} among ${JSON.stringify(list.map((d) => d.kind))}`).to.not.equal(undefined);
      const file = await t.api.get(doc!.url).buffer(true).parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
      const text = (await pdfText(file.body as Buffer)).replace(/\s+/g, ' ');
      if (process.env.SHOW_PDF) console.log(text);
      return text;
    },
    moveClock: (iso: string) => t.api.post('/api/clock').send({ now: iso }).expect(200),
  };
  return driver;
}

/** A valid Appendix 1 application (seed 000): what the portal or the operator files with a case. */
export const application = {
  addresseeDepartment: 'Алматы қаласы Алмалы ауданының жұмыспен қамту және әлеуметтік бағдарламалар бөлімі',
  housingTenure: 'owner',
  ownershipDocument: 'KZ-AL-2011-004512',
  familySize: 2,
  familyMembers: [{ fullName: 'Ахметова Гүлнара Серікқызы', birthDate: '1986-02-11', relationship: 'spouse', socialStatus: 'employed' }],
  bankAccount: 'KZ86125KZT5004100100',
  bankName: 'Halyk Bank',
  applicationDate: '2026-03-02',
  consent: true,
  personalDataConsent: true,
};

/** The State Corporation office a clerk works at: printed on its receipts (seed 000 Appendix 3). */
export const office = { department: '3', branch: 'Алматы қаласы бойынша филиалы / филиал по городу Алматы', address: 'Алматы, Абай даңғылы 10' };

/** No document a citizen receives may carry the project's internal words. */
export const internalWords = /seed|\.txt|variable|undefined|null|NaN|\[object/i;

export const allDocumentsPresent = {
  identityDocument: 'present',
  familyIncome: 'present',
  employmentCertificate: 'present',
  alimony: 'notRequired',
  bankAccount: 'present',
  maintenanceInvoice: 'present',
  utilityBills: 'present',
  telecomBill: 'present',
  rentInvoice: 'notRequired',
};
