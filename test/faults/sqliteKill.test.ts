import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { fixture } from '../support/app.js';
import { historyLines, inParallel, sqliteIntegrity } from '../support/faults.js';
import { runCli, startServer, type ServerProcess } from '../support/server.js';

/** What a case of approval.bpmn holds once its review was completed: each row once. */
const completedHistory = [
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
];
const waitingHistory = completedHistory.slice(0, 6);

describe('faults: SIGKILL of a SQLite node during a burst of task completions (real server process)', function () {
  this.timeout(300_000);
  const CASES = 200;
  let dir: string;
  let env: Record<string, string>;
  let server: ServerProcess | undefined;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-fault-kill-'));
    fs.mkdirSync(path.join(dir, 'processes'));
    fs.writeFileSync(path.join(dir, 'processes', 'approval.bpmn'), fixture('approval.bpmn'));
    // The manual clock stands still, so the P30D boundary timer stays out of the way.
    env = { DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}`, QYZMET_CLOCK: 'manual', QYZMET_PROCESSES: path.join(dir, 'processes'), QYZMET_LOG_LEVEL: 'silent' };
  });
  after(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged completion, moves no case twice, and leaves a consistent file whose chains verify', async () => {
    server = await startServer(env);
    await server.call('GET', '/api/clock'); // signs in once, before the requests in parallel
    const ids = await inParallel(Array.from({ length: CASES }, (_, i) => i), 8, async (i) => {
      const res = await server!.call('POST', '/api/definitions/approval/instances', { businessKey: `BURST-${i}` });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      return res.body.id as string;
    });
    const tasks = await inParallel(ids, 8, async (id) => {
      const res = await server!.call('GET', `/api/tasks?instance=${id}`);
      expect(res.body).to.have.length(1);
      return res.body[0].id as string;
    });

    // Every completion at once; the node is killed as soon as a quarter of them were acknowledged,
    // so some are answered, some are in flight inside the server, and some never reach it.
    const acknowledged = new Set<string>();
    const refused = new Map<string, number>();
    let killing: Promise<void> | undefined;
    const victim = server;
    await Promise.all(
      tasks.map(async (task, i) => {
        try {
          const res = await victim.call('POST', `/api/tasks/${task}/complete`, { variables: { approved: i % 2 === 0 } });
          if (res.status === 200) {
            acknowledged.add(ids[i]!);
            if (acknowledged.size === CASES / 4) killing = victim.kill();
          } else refused.set(ids[i]!, res.status);
        } catch {
          // No answer: the connection died with the node.
        }
      })
    );
    await killing;
    expect(acknowledged.size).to.be.at.least(CASES / 4);
    expect(acknowledged.size, 'the kill came while completions were still in flight').to.be.below(CASES);
    expect([...refused.values()], 'no completion was refused before the kill').to.deep.equal([]);

    expect(await sqliteIntegrity(path.join(dir, 'db.sqlite'))).to.equal('ok');

    server = await startServer(env);
    await server.call('GET', '/api/clock');
    let finishedUnacknowledged = 0;
    const open: Array<{ id: string; task: string }> = [];
    await inParallel(ids, 8, async (id, i) => {
      const details = (await server!.call('GET', `/api/instances/${id}`)).body;
      if (acknowledged.has(id)) {
        expect(details.status, id).to.equal('completed');
        expect(details.variables, id).to.deep.equal({ approved: i % 2 === 0 });
      }
      // Either the whole step (one completion, each row once) or none of it.
      if (details.status === 'completed') {
        expect(historyLines(details), id).to.deep.equal(completedHistory);
        if (!acknowledged.has(id)) finishedUnacknowledged++;
      } else {
        expect(details.status, id).to.equal('running');
        expect(historyLines(details), id).to.deep.equal(waitingHistory);
        expect(details.tasks.map((t: { status: string }) => t.status), id).to.deep.equal(['open']);
        open.push({ id, task: tasks[i]! });
      }
    });
    console.log(`      ${acknowledged.size} acknowledged before the kill, ${finishedUnacknowledged} committed without an answer, ${open.length} not committed`);

    // A completion that was lost with the node can simply be sent again.
    await inParallel(open, 8, async ({ task }) => {
      const res = await server!.call('POST', `/api/tasks/${task}/complete`, { variables: { approved: true } });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
    });
    const audit = await runCli(['audit', 'verify'], env);
    expect(audit.code, audit.stdout + audit.stderr).to.equal(0);
    const instances = (await server.call('GET', '/api/instances?status=completed&limit=500')).body;
    expect(instances.items ?? instances).to.have.length(CASES);
  });
});
