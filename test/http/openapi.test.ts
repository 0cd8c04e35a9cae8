import { expect } from 'chai';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { Validator } from '@seriousme/openapi-schema-validator';
import type { Response } from 'supertest';
import { openapi } from '../../src/http/openapi.js';
import { demoPassword } from '../../src/server.js';
import { fixture, testQyzmet, type TestQyzmet } from '../support/app.js';
import { startSimulator, type SimulatorProcess } from '../support/simulator.js';
import { dmn, rule } from '../decisions/dmn.js';

/** The document as a client downloads it (plain JSON, no shared object identities). */
const doc = JSON.parse(JSON.stringify(openapi)) as {
  security: object[];
  components: { securitySchemes: Record<string, { type: string; in?: string; name?: string; scheme?: string }>; schemas: Record<string, object> };
  paths: Record<string, Record<string, Operation>>;
};
interface MediaType {
  schema?: object;
  example?: unknown;
  examples?: Record<string, { value: unknown }>;
}
interface Operation {
  security?: object[];
  parameters?: { name: string; in: string; example?: unknown }[];
  requestBody?: { content: Record<string, MediaType> };
  responses: Record<string, { content?: Record<string, MediaType>; headers?: Record<string, { example?: unknown }> }>;
}
const operations = Object.entries(doc.paths).flatMap(([template, methods]) => Object.entries(methods).map(([method, op]) => ({ method, template, op })));

