import { expect } from 'chai';
import { fixture, testQyzmet, type TestQyzmet } from '../support/app.js';

interface Task {
  id: string;
  elementId: string;
  candidateGroups: string[];
  status: string;
}

const HOUR = 3_600_000;
const start = Date.parse('2026-03-02T04:00:00Z');
const process = encodeURIComponent('тұрғын_үй');

/**
 * Element ids are xsd:ID, i.e. XML names: Kazakh and Russian letters are as good as Latin ones, and
 * a diagram written with them runs like any other, also when every step recovers from the table.
 */
for (const liveEngines of [0, 32]) describe(`element ids in Kazakh and Russian (${liveEngines ? 'live engines kept' : 'every step recovered'})`, () => {
  let t: TestQyzmet;
  beforeEach(async () => {
    t = await testQyzmet({ liveEngines });
    await t.deploy(fixture('kazakh-ids.bpmn'));
  });
  afterEach(() => t.close());

  const details = async (id: string) => (await t.api.get(`/api/instances/${id}`)).body;
  const openTasks = async (instanceId: string): Promise<Task[]> => (await t.api.get('/api/tasks').query({ instance: instanceId })).body;
  const trail = (history: { type: string; elementId: string | null }[]) => history.filter((h) => h.elementId).map((h) => `${h.type} ${h.elementId}`);

  async function startCase(businessKey: string) {
    const res = await t.api.post(`/api/definitions/${process}/instances`).send({ businessKey, variables: {} });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body as { id: string; definitionKey: string; activities: { elementId: string; kind: string }[] };
  }

  it('lists the definition under its Kazakh key and runs tasks, a gateway, a message and the flows between them by their ids', async () => {
    const definitions = (await t.api.get('/api/definitions')).body as { key: string }[];
    expect(definitions.map((d) => d.key)).to.include('тұрғын_үй');

    const started = await startCase('ӨТ-1');
    expect(started.definitionKey).to.equal('тұрғын_үй');
    expect(started.activities.map((a) => [a.elementId, a.kind])).to.deep.equal([
      ['Өтініш_қабылдау', 'userTask'],
      ['мерзім_өтті', 'timer'],
    ]);
    const [accept] = await openTasks(started.id);
    expect(accept).to.include({ elementId: 'Өтініш_қабылдау', status: 'open' });
    expect(accept!.candidateGroups).to.deep.equal(['қабылдау']);
    expect((await t.api.get('/api/tasks').query({ candidateGroup: 'қабылдау' })).body.map((x: Task) => x.id)).to.deep.equal([accept!.id]);

    const completed = await t.api.post(`/api/tasks/${accept!.id}/complete`).send({ variables: { complete: true } });
    expect(completed.status, JSON.stringify(completed.body)).to.equal(200);
    expect(completed.body.activities.map((a: { elementId: string; kind: string }) => [a.elementId, a.kind])).to.deep.equal([['төлем_күту', 'message']]);

    const paid = await t.api.post('/api/messages').send({ name: 'Төлем', businessKey: 'ӨТ-1', variables: { paidAmount: 5000 } });
    expect(paid.status, JSON.stringify(paid.body)).to.equal(200);
    const [check] = await openTasks(started.id);
    expect(check).to.include({ elementId: 'проверка-1', status: 'open' });
    expect((await t.api.post(`/api/tasks/${check!.id}/complete`).send({ variables: {} })).body.status).to.equal('completed');

    const after = await details(started.id);
    expect(after.variables).to.deep.equal({ complete: true, paidAmount: 5000 });
    expect(after.tasks.map((x: Task) => [x.elementId, x.status])).to.have.deep.members([
      ['Өтініш_қабылдау', 'completed'],
      ['проверка-1', 'completed'],
    ]);
    expect(trail(after.history)).to.deep.equal([
      'activity.entered Өтініш_түсті',
      'activity.entered Өтініш_қабылдау',
      'activity.entered мерзім_өтті',
      'activity.left Өтініш_түсті',
      'task.created Өтініш_қабылдау',
      'task.completed Өтініш_қабылдау',
      'activity.entered шешім',
      'activity.entered төлем_күту',
      'activity.left шешім',
      'activity.left мерзім_өтті',
      'activity.left Өтініш_қабылдау',
      'activity.entered проверка-1',
      'activity.left төлем_күту',
      'task.created проверка-1',
      'task.completed проверка-1',
      'activity.entered аяқталды',
      'activity.left аяқталды',
      'activity.left проверка-1',
    ]);
  });

  it('fires a boundary timer with a Kazakh id, closing the task it interrupts', async () => {
    const started = await startCase('ӨТ-2');
    await t.api.post('/api/clock').send({ now: new Date(start + 2 * HOUR).toISOString() }).expect(200);
    const after = await details(started.id);
    expect(after.status).to.equal('completed');
    expect(after.tasks.map((x: Task) => [x.elementId, x.status])).to.deep.equal([['Өтініш_қабылдау', 'canceled']]);
    expect(after.jobs.map((j: { elementId: string; status: string }) => [j.elementId, j.status])).to.deep.equal([['мерзім_өтті', 'done']]);
    expect(trail(after.history)).to.include.members(['timer.fired мерзім_өтті', 'activity.entered мерзім_бітті']);
    expect(trail(after.history)).to.not.include('activity.entered шешім');
  });

  it('takes the default flow of a gateway with a Kazakh id', async () => {
    const started = await startCase('ӨТ-3');
    const [accept] = await openTasks(started.id);
    const res = await t.api.post(`/api/tasks/${accept!.id}/complete`).send({ variables: { complete: false } });
    expect(res.body.status).to.equal('completed');
    expect(trail((await details(started.id)).history)).to.include('activity.entered қайтарылды');
  });
});

describe('element ids that are not XML names', () => {
  let t: TestQyzmet;
  beforeEach(async () => {
    t = await testQyzmet();
  });
  afterEach(() => t.close());

  for (const [bad, why] of [
    ['1-қадам', 'starts with a digit'],
    ['Өтініш қабылдау', 'holds a space'],
    ['bpmn:review', 'holds a colon'],
  ] as const) {
    it(`refuses an id that ${why}, naming it and its line`, async () => {
      const xml = fixture('kazakh-ids.bpmn').replaceAll('проверка-1', bad);
      const res = await t.api.post('/api/deployments').send({ name: 'bad-id', xml });
      expect(res.status).to.equal(400);
      expect(res.body.details.problems).to.deep.equal([
        {
          elementId: bad,
          line: xml.split('\n').findIndex((l) => l.includes(`<userTask id="${bad}"`)) + 1,
          message: `id "${bad}" is not an XML name (xsd:ID): it starts with a letter or "_" and continues with letters, digits, "_", "-" or "."; no spaces or colons`,
        },
      ]);
    });
  }
});
