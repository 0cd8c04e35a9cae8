import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { TestQyzmet } from './app.js';

const processes = path.resolve(import.meta.dirname, '..', '..', 'processes');

export interface Task {
  id: string;
  elementId: string;
  assignee: string | null;
  dueAt: string | null;
  overdue: boolean;
  candidateGroups: string[];
}

/** Deploys the regulation diagrams of processes/ (callees first). */
export function deployProcesses(t: TestQyzmet, files: string[]) {
  return t.qyzmet.engine.definitions.deployAll(files.map((name) => ({ name, xml: fs.readFileSync(path.join(processes, name), 'utf8'), deployedBy: 'test' })));
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
      const res = await t.api.post(`/api/tasks/${task!.id}/complete`).set('X-Qyzmet-User', elementId).send({ variables });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      await t.qyzmet.jobs.runDue();
      return task!;
    },
    /** The end events the case reached. */
    ended: (d: { history: { type: string; elementId: string }[] }) => d.history.filter((h) => h.type === 'activity.entered' && endEvents.test(h.elementId)).map((h) => h.elementId),
    documents: async (id: string) => ((await t.api.get(`/api/instances/${id}/documents`)).body as { kind: string }[]).map((d) => d.kind),
    moveClock: (iso: string) => t.api.post('/api/clock').send({ now: iso }).expect(200),
  };
  return driver;
}

/** A valid Appendix 1 application (seed 000): what the portal or the operator files with a case. */
export const application = {
  ownershipDocument: 'KZ-AL-2011-004512',
  familyMembers: [{ fullName: 'Ахметова Гүлнара Серікқызы', birthDate: '1986-02-11', relationship: 'spouse', socialStatus: 'employed' }],
  bankAccount: 'KZ86125KZT5004100100',
  bankName: 'Halyk Bank',
  consent: true,
};

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
