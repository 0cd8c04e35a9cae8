import { expect } from 'chai';
import { diagram } from '../support/bpmn.js';
import { testQyzmet, type TestQyzmet } from '../support/app.js';

const MINUTE = 60_000;

/** A service task on `topic`, tried once (R1), then a user task. */
const serviceCase = (topic: string) =>
  diagram(
    'serviceCase',
    `<startEvent id="start"/>
    <sequenceFlow id="f1" sourceRef="start" targetRef="call"/>
    <serviceTask id="call" camunda:type="external" camunda:topic="${topic}">
      <extensionElements><camunda:failedJobRetryTimeCycle>R1/PT1M</camunda:failedJobRetryTimeCycle></extensionElements>
    </serviceTask>
    <sequenceFlow id="f2" sourceRef="call" targetRef="review"/>
    <userTask id="review"/>
    <sequenceFlow id="f3" sourceRef="review" targetRef="end"/>
    <endEvent id="end"/>`
  );

/**
 * A timer, then a gateway that needs `amount`, nested `depth` sub-processes deep: without `amount`
 * the timer's job fails in the engine (no flow can be taken) and raises an incident.
 */
const needsAmount = (depth: number) => {
  let inner = `
    <startEvent id="start"/>
    <sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
    <intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></intermediateCatchEvent>
    <sequenceFlow id="f2" sourceRef="wait" targetRef="size"/>
    <exclusiveGateway id="size"/>
    <sequenceFlow id="toLarge" sourceRef="size" targetRef="large"><conditionExpression>\${amount &gt; 1000}</conditionExpression></sequenceFlow>
    <sequenceFlow id="toSmall" sourceRef="size" targetRef="small"><conditionExpression>\${amount &lt;= 1000}</conditionExpression></sequenceFlow>
    <userTask id="large"/>
    <userTask id="small"/>
    <sequenceFlow id="f3" sourceRef="large" targetRef="end"/>
    <sequenceFlow id="f4" sourceRef="small" targetRef="end"/>
    <endEvent id="end"/>`;
  for (let level = depth; level >= 1; level--) {
    inner = `
    <startEvent id="start${level}"/>
    <sequenceFlow id="in${level}" sourceRef="start${level}" targetRef="sub${level}"/>
    <subProcess id="sub${level}">${inner}</subProcess>
    <sequenceFlow id="out${level}" sourceRef="sub${level}" targetRef="end${level}"/>
    <endEvent id="end${level}"/>`;
  }
  return diagram('needsAmount', inner);
};

