import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '../src/config/index.js';
import { createQyzmet, demoPassword, deployFolder, seedDemoAccounts, type Qyzmet } from '../src/server.js';
import { silentLog } from '../src/log/index.js';
import supertest from 'supertest';
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

      const byAnalyst = await (await node!.as('analyst')).post('/api/deployments').send({ name: 'approval.bpmn', xml: approval('Approval, revised') });
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
      const res = await (await (node = await testQyzmet({ databaseUrl })).as('analyst')).post('/api/deployments').send({ name: 'mine', xml: approval('Approval') });
      expect(res.status).to.equal(201);
      fs.writeFileSync(path.join(processes, 'approval.bpmn'), approval('Approval'));
      expect((await serve()).map((d) => `${d.key} v${d.version} ${d.created ? 'created' : 'unchanged'}`)).to.deep.equal(['approval v1 unchanged']);
      expect(await versions('approval')).to.deep.equal(['v1 Approval api null analyst']);
    });

    it('tells a file from an API deployment that took the same name: only versions from the file count as its last deployment', async () => {
      fs.writeFileSync(path.join(processes, 'approval.bpmn'), approval('Approval'));
      await serve();
      await (await node!.as('analyst')).post('/api/deployments').send({ name: 'approval.bpmn', xml: approval('Approval, revised') }).expect(201);
      fs.writeFileSync(path.join(processes, 'approval.bpmn'), approval('Approval, revised'));
      // Equal to the latest (v2, from the API): nothing to do.
      expect((await serve()).map((d) => `v${d.version} ${d.created}`)).to.deep.equal(['v2 false']);
      fs.writeFileSync(path.join(processes, 'approval.bpmn'), approval('Approval'));
      // Equal to v1, the last version from this file: unchanged since then, so v2 stays.
      expect((await serve()).map((d) => `v${d.version} ${d.created} ${d.newer?.version}`)).to.deep.equal(['v1 false 2']);
    });
  });

  describe('the manual clock', () => {
    const DAY = 86_400_000;
    let bare: Qyzmet | undefined;
    afterEach(async () => {
      await bare?.close();
      bare = undefined;
    });
    /** `qyzmet serve` with QYZMET_CLOCK=manual: the clock is Qyzmet's own, nobody passes one in. */
    async function serveManual() {
      await node?.close();
      node = undefined;
      await bare?.close();
      bare = await createQyzmet(loadConfig({ DATABASE_URL: databaseUrl, QYZMET_CLOCK: 'manual' }, { nodeId: 'test' }), { logger: { error() {}, log() {} }, log: silentLog() });
      // As the demo admin, made as `serve` makes it on SQLite.
      await seedDemoAccounts(bare.accounts, 'default');
      const { token } = await bare.accounts.login('admin', demoPassword);
      return supertest.agent(bare.app).set('Authorization', `Bearer ${token}`);
    }

    it('resumes at the instant it was last moved to, also when the system time is later, and fires a timer due by then exactly once', async () => {
      node = await testQyzmet({ databaseUrl, now: '2026-03-02T04:00:00Z' });
      await node.deploy(fixture('approval.bpmn'));
      const id = (await node.api.post('/api/definitions/approval/instances').send({})).body.id as string;
      await node.api.post('/api/clock').send({ now: '2026-03-12T04:00:00Z' }).expect(200);

      let api = await serveManual();
      expect((await api.get('/api/clock')).body).to.deep.equal({ now: '2026-03-12T04:00:00.000Z', movable: true });
      expect(Date.now()).to.be.above(Date.parse('2026-03-12T04:00:00Z')); // the system time is later: the clock did not jump to it
      expect((await api.get(`/api/instances/${id}`)).body.status).to.equal('running');

      // The 30-day timer falls due on 1 April; the clock is moved past it, and restarted again.
      await api.post('/api/clock').send({ now: new Date(Date.parse('2026-03-02T04:00:00Z') + 31 * DAY).toISOString() }).expect(200);
      api = await serveManual();
      expect((await api.get('/api/clock')).body.now).to.equal('2026-04-02T04:00:00.000Z');
      await api.post('/api/clock').send({ now: '2026-05-01T00:00:00Z' }).expect(200);
      const fired = (await api.get(`/api/instances/${id}`)).body;
      expect(fired.status).to.equal('completed');
      expect(fired.history.filter((h: { type: string }) => h.type === 'timer.fired').map((h: { at: string }) => h.at)).to.deep.equal(['2026-04-02T04:00:00.000Z']);
    });

    it('never moves backwards: an earlier instant is a 400 naming `now` and the clock\'s now, before and after a restart', async () => {
      let api = await serveManual();
      const now = (await api.get('/api/clock')).body.now as string;
      const later = new Date(Date.parse(now) + DAY).toISOString();
      await api.post('/api/clock').send({ now: later }).expect(200);
      for (let restart = 0; restart < 2; restart++) {
        const res = await api.post('/api/clock').send({ now });
        expect(res.status).to.equal(400);
        expect(res.body).to.deep.equal({ error: `now: ${now} is before the clock's now, ${later}; the clock only moves forward`, details: { field: 'now', now: later } });
        expect((await api.post('/api/clock').send({ now: later })).body.now).to.equal(later); // standing still is allowed
        api = await serveManual();
      }
      // A node started with a clock of its own (tests) does not start before what the database has seen either.
      node = await testQyzmet({ databaseUrl, now: now });
      expect((await node.api.get('/api/clock')).body.now).to.equal(later);
    });

    it('takes concurrent moves one at a time: whatever order they arrive in, it ends at the latest and never went back', async () => {
      const api = await serveManual();
      const now = Date.parse((await api.get('/api/clock')).body.now);
      const targets = [3, 1, 2, 5, 4].map((d) => new Date(now + d * DAY).toISOString());
      const answers = await Promise.all(targets.map((to) => api.post('/api/clock').send({ now: to })));
      const latest = targets[3]!;
      expect(answers[3]!.body).to.deep.equal({ now: latest, movable: true });
      for (const [i, answer] of answers.entries()) {
        // Each either moved the clock to its instant or was refused because a later move came first.
        if (answer.status === 200) expect(answer.body.now).to.equal(targets[i]);
        else expect(answer.body.error, JSON.stringify(answer.body)).to.match(new RegExp(`^now: ${targets[i]} is before the clock's now, \\S+; the clock only moves forward$`));
      }
      expect((await api.get('/api/clock')).body.now).to.equal(latest);
      expect((await (await serveManual()).get('/api/clock')).body.now).to.equal(latest);
    });
  });
});
