import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { databaseTargets } from '../support/databases.js';
import { fixture, testQyzmet, type TestQyzmet } from '../support/app.js';

/**
 * What the fuzz (fuzz.test.ts) found answering 500, each now a 400 naming what is wrong, with
 * nothing stored: path segments that are not percent-encoded UTF-8, NUL (which PostgreSQL refuses
 * in text) and lone surrogates (which UTF-8 cannot carry) in ids, queries and bodies, bodies nested
 * past 64 levels, and a manual clock moved to where stored instants stop sorting.
 */
for (const database of databaseTargets()) describe(`input the handlers cannot store is refused with a 400 (${database.name})`, () => {
  let t: TestQyzmet;
  let taskId: string;
  let webDir: string;
  before(async () => {
    webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-web-'));
    fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>Qyzmet</title>');
    t = await testQyzmet({ databaseUrl: await database.fresh(), env: { QYZMET_WEB: webDir } });
    await t.deploy(fixture('approval.bpmn'));
    const started = (await t.api.post('/api/definitions/approval/instances').send({ businessKey: 'WF-1', variables: {} }).expect(201)).body;
    taskId = (await t.api.get('/api/tasks').query({ instance: started.id })).body[0].id;
  });
  afterEach(async () => {
    // Still serving.
    await t.api.get('/api/clock').expect(200);
  });
  after(async () => {
    await t.close();
    await database.stop();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  async function refused(request: Promise<{ status: number; body: { error: string; details: unknown } }>, error: RegExp, details: object) {
    const before = await t.qyzmet.store.counts();
    const res = await request;
    expect(res.status, JSON.stringify(res.body)).to.equal(400);
    expect(res.body.error).to.match(error);
    expect(res.body.details).to.deep.equal(details);
    expect(await t.qyzmet.store.counts()).to.deep.equal(before);
  }

  it('a path segment that is not percent-encoded UTF-8, or decodes to NUL', async () => {
    for (const id of ['%FF', '%ED%A0%80', '%C0%AE']) {
      await refused(t.api.get(`/api/instances/${id}`), new RegExp(`^path: the segment "${id}" is not percent-encoded UTF-8$`), { field: 'path', segment: id });
      await refused(t.api.post(`/api/tasks/${id}/complete`).send({}), /is not percent-encoded UTF-8/, { field: 'path', segment: id });
    }
    await refused(t.api.get('/api/tasks/a%00b'), /^path: the segment "a%00b" holds the NUL character \(U\+0000\)$/, { field: 'path', segment: 'a%00b' });
    await refused(t.api.post('/api/users/%00/disable'), /NUL/, { field: 'path', segment: '%00' });
    await refused(t.api.put('/api/calendar/overrides/%ED%BF%BF').send({ kind: 'dayOff', reason: 'x' }), /not percent-encoded UTF-8/, { field: 'path', segment: '%ED%BF%BF' });
  });

  it('a query value with NUL', async () => {
    await refused(t.api.get('/api/tasks?instance=%00'), /^query\.instance: holds the NUL character/, { field: 'query.instance' });
  });

  it('a body string with NUL or a lone surrogate, naming the field', async () => {
    await refused(t.api.post('/api/definitions/approval/instances').send({ businessKey: 'WF-\u0000', variables: {} }), /^businessKey: holds the NUL character/, { field: 'businessKey' });
    await refused(t.api.post('/api/definitions/approval/instances').send({ businessKey: 'WF-2', variables: { applicant: { name: 'Әлия \uD800' } } }), /^variables\.applicant\.name: is not well-formed Unicode \(a lone UTF-16 surrogate\)$/, { field: 'variables.applicant.name' });
    await refused(t.api.post(`/api/tasks/${taskId}/complete`).send({ variables: { ['note\uDC00']: 'x' } }), /^variables: has a property name that is not well-formed Unicode/, { field: 'variables' });
    // Paired surrogates (emoji) and Kazakh letters are text like any other.
    const ok = await t.api.post('/api/definitions/approval/instances').send({ businessKey: 'WF-3 😀', variables: { name: 'Қасымова Әлия Нұрланқызы 👩‍👩‍👧' } });
    expect(ok.status).to.equal(201);
    expect(ok.body.variables.name).to.equal('Қасымова Әлия Нұрланқызы 👩‍👩‍👧');
  });

  it('a body nested deeper than 64 levels', async () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100; i++) deep = { a: deep };
    const res = await t.api.post(`/api/tasks/${taskId}/complete`).send({ variables: deep as object });
    expect(res.status).to.equal(400);
    expect(res.body.error).to.match(/^variables(\.a)+: nests deeper than 64 levels$/);
    let fine: unknown = 'bottom';
    for (let i = 0; i < 30; i++) fine = [fine];
    await t.api.put(`/api/instances/${(await t.api.get(`/api/tasks/${taskId}`)).body.instanceId}/variables`).send({ variables: { fine } }).expect(200);
  });

  it('an /api path no route takes is a JSON 404, never the web app\'s page', async () => {
    for (const url of ['/api/..%2fetc%2fpasswd', '/api/instances/x/..%2f..%2f..%2f', '/api/nope']) {
      const res = await t.api.get(url).set('Accept', 'text/html');
      expect(res.status, url).to.equal(404);
      expect(res.body.error, url).to.equal(`no route GET ${url}`);
    }
  });

  it('a manual clock moved to 9000 or later, naming now', async () => {
    await refused(t.api.post('/api/clock').send({ now: '9999-12-31T23:59:59Z' }), /^now: 9999-12-31T23:59:59Z is past the latest instant the clock moves to, 9000-01-01T00:00:00.000Z$/, { field: 'now' });
  });
});
