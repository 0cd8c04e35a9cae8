import { expect } from 'chai';
import { permissionsOf, roles, type Permission, type Role } from '../../src/auth/index.js';
import { openapi } from '../../src/http/openapi.js';
import { fixture, testQyzmet, type TestQyzmet } from '../support/app.js';

/**
 * What each route of the OpenAPI document asks of the caller: nothing (`public`), a session
 * (`signedIn`), a permission, or (`task`) a task of the caller's groups and provider, decided
 * against the task itself (test below). A route missing here fails the first test.
 */
const required: Record<string, 'public' | 'signedIn' | 'task' | Permission> = {
  'GET /api/openapi.json': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'public',
  'GET /api/auth/me': 'signedIn',
  'GET /api/users': 'accounts.manage',
  'POST /api/users': 'accounts.manage',
  'POST /api/users/{username}/disable': 'accounts.manage',
  'POST /api/users/{username}/enable': 'accounts.manage',
  'GET /api/providers/{provider}/commission': 'accounts.manage',
  'PUT /api/providers/{provider}/commission': 'accounts.manage',
  'GET /api/providers': 'signedIn',
  'GET /api/providers/{provider}': 'signedIn',
  'PUT /api/providers/{provider}': 'accounts.manage',
  'POST /api/deployments': 'definitions.deploy',
  'POST /api/deployments/validate': 'definitions.deploy',
  'GET /api/definitions': 'signedIn',
  'GET /api/definitions/{key}': 'signedIn',
  'POST /api/definitions/{key}/instances': 'instances.start',
  'GET /api/decisions': 'signedIn',
  'GET /api/decisions/{key}': 'signedIn',
  'POST /api/decisions/{key}/evaluate': 'decisions.evaluate',
  'GET /api/instances': 'instances.read',
  'GET /api/instances/{id}': 'instances.read',
  'GET /api/stats': 'instances.read',
  'GET /api/instances/{id}/documents': 'instances.read',
  'GET /api/instances/{id}/audit': 'instances.read',
  'GET /api/documents/{id}': 'instances.read',
  'PUT /api/instances/{id}/variables': 'instances.manage',
  'POST /api/instances/{id}/cancel': 'instances.manage',
  'GET /api/tasks': 'signedIn',
  'GET /api/forms': 'signedIn',
  'GET /api/forms/{key}': 'signedIn',
  'POST /api/forms': 'definitions.deploy',
  'GET /api/forms/{key}/versions': 'signedIn',
  'GET /api/form-bindings': 'signedIn',
  'GET /api/definitions/{key}/start-form': 'signedIn',
  'GET /api/tasks/{id}/form': 'task',
  'GET /api/tasks/{id}': 'task',
  'POST /api/tasks/{id}/claim': 'task',
  'POST /api/tasks/{id}/unclaim': 'task',
  'POST /api/tasks/{id}/complete': 'task',
  'POST /api/tasks/reassign': 'tasks.reassign',
  'GET /api/tasks/assignees': 'tasks.reassign',
  'POST /api/messages': 'instances.start',
  'POST /api/signals': 'instances.manage',
  'GET /api/incidents': 'instances.manage',
  'POST /api/incidents/{id}/retry': 'instances.manage',
  'GET /api/queues/{list}': 'queues.read',
  'GET /api/calendar/deadline': 'signedIn',
  'GET /api/calendar/{year}': 'signedIn',
  'GET /api/calendar/overrides': 'signedIn',
  'PUT /api/calendar/overrides/{date}': 'calendar.edit',
  'DELETE /api/calendar/overrides/{date}': 'calendar.edit',
  'GET /api/settings/waiting-list-income-limit': 'signedIn',
  'PUT /api/settings/waiting-list-income-limit': 'settings.edit',
  'DELETE /api/settings/waiting-list-income-limit': 'settings.edit',
  'GET /api/settings/archive-period': 'signedIn',
  'PUT /api/settings/archive-period': 'settings.edit',
  'DELETE /api/settings/archive-period': 'settings.edit',
  'POST /api/archive/run': 'instances.manage',
  'GET /api/clock': 'signedIn',
  'POST /api/clock': 'instances.manage',
  'GET /api/subjects/{iin}/export': 'accounts.manage',
  'GET /api/applicants/{iin}': 'instances.start',
};