describe('incidents', () => {
  let t: TestQyzmet;
  /** Registry ids the lookup was called with; only R-2 exists. */
  let lookedUp: string[];
  beforeEach(async () => {
    lookedUp = [];
    t = await testQyzmet({
      services: {
        'test.registry': async ({ variables }) => {
          lookedUp.push(String(variables.registryId));
          if (variables.registryId !== 'R-2') throw new Error(`no registry entry ${String(variables.registryId)}`);
          return { entry: 'found' };
        },
        'test.plain': async () => {
          throw new Error('registry unavailable');
        },
        // A handler that names itself, as handlers written before this rule do.
        'test.selfNamed': async () => {
          throw new Error('test.selfNamed: registry unavailable');
        },
        'test.badOutput': async () => ({ 'bad-name': 1 }),
      },
    });
  });
  afterEach(() => t.close());

  const details = async (id: string) => (await t.api.get(`/api/instances/${id}`)).body;
  async function failingCase(topic: string) {
    await t.deploy(serviceCase(topic));
    const res = await t.api.post('/api/definitions/serviceCase/instances').send({ businessKey: topic });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    await t.qyzmet.jobs.runDue();
    return res.body.id as string;
  }

  describe('messages name the handler once', () => {
    for (const [topic, message] of [
      ['test.plain', 'test.plain: registry unavailable'],
      ['test.selfNamed', 'test.selfNamed: registry unavailable'],
      ['test.badOutput', 'test.badOutput: output.bad-name: variable names are letters, digits and _'],
    ] as const) {
      it(`${topic}: "${message}"`, async () => {
        const id = await failingCase(topic);
        const d = await details(id);
        expect(d.incidents.map((i: { elementId: string; message: string }) => `${i.elementId}: ${i.message}`)).to.deep.equal([`call: ${message}`]);
        expect(d.activities.map((a: { elementId: string }) => a.elementId)).to.deep.equal(['call']);
        expect((await t.api.get('/api/incidents')).body.map((i: { message: string }) => i.message)).to.deep.equal([message]);
      });
    }
  });

  describe('repairing an incident: set the variables, then retry', () => {
    const trail = (d: { history: { type: string; elementId: string | null; actor: string; data: unknown }[] }, types: string[]) =>
      d.history.filter((h) => types.includes(h.type)).map((h) => `${h.type} ${h.elementId ?? '-'} ${h.actor}`);

    it('a service job that fails until a variable is corrected continues with the corrected value', async () => {
      await t.deploy(serviceCase('test.registry'));
      const started = await t.api.post('/api/definitions/serviceCase/instances').send({ businessKey: 'REG-1', variables: { registryId: 'R-1', applicant: 'Aigerim' } });
      await t.qyzmet.jobs.runDue();
      const [incident] = (await t.api.get('/api/incidents')).body;
      expect(incident).to.include({ instanceId: started.body.id, elementId: 'call', message: 'test.registry: no registry entry R-1' });

      const set = await t.api.put(`/api/instances/${started.body.id}/variables`).send({ variables: { registryId: 'R-2' } });
      expect(set.status, JSON.stringify(set.body)).to.equal(200);
      expect(set.body).to.deep.include({ status: 'running', variables: { registryId: 'R-2', applicant: 'Aigerim' } });
      expect(set.body.activities.map((a: { elementId: string }) => a.elementId)).to.deep.equal(['call']);

      await t.api.post(`/api/incidents/${incident.id}/retry`).expect(200);
      await t.qyzmet.jobs.runDue();
      const d = await details(started.body.id);
      expect(lookedUp).to.deep.equal(['R-1', 'R-2']);
      expect(d.activities.map((a: { elementId: string }) => a.elementId)).to.deep.equal(['review']);
      expect(d.variables).to.deep.equal({ registryId: 'R-2', applicant: 'Aigerim', entry: 'found' });
      expect(trail(d, ['incident.raised', 'variables.set', 'incident.resolved', 'service.completed'])).to.deep.equal([
        'incident.raised call jobs',
        'variables.set - admin',
        'incident.resolved call admin',
        'service.completed call service:test.registry',
      ]);
      expect(d.history.find((h: { type: string }) => h.type === 'variables.set').data).to.deep.equal({ variables: { registryId: 'R-2' } });
    });

    for (const depth of [0, 1, 3]) {
      it(`a timer whose gateway needs a missing variable, ${depth} sub-process${depth === 1 ? '' : 'es'} deep, continues once it is set`, async () => {
        await t.deploy(needsAmount(depth));
        const id = (await t.api.post('/api/definitions/needsAmount/instances').send({})).body.id as string;
        await t.api.post('/api/clock').send({ now: new Date(t.clock.now().getTime() + 60 * MINUTE).toISOString() }).expect(200);
        const [incident] = (await details(id)).incidents;
        expect(incident).to.include({ elementId: 'wait', kind: 'engine', status: 'open' });

        await t.api.put(`/api/instances/${id}/variables`).send({ variables: { amount: 5000 } }).expect(200);
        await t.api.post(`/api/incidents/${incident.id}/retry`).expect(200);
        await t.qyzmet.jobs.runDue();
        const d = await details(id);
        expect(d.incidents.map((i: { status: string }) => i.status)).to.deep.equal(['resolved']);
        expect(d.tasks.map((x: { elementId: string; status: string }) => `${x.elementId} ${x.status}`)).to.deep.equal(['large open']);
        expect(d.variables).to.deep.equal({ amount: 5000 });
      });
    }

    it('refuses bad bodies naming the field, an unknown instance with 404 and an ended one with 409, changing nothing', async () => {
      await t.deploy(serviceCase('test.plain'));
      const id = (await t.api.post('/api/definitions/serviceCase/instances').send({ variables: { kept: 1 } })).body.id as string;
      const put = (body: unknown, instance = id) => t.api.put(`/api/instances/${instance}/variables`).send(body as object);
      const refusals = [
        [{}, 400, 'invalid body: variables must have required property \'variables\''],
        [{ variables: [] }, 400, 'invalid body: variables must be object'],
        [{ variables: {} }, 400, 'invalid body: variables must NOT have fewer than 1 properties'],
        [{ variables: { x: 1 }, extra: 1 }, 400, 'invalid body: body must NOT have additional properties (extra)'],
        [{ variables: { 'two words': 1 } }, 400, 'variables.two words: variable names are letters, digits and _'],
        [{ variables: { content: 1 } }, 400, 'variables.content: "content" is reserved by the engine'],
        [{ variables: { iin: '840512310076' } }, 400, 'variables.iin: "840512310076" is not a valid IIN: the check digit does not match'],
      ] as const;
      for (const [body, status, error] of refusals) {
        const res = await put(body);
        expect([res.status, res.body.error], JSON.stringify(body)).to.deep.equal([status, error]);
      }
      expect((await put({ variables: { x: 1 } }, 'no-such-instance')).body).to.deep.equal({ error: 'no instance with id "no-such-instance"', details: { instanceId: 'no-such-instance' } });
      expect((await put({ variables: { x: 1 } }, 'no-such-instance')).status).to.equal(404);
      await t.api.post(`/api/instances/${id}/cancel`).expect(200);
      const ended = await put({ variables: { x: 1 } });
      expect([ended.status, ended.body.error]).to.deep.equal([409, `instance ${id} is canceled`]);
      const d = await details(id);
      expect(d.variables).to.deep.equal({ kept: 1 });
      expect(d.history.filter((h: { type: string }) => h.type === 'variables.set')).to.deep.equal([]);
    });
  });
});