const ajv = new Ajv2020({ allErrors: true, strict: false });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const docId = 'https://qyzmet.kz/openapi.json';
ajv.addSchema({ ...doc, $id: docId });
const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
/** The validator of a schema inside the document, its `$ref`s resolved against the document. */
const validatorAt = (...parts: string[]) => ajv.getSchema(`${docId}#/${pointer(...parts)}`)!;
const problems = (v: ReturnType<typeof validatorAt>) => (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${e.params.additionalProperty})` : ''}`);

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(doc as never);
    expect(result.errors ?? []).to.deep.equal([]);
    expect(result.valid).to.equal(true);
  });

  it('declares the bearer token, the session cookie and the CSRF header, and applies them to every route but sign-in and itself', () => {
    const schemes = doc.components.securitySchemes;
    expect(schemes.bearerToken).to.include({ type: 'http', scheme: 'bearer' });
    expect(schemes.sessionCookie).to.include({ type: 'apiKey', in: 'cookie', name: 'qyzmet_session' });
    expect(schemes.csrfToken).to.include({ type: 'apiKey', in: 'header', name: 'X-CSRF-Token' });
    const open = operations.filter(({ op }) => op.security?.length === 0).map(({ method, template }) => `${method} ${template}`);
    expect(open).to.deep.equal(['get /api/openapi.json', 'post /api/auth/login']);
    for (const { method, template, op } of operations) {
      if (op.security?.length === 0) continue;
      const where = `${method} ${template}`;
      expect(op.security, where).to.deep.include({ bearerToken: [] });
      // A cookie-signed change needs the CSRF header too; a read does not.
      expect(op.security, where).to.deep.include(method === 'get' ? { sessionCookie: [] } : { sessionCookie: [], csrfToken: [] });
      if (template !== '/api/auth/logout') expect(op.responses, where).to.include.keys('401');
    }
  });

  it('declares the document download as application/pdf', () => {
    const ok = doc.paths['/api/documents/{id}']!.get!.responses['200']!;
    expect(Object.keys(ok.content!)).to.deep.equal(['application/pdf']);
    expect(ok.headers).to.include.keys('Content-Disposition', 'X-Content-SHA256');
  });

  it('gives every route an example, and every example fits its schema', () => {
    const missing: string[] = [];
    const wrong: string[] = [];
    for (const { method, template, op } of operations) {
      let found = (op.parameters ?? []).some((p) => p.example !== undefined);
      const check = (media: MediaType, ...at: string[]) => {
        const values = [...(media.example !== undefined ? [media.example] : []), ...Object.values(media.examples ?? {}).map((e) => e.value)];
        if (values.length) found = true;
        if (!media.schema) return;
        const validate = validatorAt('paths', template, method, ...at, 'schema');
        for (const value of values) if (!validate(value)) wrong.push(`${method} ${template} ${at.join(' ')}: ${problems(validate).join('; ')}`);
      };
      for (const [type, media] of Object.entries(op.requestBody?.content ?? {})) check(media, 'requestBody', 'content', type);
      for (const [status, response] of Object.entries(op.responses)) {
        for (const [type, media] of Object.entries(response.content ?? {})) check(media, 'responses', status, 'content', type);
        if (Object.values(response.headers ?? {}).some((h) => h.example !== undefined)) found = true;
      }
      if (!found) missing.push(`${method} ${template}`);
    }
    expect(wrong).to.deep.equal([]);
    expect(missing).to.deep.equal([]);
  });

  describe('matches what the server answers in a real case', () => {
    let t: TestQyzmet;
    let sim: SimulatorProcess;
    before(async () => {
      sim = await startSimulator();
      t = await testQyzmet({ gatewayUrl: sim.url });
    });
    after(async () => {
      await t.close();
      await sim.stop();
    });

    const checked = new Set<string>();
    /** The operation a request hits, and the declared answer for its status; a JSON body must fit the schema exactly. */
    function conforms(method: string, url: string, res: Response) {
      const path = url.split('?')[0]!;
      // A literal segment wins over a parameter (/api/calendar/overrides is not the year "overrides").
      const params = (template: string) => template.split('{').length;
      const found = operations
        .filter((o) => o.method === method && new RegExp(`^${o.template.replace(/\{\w+\}/g, '[^/]+')}$`).test(path))
        .sort((a, b) => params(a.template) - params(b.template))[0];
      expect(found, `${method} ${path} is not in the document`).to.not.equal(undefined);
      const { template, op } = found!;
      const where = `${method.toUpperCase()} ${template} → ${res.status}`;
      const declared = op.responses[String(res.status)];
      expect(declared, `${where} is not declared`).to.not.equal(undefined);
      const type = (res.headers['content-type'] ?? '').split(';')[0]!;
      if (!declared!.content) {
        expect(type, `${where} declares no body`).to.equal('');
      } else {
        expect(Object.keys(declared!.content), `${where} content type`).to.include(type);
        if (type === 'application/json') {
          const validate = validatorAt('paths', template, method, 'responses', String(res.status), 'content', type, 'schema');
          const body = Buffer.isBuffer(res.body) ? JSON.parse(res.body.toString('utf8')) : res.body;
          expect(validate(body), `${where}: ${problems(validate).join('; ')}`).to.equal(true);
        }
      }
      checked.add(`${method.toUpperCase()} ${template} ${res.status}`);
      return res;
    }

    type Agent = Awaited<ReturnType<TestQyzmet['as']>>;
    const call = async (agent: Agent | TestQyzmet['anonymous'], method: 'get' | 'post' | 'put' | 'delete', url: string, body?: object) => {
      let req = agent[method](url);
      if (body) req = req.send(body);
      // Files arrive as bytes; a JSON failure from the same route is read from them.
      if (url.startsWith('/api/documents/')) req = req.buffer(true).parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
      return conforms(method, url, await req);
    };

    it('signing in, deploying, starting, working and auditing a case, and the admin routes', async () => {
      const anonymous = t.anonymous;
      expect((await call(anonymous, 'get', '/api/openapi.json')).status).to.equal(200);
      expect((await call(anonymous, 'get', '/api/tasks')).status).to.equal(401);
      const session = (await call(anonymous, 'post', '/api/auth/login', { username: 'analyst', password: demoPassword })).body;
      expect((await call(anonymous, 'post', '/api/auth/login', { username: 'analyst', password: 'wrong password' })).status).to.equal(401);
      const analyst = (await t.as('analyst')).set('Authorization', `Bearer ${session.token}`);
      const operator = await t.as('operator');
      const admin = t.api;

      expect((await call(analyst, 'get', '/api/auth/me')).body.username).to.equal('analyst');
      expect((await call(analyst, 'post', '/api/deployments/validate', { xml: fixture('receipt.bpmn') })).status).to.equal(200);
      expect((await call(analyst, 'post', '/api/deployments/validate', { xml: '<definitions/>' })).status).to.equal(400);
      expect((await call(analyst, 'post', '/api/deployments', { name: 'receipt.bpmn', xml: fixture('receipt.bpmn') })).status).to.equal(201);
      expect((await call(analyst, 'post', '/api/deployments', { name: 'receipt.bpmn', xml: fixture('receipt.bpmn') })).status).to.equal(200);
      await call(analyst, 'get', '/api/definitions');
      await call(analyst, 'get', '/api/definitions/receipt');
      expect((await call(analyst, 'get', '/api/definitions/nope')).status).to.equal(404);
      const table = dmn({ id: 'queueCategory', name: 'Queue category', inputs: [{ label: 'Owns housing', expression: 'ownsHousing' }], outputs: [{ name: 'category' }], rules: [rule('owns', ['true'], ['"denied"']), rule('owns-not', ['false'], ['"eligible"'])] });
      expect((await call(analyst, 'post', '/api/deployments/validate', { xml: table })).status).to.equal(200);
      expect((await call(analyst, 'post', '/api/deployments', { name: 'queue-category.dmn', xml: table })).status).to.equal(201);
      expect((await call(analyst, 'get', '/api/decisions')).body).to.have.length(1);
      await call(analyst, 'get', '/api/decisions/queueCategory');
      expect((await call(analyst, 'get', '/api/decisions/nope')).status).to.equal(404);
      expect((await call(analyst, 'post', '/api/decisions/queueCategory/evaluate', { variables: { ownsHousing: true } })).body.matchedRules).to.deep.equal(['owns']);
      expect((await call(analyst, 'post', '/api/decisions/queueCategory/evaluate', {})).status).to.equal(400);
      expect((await call(analyst, 'post', '/api/definitions/receipt/instances', { businessKey: 'HA-1' })).status).to.equal(403);

      const started = (await call(admin, 'post', '/api/definitions/receipt/instances', { businessKey: 'HA-2026-000017', variables: { iin: '750930410421', personalDataConsent: true } })).body;
      expect((await call(admin, 'post', '/api/definitions/receipt/instances', { businessKey: 'HA-2026-000017' })).status).to.equal(409);
      expect((await call(admin, 'post', '/api/definitions/receipt/instances', { businessKey: 7 })).status).to.equal(400);
      expect((await call(operator, 'get', '/api/instances?status=running')).headers['x-total-count']).to.equal('1');
      await call(operator, 'get', '/api/stats');
      expect((await call(operator, 'get', '/api/applicants/510203410142')).body.lastName).to.be.a('string');
      expect((await call(operator, 'get', '/api/applicants/000000000000')).status).to.equal(400);
      const [task] = (await call(admin, 'get', `/api/tasks?instance=${started.id}`)).body;
      await call(admin, 'get', `/api/tasks/${task.id}`);
      expect((await call(admin, 'get', `/api/tasks/${task.id}/form`)).status).to.equal(404);
      expect((await call(admin, 'post', `/api/tasks/${task.id}/claim`, { user: 'operator' })).body.assignee).to.equal('operator');
      expect((await call(admin, 'post', `/api/tasks/${task.id}/complete`, { variables: {} })).status).to.equal(403);
      await call(admin, 'post', `/api/tasks/${task.id}/unclaim`);
      expect((await call(admin, 'get', '/api/tasks/assignees')).body.map((p: { username: string }) => p.username)).to.include('operator').and.not.include('auditor');
      expect((await call(admin, 'post', '/api/tasks/reassign', { taskIds: [task.id], assignee: 'operator' })).body[0].assignee).to.equal('operator');
      expect((await call(admin, 'post', '/api/tasks/reassign', { taskIds: [task.id], assignee: 'auditor' })).status).to.equal(400);
      await call(admin, 'post', `/api/tasks/${task.id}/unclaim`);
      expect((await call(admin, 'post', `/api/tasks/${task.id}/complete`, { variables: { checklist: { identityDocument: 'present', familyIncome: 'missing' } } })).status).to.equal(200);
      await t.qyzmet.jobs.runDue();

      const details = (await call(admin, 'get', `/api/instances/${started.id}`)).body;
      expect(details.status).to.equal('completed');
      expect(details.history.length).to.be.greaterThan(5);
      expect((await call(admin, 'get', `/api/instances/${started.id}/audit`)).body.intact).to.equal(true);
      const [document] = (await call(admin, 'get', `/api/instances/${started.id}/documents`)).body;
      const file = await call(admin, 'get', document.url);
      expect(file.headers['content-type']).to.equal('application/pdf');
      expect((file.body as Buffer).subarray(0, 5).toString()).to.equal('%PDF-');
      expect((await call(admin, 'get', '/api/documents/nope')).status).to.equal(404);
      await call(admin, 'get', '/api/subjects/750930410421/export');

      await call(admin, 'get', '/api/users');
      expect((await call(admin, 'post', '/api/users', { username: 'aigerim', password: 'correct horse battery', displayName: 'Айгерім', roles: ['head'], provider: 'default' })).status).to.equal(201);
      expect((await call(admin, 'post', '/api/users', { username: 'aigerim' })).status).to.equal(400);
      expect((await call(operator, 'get', '/api/users')).status).to.equal(403);
      await call(admin, 'post', '/api/users/aigerim/disable');
      await call(admin, 'post', '/api/users/aigerim/enable');
      expect((await call(admin, 'get', '/api/providers/default/commission')).status).to.equal(404);
      const commission = (await call(admin, 'put', '/api/providers/default/commission', { members: ['commission', 'head', 'aigerim'], chair: 'head' })).body;
      expect(commission.members.map((m: { username: string }) => m.username)).to.deep.equal(['commission', 'head', 'aigerim']);
      expect((await call(admin, 'put', '/api/providers/default/commission', { members: ['commission', 'nobody'], chair: 'commission' })).body.details.fields).to.deep.equal([{ field: 'members[1]', message: '"nobody" is no account' }]);
      expect((await call(admin, 'put', '/api/providers/default/commission', { members: [], chair: 'head' })).body.details.fields.map((f: { field: string }) => f.field)).to.include('members');
      expect((await call(admin, 'get', '/api/providers/default/commission')).body.changes).to.have.length(1);
      expect((await call(admin, 'get', '/api/providers/default')).status).to.equal(404);
      const provider = (await call(admin, 'put', '/api/providers/default', { names: { kk: 'Әкімдік', ru: 'Акимат', en: 'Akimat' }, bin: null, address: null, services: { national: { kk: 'Бөлім', ru: 'Отдел', en: 'Department' } } })).body;
      expect(provider.services.national.en).to.equal('Department');
      expect((await call(admin, 'put', '/api/providers/default', { names: { kk: 'Әкімдік', ru: 'Акимат' }, bin: null, address: null, services: {} })).body.details.fields.map((f: { field: string }) => f.field)).to.deep.equal(['names.en']);
      expect((await call(admin, 'get', '/api/providers')).body).to.deep.equal([provider]);
      await call(admin, 'get', '/api/providers/default');

      const second = (await call(admin, 'post', '/api/definitions/receipt/instances', { businessKey: 'HA-2026-000018', variables: {} })).body;
      await call(admin, 'put', `/api/instances/${second.id}/variables`, { variables: { familySize: 3 } });
      await call(admin, 'post', `/api/instances/${second.id}/cancel`);
      expect((await call(admin, 'post', `/api/instances/${second.id}/cancel`)).status).to.equal(409);
      await call(admin, 'get', '/api/incidents');
      await t.deploy(fixture('queue.bpmn'));
      const queued = (await call(admin, 'post', '/api/definitions/queueApproval/instances', { variables: { queueList: 'sociallyVulnerable', locality: 'Almaty', iin: '850214410915', applicant: 'Есенова Мадина Бауыржановна', proceed: true } })).body;
      await t.qyzmet.jobs.runDue();
      const executor = await t.as('executor');
      expect((await call(executor, 'get', '/api/queues/sociallyVulnerable?locality=Almaty')).body.entries).to.deep.equal([{ number: 1, locality: 'Almaty', registeredAt: '2026-03-02T04:00:00.000Z', applicant: { name: 'Есенова М. Б.', iin: '********0915' }, caseId: queued.id, updatedAt: null }]);
      expect((await call(executor, 'get', '/api/queues/stateHousing')).status).to.equal(400);
      expect((await call(operator, 'get', '/api/queues/sociallyVulnerable')).status).to.equal(403);
      await call(admin, 'post', '/api/signals', { name: 'regulationChanged' });
      expect((await call(admin, 'post', '/api/messages', { name: 'documentsReceived', businessKey: 'HA-2026-000018' })).status).to.equal(404);
      await call(admin, 'get', '/api/forms');
      await call(admin, 'get', '/api/forms/ha-review');
      const review = (await call(admin, 'get', '/api/forms/ha-review')).body;
      expect((await call(analyst, 'post', '/api/forms', { key: 'ha-review', schema: review.schema, ui: review.ui })).status).to.equal(200);
      expect((await call(analyst, 'post', '/api/forms', { key: 'ha-review', schema: { ...review.schema, description: 'changed' }, ui: review.ui })).status).to.equal(201);
      expect((await call(analyst, 'post', '/api/forms', { key: 'ha-review', schema: { type: 'nonsense' }, ui: review.ui })).status).to.equal(400);
      expect((await call(admin, 'get', '/api/forms/ha-review/versions')).body).to.have.length(2);
      expect((await call(admin, 'get', '/api/forms/nope/versions')).status).to.equal(404);
      expect((await call(admin, 'get', '/api/form-bindings?definition=nope')).status).to.equal(404);
      expect((await call(admin, 'get', '/api/definitions/receipt/start-form')).status).to.equal(404);
      const withApplication = fixture('approval.bpmn').replace('<startEvent id="start"/>', '<startEvent id="start" camunda:formKey="decision"/>');
      expect((await call(analyst, 'post', '/api/deployments', { name: 'approval.bpmn', xml: withApplication })).status).to.equal(201);
      expect((await call(admin, 'get', '/api/definitions/approval/start-form')).body).to.include({ key: 'decision', version: 1 });
      expect((await call(admin, 'get', '/api/form-bindings?definition=approval')).body[0]).to.include({ definition: 'approval', definitionVersion: 1, form: 'decision', bound: 1, newest: 1, outdated: false });
      await call(admin, 'get', '/api/calendar/deadline?start=2026-03-02T04:00:00Z&amount=8&unit=workingDays');
      await call(admin, 'get', '/api/calendar/2026');
      await call(admin, 'put', '/api/calendar/overrides/2026-01-03', { kind: 'workingDay', reason: 'decree' });
      await call(admin, 'get', '/api/calendar/overrides');
      await call(admin, 'delete', '/api/calendar/overrides/2026-01-03');
      expect((await call(admin, 'get', '/api/settings/waiting-list-income-limit')).body).to.deep.equal({ tengePerMonthPerMember: null, unit: 'KZT per month per family member', act: null, setAt: null, setBy: null });
      expect((await call(admin, 'put', '/api/settings/waiting-list-income-limit', { tengePerMonthPerMember: 120_000, act: 'the act in force' })).body).to.include({ tengePerMonthPerMember: 120_000, act: 'the act in force', setBy: 'admin' });
      expect((await call(admin, 'put', '/api/settings/waiting-list-income-limit', { tengePerMonthPerMember: 0, act: 'x' })).status).to.equal(400);
      expect((await call(executor, 'put', '/api/settings/waiting-list-income-limit', { tengePerMonthPerMember: 1, act: 'the act' })).status).to.equal(403);
      expect((await call(executor, 'get', '/api/settings/waiting-list-income-limit')).body.tengePerMonthPerMember).to.equal(120_000);
      expect((await call(admin, 'delete', '/api/settings/waiting-list-income-limit')).status).to.equal(204);
      await call(admin, 'get', '/api/clock');
      await call(admin, 'post', '/api/clock', { now: '2026-03-03T04:00:00Z' });
      // Retention: the completed case archived, and read back from the archive.
      expect((await call(admin, 'get', '/api/settings/archive-period')).body).to.deep.equal({ days: null, act: null, setAt: null, setBy: null });
      expect((await call(admin, 'post', '/api/archive/run')).status).to.equal(409);
      expect((await call(executor, 'put', '/api/settings/archive-period', { days: 1 })).status).to.equal(403);
      expect((await call(admin, 'put', '/api/settings/archive-period', { days: 1, act: 'the installation decision' })).body).to.include({ days: 1, setBy: 'admin' });
      await call(admin, 'post', '/api/clock', { now: '2026-03-05T04:00:00Z' });
      const pass = (await call(admin, 'post', '/api/archive/run')).body;
      expect(pass.archived).to.be.greaterThan(0);
      expect((await call(admin, 'get', `/api/instances/${started.id}`)).body.archived).to.equal(true);
      expect((await call(admin, 'get', '/api/instances?archived=true')).body.map((c: { id: string }) => c.id)).to.include(started.id).and.have.length(pass.archived);
      expect((await call(admin, 'delete', '/api/settings/archive-period')).status).to.equal(204);
      expect((await call(analyst, 'post', '/api/auth/logout')).status).to.equal(204);
      expect((await call(analyst, 'get', '/api/auth/me')).status).to.equal(401);

      // Every operation with a JSON answer was seen answering with it.
      const unseen = operations.filter(({ method, template, op }) => !Object.keys(op.responses).some((s) => s.startsWith('2') && checked.has(`${method.toUpperCase()} ${template} ${s}`)));
      expect(unseen.map(({ method, template }) => `${method} ${template}`)).to.deep.equal(['get /api/tasks/{id}/form', 'post /api/messages', 'post /api/incidents/{id}/retry']);
    });
  });
});
