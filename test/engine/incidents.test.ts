import { expect } from 'chai';
import { testQyzmet, type TestQyzmet } from '../support/app.js';

const MINUTE = 60_000;

/** A service task on `topic`, tried once, then a user task. */
const serviceCase = (topic: string) => `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="service-case" targetNamespace="https://qyzmet.kz/test">
  <process id="serviceCase" isExecutable="true">
    <startEvent id="start"/>
    <sequenceFlow id="f1" sourceRef="start" targetRef="call"/>
    <serviceTask id="call" camunda:type="external" camunda:topic="${topic}">
      <extensionElements><camunda:failedJobRetryTimeCycle>R1/PT1M</camunda:failedJobRetryTimeCycle></extensionElements>
    </serviceTask>
    <sequenceFlow id="f2" sourceRef="call" targetRef="review"/>
    <userTask id="review"/>
    <sequenceFlow id="f3" sourceRef="review" targetRef="end"/>
    <endEvent id="end"/>
  </process>
</definitions>`;

describe('incidents', () => {
  let t: TestQyzmet;
  beforeEach(async () => {
    t = await testQyzmet({
      services: {
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
});
