import { expect } from 'chai';
import type { TestQyzmet } from '../support/app.js';
import { caseDriver, scenarioHooks } from '../support/cases.js';
import { databaseTargets } from '../support/databases.js';

interface InboxRow {
  id: string;
  elementId: string;
  name: string;
  businessKey: string;
  definitionKey: string;
  lane: string | null;
  assignee: string | null;
  dueAt: string | null;
  applicant: { name: string | null; iin: string | null } | null;
  dueIn: { overdue: boolean; workingDays: number; hours: number } | null;
}

/**
 * The clerks' inbox as the API serves it (GET /api/tasks with paging, sorting and the inbox's
 * filters; POST /api/tasks/reassign), on housing-assistance cases driven through the REST API.
 * The clock starts on Monday 2 March 2026, 09:00 in Almaty; 9 March is a substitute day off.
 */
for (const database of databaseTargets()) describe(`inbox: task list and bulk reassignment (${database.name})`, () => {
  let t: TestQyzmet;
  scenarioHooks(database, ['housing-assistance.bpmn', 'complaint.bpmn'], (qyzmet) => {
    t = qyzmet;
  });
  let drive: ReturnType<typeof caseDriver>;
  const apply = (iin: string, channel: 'portal' | 'stateCorporation') => drive.apply({ iin, channel, certificateSerial: `EDS-${iin}` });
  /** Cases filed a minute apart, so that tasks due at the same moment keep the order they were created in. */
  let minute = 0;
  beforeEach(() => {
    minute = 0;
    drive = caseDriver(t, 'housing-assistance', /^$/);
  });
  const applyLater = async (iin: string, channel: 'portal' | 'stateCorporation') => {
    await t.api.post('/api/clock').send({ now: new Date(Date.parse('2026-03-02T04:00:00Z') + ++minute * 60_000).toISOString() }).expect(200);
    return apply(iin, channel);
  };
  const passwords: Record<string, string> = { nurlan: 'correct horse battery' };
  const list = async (who: string, query: Record<string, unknown> = {}) => {
    const res = await (await t.as(who, passwords[who])).get('/api/tasks').query(query).expect(200);
    return { rows: res.body as InboxRow[], total: Number(res.headers['x-total-count']) };
  };

  it('shows each row with its case, lane, masked applicant and the working days left, due first on top', async () => {
    const portal = await apply('840512310075', 'portal'); // reviewCompleteness: 2 working days since registration
    await t.api.post('/api/clock').send({ now: '2026-03-02T05:00:00Z' }).expect(200);
    const counter = await apply('510203410142', 'stateCorporation'); // checkCompleteness: 15 working minutes
    const { rows, total } = await list('admin');
    expect(total).to.equal(2);
    expect(rows.map((r) => [r.businessKey, r.elementId])).to.deep.equal([
      [counter.businessKey, 'checkCompleteness'],
      [portal.businessKey, 'reviewCompleteness'],
    ]);
    const review = rows[1]!;
    expect(review).to.include({ definitionKey: 'housing-assistance', dueAt: '2026-03-04T13:30:00.000Z', lane: 'Жауапты орындаушы' });
    expect(review.applicant).to.deep.equal({ name: 'Ахметов Д. С.', iin: '********0075' });
    // Now Monday 10:00; due Wednesday 18:30: Tuesday and Wednesday are left, 56 and a half hours.
    expect(review.dueIn).to.deep.equal({ overdue: false, workingDays: 2, hours: 56 });
    expect(rows[0]!.lane).to.equal('Мемлекеттік корпорация қызметкері');
    expect(rows[0]!.dueIn).to.deep.equal({ overdue: false, workingDays: 0, hours: 0 });

    // Over the weekend and the substitute day off (Monday 9 March) to Tuesday 10 March, 12:00.
    await t.api.post('/api/clock').send({ now: '2026-03-10T07:00:00Z' }).expect(200);
    const later = (await list('admin', { step: 'reviewCompleteness' })).rows[0]!;
    expect(later.dueIn).to.deep.equal({ overdue: true, workingDays: 3, hours: 137 }); // 5, 6, 10 March
    expect((await list('admin', { sort: '-dueAt' })).rows.map((r) => r.elementId)[0]).to.not.equal('checkCompleteness');
  });

  it('pages, filters by process, step, overdue and assignment, within the clerk\'s groups', async () => {
    const cases = [];
    for (const iin of ['840512310075', '820618310563', '861201410631']) cases.push(await applyLater(iin, 'portal'));
    const first = await list('executor', { limit: 2 });
    const second = await list('executor', { limit: 2, offset: 2 });
    expect([first.total, second.total]).to.deep.equal([3, 3]);
    expect([...first.rows, ...second.rows].map((r) => r.businessKey)).to.deep.equal(cases.map((c) => c.businessKey));
    // Operators are not of the executors' group; commission members neither.
    expect((await list('operator')).total).to.equal(0);
    expect((await list('commission')).total).to.equal(0);

    const executor = await t.as('executor');
    await executor.post(`/api/tasks/${first.rows[0]!.id}/claim`).send({}).expect(200);
    expect((await list('executor', { unassigned: true })).rows.map((r) => r.businessKey)).to.deep.equal(cases.slice(1).map((c) => c.businessKey));
    expect((await list('executor', { assignee: 'executor' })).rows.map((r) => r.businessKey)).to.deep.equal([cases[0]!.businessKey]);
    expect((await list('executor', { process: 'complaint' })).total).to.equal(0);
    expect((await list('executor', { process: 'housing-assistance', step: 'reviewCompleteness' })).total).to.equal(3);
    expect((await list('executor', { overdue: true })).total).to.equal(0);
    expect((await list('executor', { overdue: false })).total).to.equal(3);
    await t.api.post('/api/clock').send({ now: '2026-03-05T04:00:00Z' }).expect(200);
    expect([(await list('executor', { overdue: true })).total, (await list('executor', { overdue: false })).total]).to.deep.equal([3, 0]);
    await t.api.get('/api/tasks').query({ sort: 'name' }).expect(400);
    await t.api.get('/api/tasks').query({ limit: 0 }).expect(400);
  });

  it('pages by the cursor the previous page gave, due first, and refuses a cursor it did not give with a 400 naming after', async () => {
    const cases = [];
    for (const iin of ['840512310075', '820618310563', '861201410631']) cases.push(await applyLater(iin, 'portal'));
    const executor = await t.as('executor');
    const first = await executor.get('/api/tasks').query({ limit: 2 }).expect(200);
    expect(first.headers['x-next-cursor']).to.be.a('string');
    const second = await executor.get('/api/tasks').query({ limit: 2, after: first.headers['x-next-cursor'] }).expect(200);
    expect([...first.body, ...second.body].map((r: InboxRow) => r.businessKey)).to.deep.equal(cases.map((c) => c.businessKey));
    expect(second.headers['x-total-count']).to.equal('3');
    expect(second.headers['x-next-cursor'], 'a page that is not full is the last').to.equal(undefined);
    for (const query of [{ after: 'not-a-cursor' }, { after: first.headers['x-next-cursor'], offset: 2 }, { after: first.headers['x-next-cursor'], sort: 'createdAt' }]) {
      const res = await executor.get('/api/tasks').query(query).expect(400);
      expect(res.body.error).to.match(/^after: /);
    }
  });

  it('lets a head reassign several tasks to another clerk at once, recorded in each case\'s history', async () => {
    const a = await applyLater('840512310075', 'portal');
    const b = await applyLater('820618310563', 'portal');
    const ids = (await list('executor')).rows.map((r) => r.id);
    const executor = await t.as('executor');
    await executor.post(`/api/tasks/${ids[0]}/claim`).send({}).expect(200);
    await t.api.post('/api/users').send({ username: 'nurlan', password: 'correct horse battery', displayName: 'Нурлан', roles: ['executor'], provider: 'default' }).expect(201);

    // A clerk may not; an unknown assignee, or one who works no tasks, is named.
    expect((await executor.post('/api/tasks/reassign').send({ taskIds: ids, assignee: 'nurlan' }).expect(403)).body.details).to.deep.equal({ permission: 'tasks.reassign' });
    const head = await t.as('head');
    expect((await head.post('/api/tasks/reassign').send({ taskIds: ids, assignee: 'nobody' }).expect(400)).body.details).to.deep.equal({ field: 'assignee' });
    expect((await head.post('/api/tasks/reassign').send({ taskIds: ids, assignee: 'auditor' }).expect(400)).body.details).to.deep.equal({ field: 'assignee' });
    await head.post('/api/tasks/reassign').send({ taskIds: [], assignee: 'nurlan' }).expect(400);
    await head.post('/api/tasks/reassign').send({ taskIds: [...ids, '00000000-0000-4000-8000-000000000000'], assignee: 'nurlan' }).expect(404);
    expect((await list('nurlan', { assignee: 'nurlan' })).total).to.equal(0); // nothing changed by the refusals

    // The people a head may pick: those who work tasks at the head's provider, not the auditor, not a
    // disabled account, not another provider's clerk; a clerk may not ask.
    await t.api.post('/api/users').send({ username: 'saule', password: 'correct horse battery', displayName: 'Сәуле', roles: ['executor'], provider: 'almaty-auezov' }).expect(201);
    await t.api.post('/api/users').send({ username: 'marat', password: 'correct horse battery', displayName: 'Марат', roles: ['executor'], provider: 'default' }).expect(201);
    await t.api.post('/api/users/marat/disable').expect(200);
    const people = (await head.get('/api/tasks/assignees').expect(200)).body as { username: string; provider: string; groups: string[] }[];
    expect(people.map((p) => p.username)).to.deep.equal(['admin', 'commission', 'executor', 'head', 'nurlan', 'operator']);
    expect(people.find((p) => p.username === 'nurlan')).to.deep.include({ provider: 'default', groups: ['executors', 'specialists'] });
    expect((await t.api.get('/api/tasks/assignees').expect(200)).body.map((p: { username: string }) => p.username)).to.include('saule');
    await executor.get('/api/tasks/assignees').expect(403);

    const moved = (await head.post('/api/tasks/reassign').send({ taskIds: ids, assignee: 'nurlan' }).expect(200)).body as InboxRow[];
    expect(moved.map((r) => r.assignee)).to.deep.equal(['nurlan', 'nurlan']);
    expect((await list('nurlan', { assignee: 'nurlan' })).rows.map((r) => r.businessKey)).to.deep.equal([a.businessKey, b.businessKey]);
    const claims = (await t.api.get(`/api/instances/${a.id}`)).body.history.filter((h: { type: string }) => h.type === 'task.claimed').map((h: { actor: string; data: unknown }) => ({ actor: h.actor, data: h.data }));
    expect(claims).to.deep.equal([
      { actor: 'executor', data: { assignee: 'executor' } },
      { actor: 'head', data: { assignee: 'nurlan', previousAssignee: 'executor' } },
    ]);
    // The holder on leave can no longer complete it; the new one can.
    await executor.post(`/api/tasks/${ids[0]}/complete`).send({ variables: { packageComplete: true } }).expect(403);
    await (await t.as('nurlan', 'correct horse battery')).post(`/api/tasks/${ids[0]}/complete`).send({ variables: { packageComplete: true } }).expect(200);
    // A task already completed is a 409 naming it, and the other task stays where it was.
    const conflict = (await head.post('/api/tasks/reassign').send({ taskIds: ids, assignee: 'executor' }).expect(409)).body;
    expect(conflict.details).to.include({ taskId: ids[0], status: 'completed' });
    expect((await list('nurlan', { assignee: 'nurlan', instance: b.id })).total).to.equal(1);
  });
});
