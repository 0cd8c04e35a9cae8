import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { fixture } from '../support/app.js';
import { historyLines, sqliteIntegrity } from '../support/faults.js';
import { startServer, type ServerProcess } from '../support/server.js';

/**
 * A real full disk and a real read-only file system under a real server process: the database
 * lives on a small tmpfs of its own (mounting one needs root with CAP_SYS_ADMIN, as in the
 * project's CI container; elsewhere these tests are skipped and say why). A file chmodded 0444
 * would not do: root writes to it anyway.
 */
describe('faults: the SQLite database on a full disk or a read-only file system (real server process)', function () {
  this.timeout(240_000);
  let dir: string;
  let mountPoint: string;
  let mounted = false;
  let env: Record<string, string>;
  let server: ServerProcess | undefined;
  const filler = () => path.join(mountPoint, 'filler');

  before(function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-fault-storage-'));
    mountPoint = path.join(dir, 'disk');
    fs.mkdirSync(mountPoint);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=32m', 'tmpfs', mountPoint], { stdio: 'pipe' });
      mounted = true;
    } catch (err) {
      fs.rmSync(dir, { recursive: true, force: true });
      console.log(`      skipped: cannot mount a tmpfs here (${String((err as { stderr?: Buffer }).stderr ?? err).trim()})`);
      this.skip();
    }
    fs.mkdirSync(path.join(dir, 'processes'));
    fs.writeFileSync(path.join(dir, 'processes', 'approval.bpmn'), fixture('approval.bpmn'));
    env = { DATABASE_URL: `sqlite:${path.join(mountPoint, 'db.sqlite')}`, QYZMET_CLOCK: 'manual', QYZMET_PROCESSES: path.join(dir, 'processes'), QYZMET_LOG_LEVEL: 'silent' };
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    // A failed test leaves the disk as it was when it failed; the next one starts on a writable, roomy one.
    if (!mounted) return;
    execFileSync('mount', ['-o', 'remount,rw', mountPoint]);
    fs.rmSync(filler(), { force: true });
  });
  after(() => {
    if (!mounted) return;
    execFileSync('mount', ['-o', 'remount,rw', mountPoint]);
    execFileSync('umount', [mountPoint]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Fills the tmpfs to its last byte. */
  function fillDisk() {
    const fd = fs.openSync(filler(), 'a');
    try {
      for (const size of [1 << 20, 1 << 12, 1 << 9, 1]) {
        const chunk = Buffer.alloc(size, 1);
        for (;;) {
          try {
            fs.writeSync(fd, chunk);
          } catch (err) {
            if ((err as NodeJS.ErrnoException).code === 'ENOSPC') break;
            throw err;
          }
        }
      }
    } finally {
      fs.closeSync(fd);
    }
  }

  async function startCase(key: string) {
    const started = await server!.call('POST', '/api/definitions/approval/instances', { businessKey: key });
    expect(started.status, JSON.stringify(started.body)).to.equal(201);
    const [task] = (await server!.call('GET', `/api/tasks?instance=${started.body.id}`)).body;
    return { id: started.body.id as string, task: task.id as string };
  }

  it('refuses a step on a full disk with 507 naming the cause, writes none of it, and takes the same completion once space is freed', async () => {
    server = await startServer(env);
    const { id, task } = await startCase('FULL-1');
    const before = (await server.call('GET', `/api/instances/${id}`)).body;

    fillDisk();
    const refused = await server.call('POST', `/api/tasks/${task}/complete`, { variables: { approved: true } });
    expect(refused.status, JSON.stringify(refused.body)).to.equal(507);
    expect(refused.body.error).to.match(/database.*full/i);
    expect(refused.body.error).to.not.match(/SQLITE_|\/tmp|at .*\.ts/);
    // A new case is refused the same way rather than half started.
    const notStarted = await server.call('POST', '/api/definitions/approval/instances', { businessKey: 'FULL-2' });
    expect(notStarted.status, JSON.stringify(notStarted.body)).to.equal(507);

    const during = (await server.call('GET', `/api/instances/${id}`)).body;
    expect(during.status).to.equal('running');
    expect(historyLines(during)).to.deep.equal(historyLines(before));
    expect(during.tasks.map((t: { status: string }) => t.status)).to.deep.equal(['open']);
    expect((await server.call('GET', '/api/instances?businessKey=FULL-2')).body).to.deep.equal([]);

    fs.rmSync(filler());
    const done = await server.call('POST', `/api/tasks/${task}/complete`, { variables: { approved: true } });
    expect(done.status, JSON.stringify(done.body)).to.equal(200);
    expect(done.body.status).to.equal('completed');
    const after = (await server.call('GET', `/api/instances/${id}`)).body;
    expect(historyLines(after).filter((l) => l === 'task.completed review')).to.have.length(1);
    expect((await server.call('GET', `/api/instances/${id}/audit`)).body.intact).to.equal(true);
    await server.stop();
    server = undefined;
    expect(await sqliteIntegrity(path.join(mountPoint, 'db.sqlite'))).to.equal('ok');
  });

  it('serves reads and refuses every write with 503 naming the cause on a read-only file system, then takes the same completion once it is writable', async () => {
    server = await startServer(env);
    const { id, task } = await startCase('READONLY-1');
    const before = (await server.call('GET', `/api/instances/${id}`)).body;
    const token = server.token();

    // The kernel remounts a failing disk read-only; the node, killed, comes back on it. (A file system
    // cannot become read-only under a process that holds its files open for writing: remount says busy.)
    await server.kill();
    execFileSync('mount', ['-o', 'remount,ro', mountPoint]);
    server = await startServer(env, { token });
    const read = await server.call('GET', `/api/instances/${id}`);
    expect(read.status, JSON.stringify(read.body)).to.equal(200);
    expect(read.body).to.deep.equal(before);

    const refused = await server.call('POST', `/api/tasks/${task}/complete`, { variables: { approved: true } });
    expect(refused.status, JSON.stringify(refused.body)).to.equal(503);
    expect(refused.body.error).to.match(/database is read-only/);
    expect(refused.body.details).to.deep.equal({ cause: 'read-only' });
    const notStarted = await server.call('POST', '/api/definitions/approval/instances', { businessKey: 'READONLY-2' });
    expect(notStarted.status, JSON.stringify(notStarted.body)).to.equal(503);
    expect((await server.call('GET', `/api/instances/${id}`)).body).to.deep.equal(before);

    await server.kill();
    execFileSync('mount', ['-o', 'remount,rw', mountPoint]);
    server = await startServer(env, { token });
    expect((await server.call('GET', '/api/instances?businessKey=READONLY-2')).body).to.deep.equal([]);
    const done = await server.call('POST', `/api/tasks/${task}/complete`, { variables: { approved: true } });
    expect(done.status, JSON.stringify(done.body)).to.equal(200);
    expect(historyLines((await server.call('GET', `/api/instances/${id}`)).body).filter((l) => l === 'task.completed review')).to.have.length(1);
    expect((await server.call('GET', `/api/instances/${id}/audit`)).body.intact).to.equal(true);
    await server.stop();
    server = undefined;
    expect(await sqliteIntegrity(path.join(mountPoint, 'db.sqlite'))).to.equal('ok');
  });
});
