import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from './support/server.js';
import { createStore } from '../src/store/index.js';

const fixtures = path.join(import.meta.dirname, 'fixtures');

describe('qyzmet CLI', () => {
  let dir: string;
  let env: Record<string, string>;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-cli-'));
    env = { DATABASE_URL: `sqlite:${path.join(dir, 'cli.sqlite')}` };
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('deploys files in whatever order, callees first; a second run changes nothing', async () => {
    const files = ['caller.bpmn', 'complaint.bpmn'].map((f) => path.join(fixtures, f));
    const first = await runCli(['deploy', ...files], env);
    expect(first.code, first.stderr).to.equal(0);
    expect(first.stdout.trim().split('\n')).to.deep.equal(['deployed complaint v1 (complaint.bpmn)', 'deployed caller v1 (caller.bpmn)']);

    const again = await runCli(['deploy', ...files], env);
    expect(again.stdout.trim().split('\n')).to.have.members(['unchanged complaint v1 (complaint.bpmn)', 'unchanged caller v1 (caller.bpmn)']);
  });

  it('leaves a file unchanged since its last deployment alone when a newer version of its key came from elsewhere, and says which', async () => {
    const original = path.join(dir, 'approval.bpmn');
    const revised = path.join(dir, 'approval-revised.bpmn');
    fs.writeFileSync(original, fs.readFileSync(path.join(fixtures, 'approval.bpmn'), 'utf8'));
    fs.writeFileSync(revised, fs.readFileSync(original, 'utf8').replace('name="Approval"', 'name="Approval, revised"'));
    expect((await runCli(['deploy', original], env)).stdout.trim()).to.equal('deployed approval v1 (approval.bpmn)');
    expect((await runCli(['deploy', revised], env)).stdout.trim()).to.equal('deployed approval v2 (approval-revised.bpmn)');
    const again = await runCli(['deploy', original], env);
    expect(again.code, again.stderr).to.equal(0);
    expect(again.stdout.trim()).to.match(/^unchanged approval v1 \(approval\.bpmn\); v2, deployed from approval-revised\.bpmn by qyzmet deploy \(\S+\), stays the latest$/);
  });

  it('records `qyzmet deploy` and who ran it as the deployer of the diagrams and forms it deploys, not the server start', async () => {
    const own = { DATABASE_URL: `sqlite:${path.join(dir, 'deployer.sqlite')}` };
    const res = await runCli(['deploy', path.join(fixtures, 'approval.bpmn')], own);
    expect(res.code, res.stderr).to.equal(0);
    const store = await createStore(own.DATABASE_URL);
    try {
      const who = `qyzmet deploy (${os.userInfo().username})`;
      expect((await store.definitions.versions('approval')).map((v) => v.deployedBy)).to.deep.equal([who]);
      // The forms folder goes with it (the diagrams bind its versions): by the same command.
      const forms = await store.forms.latestOfEach();
      expect(forms).to.not.be.empty;
      expect([...new Set(forms.map((f) => f.deployedBy))]).to.deep.equal([who]);
    } finally {
      await store.close();
    }
  });

  it('refuses a broken diagram with exit code 1, naming the element and its line', async () => {
    const broken = path.join(dir, 'broken.bpmn');
    fs.writeFileSync(broken, fs.readFileSync(path.join(fixtures, 'review.bpmn'), 'utf8').replace('camunda:topic="test.lookup"', 'camunda:topic="nobody.listens"'));
    const res = await runCli(['deploy', broken], env);
    expect(res.code).to.equal(1);
    expect(res.stderr).to.match(/^qyzmet: deployment rejected: lookup: no service handler is registered for topic "nobody\.listens"/);
    expect(res.stderr).to.include('  lookup (line 6): no service handler');
  });

  it('records, lists and removes calendar decrees, and computes deadlines with them', async () => {
    const set = await runCli(['calendar', 'set', '2026-01-03', 'working', 'Government', 'decree', 'No.', '1'], env);
    expect(set.code, set.stderr).to.equal(0);
    expect(set.stdout.trim()).to.equal('2026-01-03 is now a working day');
    expect((await runCli(['calendar', 'list'], env)).stdout).to.match(/^2026-01-03 {2}working {2}Government decree No\. 1 {2}\(cli:/);
    const due = await runCli(['calendar', 'deadline', '2025-12-31T10:00:00+05:00', '2', 'workingDays'], env);
    expect(due.stdout.trim().split('\n')).to.deep.equal(['registered 2025-12-31T10:00:00+05:00', 'due        2026-01-05T18:30:00+05:00']);
    const year = await runCli(['calendar', 'year', '2026'], env);
    expect(year.stdout).to.include('2026-01-03  decreedWorkingDay  Government decree No. 1').and.include('2026-03-25  substitute         Nauryz');
    expect((await runCli(['calendar', 'remove', '2026-01-03'], env)).code).to.equal(0);
    expect((await runCli(['calendar', 'list'], env)).stdout).to.equal('');

    const bad = await runCli(['calendar', 'set', '2026-02-30', 'off', 'x'], env);
    expect(bad.code).to.equal(1);
    expect(bad.stderr.trim()).to.equal('qyzmet: date "2026-02-30" is not a date (YYYY-MM-DD)');
  });

  it('adds, lists, disables and enables accounts; the password comes from standard input and is checked', async () => {
    const added = await runCli(['users', 'add', 'aigerim', 'operator,head', 'almaty-auezov', 'Айгерим', 'Жанибекова'], env, 'correct horse battery\n');
    expect(added.code, added.stderr).to.equal(0);
    expect(added.stdout.trim()).to.match(/^added aigerim +operator,head +almaty-auezov +active +Айгерим Жанибекова$/);
    const short = await runCli(['users', 'add', 'bolat', 'executor', 'almaty-auezov', 'Болат'], env, 'short\n');
    expect(short.code).to.equal(1);
    expect(short.stderr).to.include('password: at least 10 characters');
    const role = await runCli(['users', 'add', 'bolat', 'clerk', 'almaty-auezov', 'Болат'], env, 'long enough password\n');
    expect(role.stderr.trim()).to.equal('qyzmet: unknown role clerk: roles are operator, executor, head, commission, analyst, admin, auditor');
    expect((await runCli(['users', 'disable', 'aigerim'], env)).stdout).to.match(/^aigerim .* disabled /);
    expect((await runCli(['users', 'list'], env)).stdout.trim().split('\n')).to.have.length(1).and.to.match(/disabled/);
    expect((await runCli(['users', 'enable', 'aigerim'], env)).stdout).to.match(/ active /);
    expect((await runCli(['users', 'disable', 'nobody'], env)).stderr.trim()).to.equal('qyzmet: no account "nobody"');
  });

  it('applies migrations on its own and says so', async () => {
    const res = await runCli(['migrate'], { DATABASE_URL: `sqlite:${path.join(dir, 'fresh.sqlite')}` });
    expect(res.code).to.equal(0);
    expect(res.stdout).to.match(/is up to date/);
  });
});
