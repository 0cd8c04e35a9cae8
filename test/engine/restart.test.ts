import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { fixture } from '../support/app.js';
import { startServer, type ServerProcess } from '../support/server.js';

const DAY = 86_400_000;

describe('surviving a crash (real server processes, SIGKILL)', function () {
  this.timeout(180_000);
  let dir: string;
  let env: Record<string, string>;
  let server: ServerProcess | undefined;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-restart-'));
    fs.mkdirSync(path.join(dir, 'processes'));
    fs.writeFileSync(path.join(dir, 'processes', 'approval.bpmn'), fixture('approval.bpmn'));
    env = { DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}`, QYZMET_CLOCK: 'manual', QYZMET_PROCESSES: path.join(dir, 'processes') };
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function restart() {
    await server!.kill();
    server = await startServer(env);
  }

  it('keeps a waiting case across a SIGKILL; completing its task after restart finishes it with complete history', async () => {
    server = await startServer(env);
    const started = await server.call('POST', '/api/definitions/approval/instances', { businessKey: 'CRASH-1', variables: { applicant: 'Айгерим' } });
    expect(started.status).to.equal(201);
    const before = (await server.call('GET', `/api/tasks?instance=${started.body.id}`)).body;
    expect(before).to.have.length(1);

    await restart();

    const after = (await server.call('GET', `/api/tasks?instance=${started.body.id}`)).body;
    expect(after).to.deep.equal(before);
    const done = await server.call('POST', `/api/tasks/${after[0].id}/complete`, { variables: { approved: true } });
    expect(done.status).to.equal(200);
    expect(done.body).to.include({ status: 'completed' });
    expect(done.body.variables).to.deep.equal({ applicant: 'Айгерим', approved: true });

    const history = (await server.call('GET', `/api/instances/${started.body.id}`)).body.history.map((h: { type: string; elementId: string | null }) => `${h.type}${h.elementId ? ` ${h.elementId}` : ''}`);
    expect(history).to.deep.equal([
      'instance.started',
      'activity.entered start',
      'activity.entered review',
      'activity.entered deadline',
      'activity.left start',
      'task.created review',
      'task.completed review',
      'activity.entered done',
      'activity.left done',
      'activity.left deadline',
      'activity.left review',
      'instance.ended',
    ]);
  });

  it('fires a P30D boundary timer exactly once when the clock passes it, with a restart before and after', async () => {
    server = await startServer(env);
    const now = Date.parse((await server.call('GET', '/api/clock')).body.now);
    const started = await server.call('POST', '/api/definitions/approval/instances', { businessKey: 'TIMER-1' });
    const id = started.body.id as string;

    await restart();
    expect((await server.call('POST', '/api/clock', { now: new Date(now + 30 * DAY - 60_000).toISOString() })).status).to.equal(200);
    expect((await server.call('GET', `/api/instances/${id}`)).body.status).to.equal('running');
    await server.call('POST', '/api/clock', { now: new Date(now + 31 * DAY).toISOString() });
    const fired = (await server.call('GET', `/api/instances/${id}`)).body;
    expect(fired.status).to.equal('completed');

    await restart();
    // The manual clock resumes where it was moved to, not at the system time.
    expect((await server.call('GET', '/api/clock')).body.now).to.equal(new Date(now + 31 * DAY).toISOString());
    await server.call('POST', '/api/clock', { now: new Date(now + 90 * DAY).toISOString() });
    const details = (await server.call('GET', `/api/instances/${id}`)).body;
    expect(details.history.filter((h: { type: string }) => h.type === 'timer.fired')).to.have.length(1);
    expect(details.history.filter((h: { type: string }) => h.type === 'instance.ended')).to.have.length(1);
    expect(details.history.map((h: { type: string; elementId: string }) => `${h.type} ${h.elementId}`)).to.include('activity.entered escalated');
    expect(details.tasks[0].status).to.equal('canceled');
  });

  it('refuses to move the clock unless started with QYZMET_CLOCK=manual', async () => {
    server = await startServer({ ...env, QYZMET_CLOCK: 'system' });
    const res = await server.call('POST', '/api/clock', { now: '2030-01-01T00:00:00Z' });
    expect(res.status).to.equal(403);
    expect(res.body.error).to.match(/QYZMET_CLOCK=manual/);
  });
});
