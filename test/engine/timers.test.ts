import { expect } from 'chai';
import { diagram } from '../support/bpmn.js';
import { testQyzmet, type TestQyzmet } from '../support/app.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-03-02T04:00:00Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();

/** A user task with a non-interrupting boundary timer on `cycle` whose path ends at once. */
const reminders = (cycle: string) =>
  diagram(
    'reminders',
    `<startEvent id="start"/>
    <sequenceFlow id="f1" sourceRef="start" targetRef="work"/>
    <userTask id="work" camunda:candidateGroups="clerks"/>
    <boundaryEvent id="remind" attachedToRef="work" cancelActivity="false">
      <timerEventDefinition><timeCycle>${cycle}</timeCycle></timerEventDefinition>
    </boundaryEvent>
    <sequenceFlow id="f2" sourceRef="remind" targetRef="reminded"/>
    <endEvent id="reminded"/>
    <sequenceFlow id="f3" sourceRef="work" targetRef="done"/>
    <endEvent id="done"/>`
  );

/** A cycle where bpmn-elements does not repeat: an intermediate catch event. */
const waitOnce = diagram(
  'waitOnce',
  `<startEvent id="start"/>
    <sequenceFlow id="f1" sourceRef="start" targetRef="pause"/>
    <intermediateCatchEvent id="pause"><timerEventDefinition><timeCycle>R3/PT1H</timeCycle></timerEventDefinition></intermediateCatchEvent>
    <sequenceFlow id="f2" sourceRef="pause" targetRef="work"/>
    <userTask id="work"/>
    <sequenceFlow id="f3" sourceRef="work" targetRef="done"/>
    <endEvent id="done"/>`
);

interface History {
  type: string;
  elementId: string | null;
  at: string;
  data: { expireAt?: string } | null;
}
interface Job {
  kind: string;
  elementId: string;
  status: string;
  dueAt: string;
}

for (const liveEngines of [0, 32]) describe(`repeating timers (${liveEngines ? 'live engines kept' : 'every step recovered'})`, () => {
  let t: TestQyzmet;
  beforeEach(async () => {
    t = await testQyzmet({ liveEngines, now: at(0) });
  });
  afterEach(() => t.close());

  async function start(xml: string, key: string) {
    await t.deploy(xml);
    const res = await t.api.post(`/api/definitions/${key}/instances`).send({});
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.id as string;
  }
  const moveClock = (ms: number) => t.api.post('/api/clock').send({ now: at(ms) }).expect(200);
  async function timeline(id: string) {
    const d = await t.api.get(`/api/instances/${id}`);
    return {
      status: d.body.status as string,
      /** When each firing was due, and when it ran. */
      fired: (d.body.history as History[]).filter((h) => h.type === 'timer.fired').map((h) => `${h.elementId} due ${h.data!.expireAt} ran ${h.at}`),
      waitingTimers: (d.body.jobs as Job[]).filter((j) => j.kind === 'timer' && j.status === 'waiting').map((j) => `${j.elementId} ${j.dueAt}`),
      tasks: (d.body.tasks as { elementId: string; status: string }[]).map((x) => `${x.elementId} ${x.status}`),
    };
  }

  it('R3/PT1H fires an hour after the previous due time, not after a late run, and exactly three times', async () => {
    const id = await start(reminders('R3/PT1H'), 'reminders');
    expect((await timeline(id)).waitingTimers).to.deep.equal([`remind ${at(HOUR)}`]);

    await moveClock(HOUR);
    expect(await timeline(id)).to.deep.include({ fired: [`remind due ${at(HOUR)} ran ${at(HOUR)}`], waitingTimers: [`remind ${at(2 * HOUR)}`] });

    // The second runs half an hour late; the third is still due an hour after the second was due.
    await moveClock(2.5 * HOUR);
    expect((await timeline(id)).waitingTimers).to.deep.equal([`remind ${at(3 * HOUR)}`]);
    await moveClock(3 * HOUR);
    await moveClock(10 * DAY);
    expect(await timeline(id)).to.deep.equal({
      status: 'running',
      fired: [`remind due ${at(HOUR)} ran ${at(HOUR)}`, `remind due ${at(2 * HOUR)} ran ${at(2.5 * HOUR)}`, `remind due ${at(3 * HOUR)} ran ${at(3 * HOUR)}`],
      waitingTimers: [],
      tasks: ['work open'],
    });
  });

  it('R/PT1H catches up after the clock jumps 3 h 30 min past the first due time: each missed repetition fires once, in order, and the schedule goes on unshifted', async () => {
    const id = await start(reminders('R/PT1H'), 'reminders');
    await moveClock(HOUR + 3.5 * HOUR);
    expect(await timeline(id)).to.deep.include({
      fired: [1, 2, 3, 4].map((h) => `remind due ${at(h * HOUR)} ran ${at(4.5 * HOUR)}`),
      waitingTimers: [`remind ${at(5 * HOUR)}`],
    });
    await moveClock(5 * HOUR);
    const later = await timeline(id);
    expect(later.fired.slice(4)).to.deep.equal([`remind due ${at(5 * HOUR)} ran ${at(5 * HOUR)}`]);
    expect(later.waitingTimers).to.deep.equal([`remind ${at(6 * HOUR)}`]);

    // Completing the task ends the cycle with it.
    const [task] = (await t.api.get('/api/tasks').query({ instance: id })).body;
    await t.api.post(`/api/tasks/${task.id}/complete`).send({}).expect(200);
    await moveClock(10 * HOUR);
    expect(await timeline(id)).to.deep.include({ status: 'completed', waitingTimers: [] });
    expect((await timeline(id)).fired).to.have.length(5);
  });

  it('R3/P1D fires exactly three times on its days when the clock jumps past all of them at once', async () => {
    const id = await start(reminders('R3/P1D'), 'reminders');
    await moveClock(10 * DAY);
    expect(await timeline(id)).to.deep.equal({
      status: 'running',
      fired: [1, 2, 3].map((d) => `remind due ${at(d * DAY)} ran ${at(10 * DAY)}`),
      waitingTimers: [],
      tasks: ['work open'],
    });
  });

  it('an intermediate catch event with a cycle fires once, at its first due time (bpmn-elements repeats only boundary events)', async () => {
    const id = await start(waitOnce, 'waitOnce');
    await moveClock(HOUR - 1);
    expect((await timeline(id)).fired).to.deep.equal([]);
    await moveClock(5 * HOUR);
    expect(await timeline(id)).to.deep.equal({ status: 'running', fired: [`pause due ${at(HOUR)} ran ${at(5 * HOUR)}`], waitingTimers: [], tasks: ['work open'] });
  });
});
