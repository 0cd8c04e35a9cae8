import { expect } from 'chai';
import express from 'express';
import supertest from 'supertest';
import { ForbiddenError, QyzmetError } from '../../src/errors/index.js';
import { errorHandler } from '../../src/http/errors.js';
import { demoPassword, seedDemoAccounts } from '../../src/server.js';
import { fixture, testQyzmet, type TestQyzmet } from '../support/app.js';

describe('hardening of the HTTP API', () => {
  let t: TestQyzmet;
  afterEach(() => t?.close());

  const login = async (username: string) => (await t.anonymous.post('/api/auth/login').send({ username, password: demoPassword }).expect(200)).body as { token: string; csrfToken: string };

  describe('headers and bodies', () => {
    // Every request signs in as admin, so that what is tested is the body, not the permission.
    let auth: Record<string, string>;
    beforeEach(async () => {
      t = await testQyzmet({ services: { 'test.lookup': async () => ({ score: 1 }) } });
      await seedDemoAccounts(t.qyzmet.accounts, 'almaty-auezov');
      auth = { Authorization: `Bearer ${(await login('admin')).token}` };
      await t.anonymous.post('/api/deployments').set(auth).send({ name: 'review.bpmn', xml: fixture('review.bpmn') }).expect(201);
    });

    it('sends helmet\'s security headers and no X-Powered-By', async () => {
      const res = await t.anonymous.get('/api/clock').set(auth).expect(200);
      expect(res.headers['x-content-type-options']).to.equal('nosniff');
      expect(res.headers['content-security-policy']).to.include("default-src 'self'");
      expect(res.headers['x-frame-options']).to.equal('SAMEORIGIN');
      expect(res.headers['strict-transport-security']).to.match(/^max-age=\d+/);
      expect(res.headers).not.to.have.property('x-powered-by');
    });

    it('documents the export route, the login\'s 429 and the CSRF token in the OpenAPI document', async () => {
      const doc = (await t.anonymous.get('/api/openapi.json').set(auth)).body;
      expect(doc.paths['/api/subjects/{iin}/export'].get.responses).to.have.keys('200', '400', '401', '403');
      expect(doc.paths['/api/auth/login'].post.responses['429'].headers).to.have.property('Retry-After');
      expect(doc.paths['/api/auth/login'].post.summary).to.include('X-CSRF-Token');
    });

    it('answers malformed JSON with a 400 naming the body, changes nothing, and keeps serving', async () => {
      const before = await t.qyzmet.store.counts();
      for (const text of ['{"businessKey": "A-1", "variables": {', '{"businessKey": \'A-1\'}', 'nul', '[1,]']) {
        const res = await t.anonymous.post('/api/definitions/review/instances').set(auth).set('Content-Type', 'application/json').send(text);
        expect(res.status, text).to.equal(400);
        expect(res.body.error, text).to.match(/^request body: not valid JSON/);
        expect(res.body.details).to.deep.equal({ field: 'body' });
        expect(JSON.stringify(res.body)).not.to.match(/node_modules|at .*\.js|\.ts:\d+/);
      }
      expect(await t.qyzmet.store.counts()).to.deep.equal(before);
      const started = await t.anonymous.post('/api/definitions/review/instances').set(auth).send({ businessKey: 'A-1', variables: {} });
      expect(started.status).to.equal(201);
    });

    it('answers a body over the route\'s limit with a 413 naming the limit, lets deployments be larger, and keeps serving', async () => {
      const before = await t.qyzmet.store.counts();
      const big = 'x'.repeat(300 * 1024);
      const res = await t.anonymous.post('/api/definitions/review/instances').set(auth).send({ businessKey: 'A-2', variables: { note: big } });
      expect(res.status).to.equal(413);
      expect(res.body).to.deep.equal({ error: 'request body: larger than the 262144 bytes this route accepts', details: { field: 'body', limit: 262144 } });
      const login = await t.anonymous.post('/api/auth/login').send({ username: 'admin', password: 'p'.repeat(5000) });
      expect(login.status).to.equal(413);
      expect(login.body.details.limit).to.equal(4096);
      expect(await t.qyzmet.store.counts()).to.deep.equal(before);

      // The same 300 KB in a BPMN file is a normal deployment: its checks answer, not the parser.
      const xml = fixture('review.bpmn').replace('</definitions>', `<!-- ${big} --></definitions>`);
      const validated = await t.anonymous.post('/api/deployments/validate').set(auth).send({ xml });
      expect(validated.status, JSON.stringify(validated.body).slice(0, 300)).to.equal(200);
      expect((await t.anonymous.post('/api/definitions/review/instances').set(auth).send({ businessKey: 'A-2', variables: {} })).status).to.equal(201);
    });

    it('answers a deeply nested or non-JSON body with a 4xx, never a 5xx', async () => {
      const deep = '['.repeat(50_000) + ']'.repeat(50_000);
      const nested = await t.anonymous.post('/api/definitions/review/instances').set(auth).set('Content-Type', 'application/json').send(deep);
      expect(nested.status).to.be.within(400, 499);
      const text = await t.anonymous.post('/api/definitions/review/instances').set(auth).set('Content-Type', 'text/plain').send('businessKey=A-3');
      expect(text.status).to.equal(415);
      expect(text.body).to.deep.equal({ error: 'request body: send the body as application/json, not text/plain', details: { field: 'body' } });
      const none = await t.anonymous.post('/api/tasks/no-such-task/complete').set(auth);
      expect(none.status).to.be.within(400, 499);
      const charset = await t.anonymous.post('/api/definitions/review/instances').set(auth).set('Content-Type', 'application/json; charset=klingon').send('{}');
      expect(charset.status).to.equal(415);
      expect(charset.body.details).to.deep.equal({ field: 'body' });
      expect((await t.anonymous.get('/api/clock').set(auth)).status).to.equal(200);
    });
  });

  describe('sign-in', () => {
    beforeEach(async () => {
      t = await testQyzmet({ env: { QYZMET_LOGIN_FAILURES_PER_IP: '8' } });
      await seedDemoAccounts(t.qyzmet.accounts, 'almaty-auezov');
    });

    it('throttles one username after 5 failed sign-ins with a 429 and Retry-After, even for the right password; others still sign in', async () => {
      for (let i = 1; i <= 5; i++) await t.anonymous.post('/api/auth/login').send({ username: 'executor', password: `guess-${i}` }).expect(401);
      const throttled = await t.anonymous.post('/api/auth/login').send({ username: 'executor', password: demoPassword });
      expect(throttled.status).to.equal(429);
      expect(Number(throttled.headers['retry-after'])).to.be.within(1, 15 * 60);
      expect(throttled.body.error).to.match(/^too many failed sign-ins; try again in \d+ seconds$/);
      // The same name in other letters is the same account.
      expect((await t.anonymous.post('/api/auth/login').send({ username: 'EXECUTOR', password: demoPassword })).status).to.equal(429);
      await login('operator');
      await login('operator');
    });

    it('throttles one address trying many usernames', async () => {
      for (let i = 1; i <= 8; i++) await t.anonymous.post('/api/auth/login').send({ username: `user${i}`, password: 'guess' }).expect(401);
      const res = await t.anonymous.post('/api/auth/login').send({ username: 'admin', password: demoPassword });
      expect(res.status).to.equal(429);
      expect(res.headers).to.have.property('retry-after');
    });
  });

  describe('CSRF', () => {
    beforeEach(async () => {
      t = await testQyzmet();
      await seedDemoAccounts(t.qyzmet.accounts, 'almaty-auezov');
    });

    const account = { username: 'aigerim', password: 'correct horse battery', displayName: 'Айгерим', roles: ['operator'], provider: 'almaty-auezov' };

    it('refuses a change signed in by the cookie alone, takes it with the sign-in\'s csrfToken, and exempts bearer tokens', async () => {
      const res = await t.anonymous.post('/api/auth/login').send({ username: 'admin', password: demoPassword }).expect(200);
      const cookies = res.headers['set-cookie'] as unknown as string[];
      expect(cookies[1]).to.match(new RegExp(`^qyzmet_csrf=${res.body.csrfToken};`)).and.not.include('HttpOnly');
      const cookie = `qyzmet_session=${res.body.token}; qyzmet_csrf=${res.body.csrfToken}`;

      const forged = await t.anonymous.post('/api/users').set('Cookie', cookie).send(account);
      expect(forged.status).to.equal(403);
      expect(forged.body.error).to.match(/^missing CSRF token/);
      const wrong = await t.anonymous.post('/api/users').set('Cookie', cookie).set('X-CSRF-Token', 'A'.repeat(43)).send(account);
      expect(wrong.status).to.equal(403);
      expect(wrong.body.error).to.match(/^wrong CSRF token/);
      expect((await t.anonymous.get('/api/users').set('Cookie', cookie)).status).to.equal(200);
      expect((await t.anonymous.get('/api/users').set('Cookie', cookie)).body.map((a: { username: string }) => a.username)).not.to.include('aigerim');

      await t.anonymous.post('/api/users').set('Cookie', cookie).set('X-CSRF-Token', res.body.csrfToken).send(account).expect(201);
      // Another session's token does not fit this one.
      const other = await login('admin');
      expect((await t.anonymous.post('/api/users/aigerim/disable').set('Cookie', cookie).set('X-CSRF-Token', other.csrfToken)).status).to.equal(403);
      await t.anonymous.post('/api/users/aigerim/disable').set('Authorization', `Bearer ${other.token}`).expect(200);
      await t.anonymous.post('/api/auth/logout').set('Cookie', cookie).expect(403);
      await t.anonymous.post('/api/auth/logout').set('Cookie', cookie).set('X-CSRF-Token', res.body.csrfToken).expect(204);
    });
  });

  describe('5xx answers', () => {
    it('never carry the message, stack or details of an unexpected error', async () => {
      const logged: unknown[] = [];
      const app = express();
      app.get('/boom', () => {
        throw new Error('select * from users where iin = 900101300123 at /srv/qyzmet/src/store/users.ts:12');
      });
      app.get('/qyzmet-500', () => {
        throw new QyzmetError('database pool exhausted: postgres://qyzmet:secret@db/qyzmet', { sql: 'select 1' });
      });
      app.get('/forbidden', () => {
        throw new ForbiddenError('not you', { permission: 'x' });
      });
      app.use(errorHandler({ error: (e: unknown) => logged.push(e) }));
      for (const route of ['/boom', '/qyzmet-500']) {
        const res = await supertest(app).get(route);
        expect(res.status, route).to.equal(500);
        expect(res.body, route).to.deep.equal({ error: 'internal error', details: null });
      }
      expect(logged).to.have.length(2);
      expect((await supertest(app).get('/forbidden')).body).to.deep.equal({ error: 'not you', details: { permission: 'x' } });
    });
  });
});