const examples: Record<string, string> = { iin: '750930410421', id: '00000000-0000-4000-8000-000000000000', key: 'no-such-key', username: 'nobody', provider: 'default', year: '2026', date: '2026-01-03', list: 'sociallyVulnerable' };
const routes = Object.entries(openapi.paths as Record<string, Record<string, unknown>>).flatMap(([route, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${route}`));

describe('authorization on every route of the OpenAPI document', () => {
  let t: TestQyzmet;
  before(async () => {
    t = await testQyzmet();
  });
  after(() => t.close());

  it('knows what every documented route requires', () => {
    expect(routes.filter((r) => !(r in required))).to.deep.equal([]);
    expect(Object.keys(required).filter((r) => !routes.includes(r))).to.deep.equal([]);
  });

  it('answers 401 without a session, 403 to a role without the permission, and lets the others through', async () => {
    const problems: string[] = [];
    for (const route of routes) {
      const [method, template] = route.split(' ') as [string, string];
      const url = template.replace(/\{(\w+)\}/g, (_, name: string) => examples[name]!);
      const need = required[route]!;
      const send = (agent: Awaited<ReturnType<TestQyzmet['as']>> | ReturnType<typeof t.anonymous.get> extends never ? never : any) => agent[method.toLowerCase()](url).send({});
      const anonymous = (await send(t.anonymous)).status;
      if (need !== 'public' && anonymous !== 401) problems.push(`${route} anonymous: ${anonymous}, not 401`);
      if (need === 'public') continue;
      for (const role of roles) {
        const status = (await send(await t.as(role))).status;
        const allowed = need === 'signedIn' || need === 'task' || permissionsOf([role as Role]).includes(need);
        if (allowed && (status === 401 || status === 403)) problems.push(`${route} as ${role}: ${status}, but the role may`);
        if (!allowed && status !== 403) problems.push(`${route} as ${role}: ${status}, not 403`);
        if (status >= 500) problems.push(`${route} as ${role}: ${status}`);
      }
    }
    expect(problems).to.deep.equal([]);
  });

  it('keeps tasks to their groups and provider, and a claimed task to whoever holds it until a head reassigns it', async () => {
    await t.deploy(fixture('approval.bpmn'));
    const operator = await t.as('operator');
    const executor = await t.as('executor');
    const head = await t.as('head');
    const started = (await operator.post('/api/definitions/approval/instances').send({ businessKey: 'AUTH-1', variables: {} }).expect(201)).body;
    const [task] = (await t.api.get('/api/tasks').query({ instance: started.id })).body as Array<{ id: string; candidateGroups: string[]; provider: string }>;
    expect(task!.provider).to.equal('default');
    const groups = task!.candidateGroups;
    // approval.bpmn offers its task to a group no demo clerk is in: the clerks do not see it, the provider's heads do.
    expect(groups).to.deep.equal(['clerks']);
    expect((await executor.get('/api/tasks').query({ instance: started.id })).body).to.deep.equal([]);
    await executor.get(`/api/tasks/${task!.id}`).expect(404);
    await executor.post(`/api/tasks/${task!.id}/claim`).send({}).expect(404);
    await operator.post(`/api/tasks/${task!.id}/complete`).send({ variables: {} }).expect(404);

    // Another head of the same provider.
    await t.api.post('/api/users').send({ username: 'aigerim', password: 'correct horse battery', displayName: 'Айгерим', roles: ['head'], provider: 'default' }).expect(201);
    const aigerim = await t.as('aigerim', 'correct horse battery');
    expect((await head.post(`/api/tasks/${task!.id}/claim`).send({})).body.assignee).to.equal('head');
    expect((await aigerim.post(`/api/tasks/${task!.id}/complete`).send({ variables: {} }).expect(403)).body.error).to.match(/claimed by head/);
    await t.api.post(`/api/tasks/${task!.id}/complete`).send({ variables: {} }).expect(403);
    // A head reassigns it (the holder is on leave); now only the new assignee completes it.
    expect((await aigerim.post(`/api/tasks/${task!.id}/claim`).send({ user: 'aigerim' }).expect(200)).body.assignee).to.equal('aigerim');
    await head.post(`/api/tasks/${task!.id}/complete`).send({ variables: {} }).expect(403);
    const done = (await aigerim.post(`/api/tasks/${task!.id}/complete`).send({ variables: {} }).expect(200)).body;
    expect(done.status).to.equal('completed');
    const claims = (await t.api.get(`/api/instances/${started.id}`)).body.history.filter((h: { type: string }) => h.type === 'task.claimed').map((h: { actor: string; data: unknown }) => ({ actor: h.actor, data: h.data }));
    expect(claims).to.deep.equal([
      { actor: 'head', data: { assignee: 'head' } },
      { actor: 'aigerim', data: { assignee: 'aigerim', previousAssignee: 'head' } },
    ]);
  });

  it('keeps each provider to its own cases; an admin sees all', async () => {
    await t.deploy(fixture('approval.bpmn'));
    await t.api.post('/api/users').send({ username: 'medeu-head', password: 'correct horse battery', displayName: 'Medeu head', roles: ['head', 'operator'], provider: 'almaty-medeu' }).expect(201);
    const medeu = await t.as('medeu-head', 'correct horse battery');
    const ours = (await (await t.as('operator')).post('/api/definitions/approval/instances').send({ businessKey: 'AUTH-2', variables: {} }).expect(201)).body;
    const theirs = (await medeu.post('/api/definitions/approval/instances').send({ businessKey: 'AUTH-3', variables: {} }).expect(201)).body;
    expect(theirs.provider).to.equal('almaty-medeu');
    await medeu.post('/api/definitions/approval/instances').send({ businessKey: 'AUTH-4', variables: {}, provider: 'default' }).expect(403);
    expect((await medeu.get('/api/instances')).body.map((i: { id: string }) => i.id)).to.deep.equal([theirs.id]);
    await medeu.get(`/api/instances/${ours.id}`).expect(404);
    const medeuTasks = (await medeu.get('/api/tasks')).body as Array<{ instanceId: string }>;
    expect(medeuTasks.map((x) => x.instanceId)).to.deep.equal([theirs.id]);
    const headTasks = (await (await t.as('head')).get('/api/tasks')).body as Array<{ instanceId: string }>;
    expect(headTasks.map((x) => x.instanceId)).to.not.include(theirs.id);
    const all = (await t.api.get('/api/instances')).body.map((i: { id: string }) => i.id);
    expect(all).to.include.members([ours.id, theirs.id]);
  });
});
