import { expect } from 'chai';
import { seedDemoAccounts, demoPassword } from '../../src/server.js';
import { fixture, testQyzmet, type TestQyzmet } from '../support/app.js';
import { databaseTargets } from '../support/databases.js';

for (const database of databaseTargets()) describe(`signing in (${database.name})`, () => {
  let t: TestQyzmet;
  after(() => database.stop());
  beforeEach(async () => {
    t = await testQyzmet({ databaseUrl: await database.fresh(), env: { QYZMET_SESSION_HOURS: '12' } });
    // testQyzmet made the demo accounts already; a second pass adds none.
    expect(await seedDemoAccounts(t.qyzmet.accounts, 'default')).to.deep.equal([]);
  });
  afterEach(() => t.close());

  /** Sessions and accounts run on real time (the lease clock, standing still in tests until moved), not on the business clock. */
  const realTime = (hoursLater = 0) => new Date(t.leaseClock.now().getTime() + hoursLater * 3_600_000);
  const login = async (username: string, password = demoPassword) => (await t.anonymous.post('/api/auth/login').send({ username, password }).expect(200)).body as { token: string; expiresAt: string };

  it('signs a demo account in with a bearer token and an HTTP-only SameSite cookie; me names the user, roles, groups and provider', async () => {
    const res = await t.anonymous.post('/api/auth/login').send({ username: 'operator', password: demoPassword }).expect(200);
    expect(res.body.token).to.match(/^[\w-]{43}$/);
    // Twelve hours of real time after sign-in.
    expect(res.body.expiresAt).to.equal(realTime(12).toISOString());
    const cookie = res.headers['set-cookie']![0]!;
    expect(cookie).to.match(new RegExp(`^qyzmet_session=${res.body.token};`)).and.include('HttpOnly').and.include('SameSite=Strict').and.include('Path=/');

    const me = { username: 'operator', displayName: 'Айгүл Омарова', roles: ['operator'], groups: ['stateCorporation'], permissions: ['tasks.work', 'instances.start', 'instances.read'], provider: 'default' };
    expect((await t.anonymous.get('/api/auth/me').set('Authorization', `Bearer ${res.body.token}`).expect(200)).body).to.deep.equal(me);
    expect((await t.anonymous.get('/api/auth/me').set('Cookie', `qyzmet_session=${res.body.token}`).expect(200)).body).to.deep.equal(me);
    expect((await t.anonymous.get('/api/auth/me').expect(401)).body.error).to.match(/not signed in/);
  });

  it('gives one answer for an unknown user, a wrong password and a disabled account, and names missing fields', async () => {
    const admin = await login('admin');
    await t.anonymous.post('/api/users/head/disable').set('Authorization', `Bearer ${admin.token}`).expect(200);
    for (const [username, password] of [['nobody', demoPassword], ['executor', 'qyzmet-dem0'], ['head', demoPassword]]) {
      const res = await t.anonymous.post('/api/auth/login').send({ username, password }).expect(401);
      expect(res.body.error, username).to.equal('wrong username or password');
    }
    const bad = await t.anonymous.post('/api/auth/login').send({ username: 'admin' }).expect(400);
    expect(bad.body.details.fields).to.deep.include({ field: 'password', message: "must have required property 'password'" });
  });

  it('ends a session at sign-out and at expiry, and a disabled account\'s sessions at once', async () => {
    const first = await login('executor');
    const out = await t.anonymous.post('/api/auth/logout').set('Authorization', `Bearer ${first.token}`).expect(204);
    expect(out.headers['set-cookie']![0]).to.match(/^qyzmet_session=;.*Expires=Thu, 01 Jan 1970/);
    await t.anonymous.get('/api/auth/me').set('Authorization', `Bearer ${first.token}`).expect(401);

    const second = await login('executor');
    t.leaseClock.set(new Date(Date.parse(second.expiresAt) - 1000));
    await t.anonymous.get('/api/auth/me').set('Authorization', `Bearer ${second.token}`).expect(200);
    t.leaseClock.set(new Date(second.expiresAt));
    await t.anonymous.get('/api/auth/me').set('Authorization', `Bearer ${second.token}`).expect(401);

    const third = await login('executor');
    const admin = await login('admin');
    await t.anonymous.post('/api/users/executor/disable').set('Authorization', `Bearer ${admin.token}`).expect(200);
    await t.anonymous.get('/api/auth/me').set('Authorization', `Bearer ${third.token}`).expect(401);
    await t.anonymous.post('/api/users/executor/enable').set('Authorization', `Bearer ${admin.token}`).expect(200);
    await login('executor');
  });

  it('keeps a session while the business clock moves by days (QYZMET_CLOCK=manual), and ends it twelve real hours after sign-in', async () => {
    const session = await login('executor');
    expect(session.expiresAt).to.equal(realTime(12).toISOString());
    await t.api.post('/api/clock').send({ now: '2026-03-20T04:00:00Z' }).expect(200);
    await t.anonymous.get('/api/auth/me').set('Authorization', `Bearer ${session.token}`).expect(200);
    t.leaseClock.set(realTime(12));
    await t.anonymous.get('/api/auth/me').set('Authorization', `Bearer ${session.token}`).expect(401);
  });

  it('keeps a session whose expiry falls past year 9999 until then (an ISO text with a sign sorts before 2026)', async () => {
    t.leaseClock.set(new Date('9999-12-31T20:00:00Z'));
    const late = await login('executor');
    expect(late.expiresAt).to.equal('+010000-01-01T08:00:00.000Z');
    await t.anonymous.get('/api/auth/me').set('Authorization', `Bearer ${late.token}`).expect(200);
    t.leaseClock.set(new Date('+010000-01-01T08:00:00Z'));
    await t.anonymous.get('/api/auth/me').set('Authorization', `Bearer ${late.token}`).expect(401);
  });

  it('lets only an admin manage accounts: 401 without a session, 403 for other roles, 400 naming the field, 409 for a taken name', async () => {
    const account = { username: 'aigerim', password: 'correct horse battery', displayName: 'Айгерим Жанибекова', roles: ['operator'], provider: 'almaty-auezov' };
    await t.anonymous.post('/api/users').send(account).expect(401);
    for (const role of ['operator', 'executor', 'head', 'commission', 'analyst', 'auditor']) {
      const { token } = await login(role);
      const res = await t.anonymous.post('/api/users').set('Authorization', `Bearer ${token}`).send(account).expect(403);
      expect(res.body.error, role).to.include('accounts.manage');
      await t.anonymous.get('/api/users').set('Authorization', `Bearer ${token}`).expect(403);
    }
    const before = await t.qyzmet.store.counts();
    const { token } = await login('admin');
    const auth = { Authorization: `Bearer ${token}` };
    const bad = await t.anonymous.post('/api/users').set(auth).send({ ...account, roles: ['clerk'] }).expect(400);
    expect(bad.body.details.fields.map((f: { field: string }) => f.field)).to.include('roles.0');
    expect((await t.anonymous.post('/api/users').set(auth).send({ ...account, password: 'short' }).expect(400)).body.details.fields[0].field).to.equal('password');
    expect(await t.qyzmet.store.counts()).to.deep.include({ users: before.users });

    const created = (await t.anonymous.post('/api/users').set(auth).send(account).expect(201)).body;
    expect(created).to.deep.equal({ username: 'aigerim', displayName: 'Айгерим Жанибекова', roles: ['operator'], provider: 'almaty-auezov', disabled: false, createdAt: realTime().toISOString() });
    expect((await t.anonymous.post('/api/users').set(auth).send(account).expect(409)).body.error).to.equal('an account "aigerim" exists already');
    const list = (await t.anonymous.get('/api/users').set(auth).expect(200)).body as Array<Record<string, unknown>>;
    expect(list.map((a) => a.username)).to.deep.equal(['admin', 'aigerim', 'analyst', 'auditor', 'commission', 'executor', 'head', 'operator']);
    expect(list.every((a) => !('passwordHash' in a))).to.equal(true);
    await login('aigerim', 'correct horse battery');
  });

  it('records the signed-in user as the actor in history', async () => {
    await t.deploy(fixture('approval.bpmn'));
    const { token } = await login('operator');
    const started = (await t.anonymous.post('/api/definitions/approval/instances').set('Authorization', `Bearer ${token}`).send({ variables: {} }).expect(201)).body;
    const { history } = (await t.anonymous.get(`/api/instances/${started.id}`).set("Authorization", `Bearer ${token}`).expect(200)).body as { history: Array<{ type: string; actor: string }> };
    expect(history.find((e) => e.type === 'instance.started')?.actor).to.equal('operator');
  });
});
