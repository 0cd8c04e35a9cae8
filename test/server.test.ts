import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { deployFolder } from '../src/server.js';
import { fixture, testQyzmet, type TestQyzmet } from './support/app.js';

/**
 * A node started again on the same database, as `qyzmet serve` is after a restart: each start is a
 * new createQyzmet on the same SQLite file that deploys `processes/` as `serve` does.
 */
describe('starting again on the same database', () => {
  let dir: string;
  let processes: string;
  let databaseUrl: string;
  let node: TestQyzmet | undefined;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-server-'));
    processes = path.join(dir, 'processes');
    fs.mkdirSync(processes);
    databaseUrl = `sqlite:${path.join(dir, 'db.sqlite')}`;
  });
  afterEach(async () => {
    await node?.close();
    node = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Stops the running node, if any, and starts a new one that deploys `processes/` like `serve`. */
  async function serve() {
    await node?.close();
    node = await testQyzmet({ databaseUrl });
    return deployFolder(node.qyzmet.engine, processes, 'qyzmet serve');
  }
  const approval = (name: string) => fixture('approval.bpmn').replace('name="Approval"', `name="${name}"`);
  const versions = async (key: string) =>
    (await node!.api.get(`/api/definitions/${key}`)).body.versions.map((v: { version: number; name: string; source: string; sourceFile: string | null; deployedBy: string }) => `v${v.version} ${v.name} ${v.source} ${v.sourceFile} ${v.deployedBy}`);

  describe('deploying processes/', () => {
    it('never redeploys a file over a newer version an analyst deployed through the API; a changed file becomes the newest version', async () => {
      fs.writeFileSync(path.join(processes, 'approval.bpmn'), approval('Approval'));
      fs.writeFileSync(path.join(processes, 'complaint.bpmn'), fixture('complaint.bpmn'));
      expect((await serve()).map((d) => `${d.key} v${d.version} ${d.created ? 'created' : 'unchanged'}`)).to.have.members(['approval v1 created', 'complaint v1 created']);

      const byAnalyst = await node!.api.post('/api/deployments').set('X-Qyzmet-User', 'analyst').send({ name: 'approval.bpmn', xml: approval('Approval, revised') });
      expect(byAnalyst.status, JSON.stringify(byAnalyst.body)).to.equal(201);
      expect(byAnalyst.body.definitions[0]).to.include({ key: 'approval', version: 2, source: 'api', sourceFile: null, deployedBy: 'analyst', created: true });

      // Restarted twice: the file is unchanged since v1, so the analyst's v2 stays the latest.
      for (let restart = 0; restart < 2; restart++) {
        const deployed = await serve();
        expect(deployed.find((d) => d.key === 'approval')).to.deep.include({ version: 1, created: false, newer: { version: 2, source: 'api', sourceFile: null, deployedBy: 'analyst' } });
        expect(deployed.find((d) => d.key === 'complaint')).to.include({ version: 1, created: false }).and.not.have.property('newer');
      }
      expect(await versions('approval')).to.deep.equal(['v1 Approval file approval.bpmn qyzmet serve', 'v2 Approval, revised api null analyst']);
      const latest = (await node!.api.get('/api/definitions')).body.find((d: { key: string }) => d.key === 'approval');
      expect(latest).to.include({ version: 2, versions: 2, source: 'api', sourceFile: null, deployedBy: 'analyst' }).and.not.have.property('xml');
      const started = await node!.api.post('/api/definitions/approval/instances').send({});
      expect(started.body.definitionVersion).to.equal(2);

      // The file changes: it is deployed as the newest version, from the file.
      fs.writeFileSync(path.join(processes, 'approval.bpmn'), approval('Approval, 2027 edition'));
      expect((await serve()).find((d) => d.key === 'approval')).to.include({ version: 3, created: true, source: 'file', sourceFile: 'approval.bpmn' });
      expect((await serve()).find((d) => d.key === 'approval')).to.include({ version: 3, created: false }).and.not.have.property('newer');
      expect(await versions('approval')).to.deep.equal([
        'v1 Approval file approval.bpmn qyzmet serve',
        'v2 Approval, revised api null analyst',
        'v3 Approval, 2027 edition file approval.bpmn qyzmet serve',
      ]);
    });

    it('takes a file equal to the latest version, whatever deployed it, as unchanged', async () => {
      const res = await (node = await testQyzmet({ databaseUrl })).api.post('/api/deployments').set('X-Qyzmet-User', 'analyst').send({ name: 'mine', xml: approval('Approval') });
      expect(res.status).to.equal(201);
      fs.writeFileSync(path.join(processes, 'approval.bpmn'), approval('Approval'));
      expect((await serve()).map((d) => `${d.key} v${d.version} ${d.created ? 'created' : 'unchanged'}`)).to.deep.equal(['approval v1 unchanged']);
      expect(await versions('approval')).to.deep.equal(['v1 Approval api null analyst']);
    });

    it('tells a file from an API deployment that took the same name: only versions from the file count as its last deployment', async () => {
      fs.writeFileSync(path.join(processes, 'approval.bpmn'), approval('Approval'));
      await serve();
      await node!.api.post('/api/deployments').set('X-Qyzmet-User', 'analyst').send({ name: 'approval.bpmn', xml: approval('Approval, revised') }).expect(201);
      fs.writeFileSync(path.join(processes, 'approval.bpmn'), approval('Approval, revised'));
      // Equal to the latest (v2, from the API): nothing to do.
      expect((await serve()).map((d) => `v${d.version} ${d.created}`)).to.deep.equal(['v2 false']);
      fs.writeFileSync(path.join(processes, 'approval.bpmn'), approval('Approval'));
      // Equal to v1, the last version from this file: unchanged since then, so v2 stays.
      expect((await serve()).map((d) => `v${d.version} ${d.created} ${d.newer?.version}`)).to.deep.equal(['v1 false 2']);
    });
  });
});
