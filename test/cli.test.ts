import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from './support/server.js';

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

  it('refuses a broken diagram with exit code 1, naming the element and its line', async () => {
    const broken = path.join(dir, 'broken.bpmn');
    fs.writeFileSync(broken, fs.readFileSync(path.join(fixtures, 'review.bpmn'), 'utf8').replace('camunda:topic="test.lookup"', 'camunda:topic="nobody.listens"'));
    const res = await runCli(['deploy', broken], env);
    expect(res.code).to.equal(1);
    expect(res.stderr).to.match(/^qyzmet: deployment rejected: lookup: no service handler is registered for topic "nobody\.listens"/);
    expect(res.stderr).to.include('  lookup (line 6): no service handler');
  });

  it('applies migrations on its own and says so', async () => {
    const res = await runCli(['migrate'], { DATABASE_URL: `sqlite:${path.join(dir, 'fresh.sqlite')}` });
    expect(res.code).to.equal(0);
    expect(res.stdout).to.match(/is up to date/);
  });
});
