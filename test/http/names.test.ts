import { expect } from 'chai';
import { testQyzmet, type TestQyzmet } from '../support/app.js';

const names = (kk: string, ru: string, en: string) => ({ kk, ru, en });
const properties = (n: { ru?: string; en?: string }) =>
  `<extensionElements><camunda:properties>${n.ru !== undefined ? `<camunda:property name="name:ru" value="${n.ru}" />` : ''}${n.en !== undefined ? `<camunda:property name="name:en" value="${n.en}" />` : ''}</camunda:properties></extensionElements>`;

/** A case of two steps in two lanes: the first named in three languages, the second in Kazakh and Russian only. */
function translated(extra: { enOfSign?: string; enOfAct?: string } = {}) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="names-defs" targetNamespace="https://qyzmet.kz/test">
  <process id="names" name="Тұрғын үй көмегі" isExecutable="true">
    <extensionElements><camunda:properties>
      <camunda:property name="name:ru" value="Жилищная помощь" /><camunda:property name="name:en" value="Housing assistance" />
      <camunda:property name="act.title" value="«Тұрғын үй көмегін тағайындау» мемлекеттік көрсетілетін қызмет қағидалары" />
      <camunda:property name="act.title:ru" value="Правила оказания государственной услуги «Назначение жилищной помощи»" />
      <camunda:property name="act.title:en" value="${extra.enOfAct ?? 'Rules for the provision of the public service “Assignment of housing assistance”'}" />
      <camunda:property name="act.number" value="539" />
    </camunda:properties></extensionElements>
    <laneSet id="lanes">
      <lane id="clerkLane" name="Мемлекеттік корпорация қызметкері">
        ${properties({ ru: 'Работник Государственной корпорации', en: 'State Corporation employee' })}
        <flowNodeRef>start</flowNodeRef><flowNodeRef>check</flowNodeRef>
      </lane>
      <lane id="headLane" name="Басшы"><flowNodeRef>sign</flowNodeRef><flowNodeRef>end</flowNodeRef></lane>
    </laneSet>
    <startEvent id="start" name="Өтініш түсті" />
    <userTask id="check" name="Құжаттардың толықтығын тексеру" camunda:candidateGroups="stateCorporation">
      ${properties({ ru: 'Проверка полноты документов', en: 'Check the documents are complete' })}
    </userTask>
    <userTask id="sign" name="Шешімге қол қою" camunda:candidateGroups="heads">
      ${properties({ ru: 'Подписание решения', en: extra.enOfSign })}
    </userTask>
    <endEvent id="end" name="Аяқталды" />
    <sequenceFlow id="f1" sourceRef="start" targetRef="check" />
    <sequenceFlow id="f2" sourceRef="check" targetRef="sign" />
    <sequenceFlow id="f3" sourceRef="sign" targetRef="end" />
  </process>
</definitions>`;
}

const processNames = names('Тұрғын үй көмегі', 'Жилищная помощь', 'Housing assistance');
const checkNames = names('Құжаттардың толықтығын тексеру', 'Проверка полноты документов', 'Check the documents are complete');
/** No name:en: English falls back to the Kazakh name. */
const signNames = names('Шешімге қол қою', 'Подписание решения', 'Шешімге қол қою');

describe('names of processes, steps and lanes in Kazakh, Russian and English', () => {
  let t: TestQyzmet;
  beforeEach(async () => {
    t = await testQyzmet({ now: '2026-03-02T04:00:00Z' });
  });
  afterEach(() => t.close());

  async function startCase() {
    const res = await t.api.post('/api/definitions/names/instances').send({ businessKey: 'N-1', variables: {} }).expect(201);
    return res.body as { id: string; activities: { elementId: string; names: unknown }[] };
  }

  it('answers each name with its translations wherever the API gives a name', async () => {
    const deployed = await t.api.post('/api/deployments').send({ name: 'names.bpmn', xml: translated() }).expect(201);
    expect(deployed.body.warnings.filter((w: { rule: string }) => w.rule === 'qyzmet/name-translation')).to.deep.equal([]);
    const started = await startCase();
    expect(started.activities).to.deep.equal([{ ...started.activities[0], elementId: 'check', names: checkNames }]);

    const definitions = (await t.api.get('/api/definitions').expect(200)).body as { key: string; name: string; names: unknown }[];
    expect(definitions.find((d) => d.key === 'names')).to.include({ name: 'Тұрғын үй көмегі' }).and.to.have.deep.property('names', processNames);
    const versions = (await t.api.get('/api/definitions/names').expect(200)).body.versions;
    expect(versions[0].names).to.deep.equal(processNames);
    expect(versions[0].act).to.deep.equal({
      title: '«Тұрғын үй көмегін тағайындау» мемлекеттік көрсетілетін қызмет қағидалары',
      titles: {
        kk: '«Тұрғын үй көмегін тағайындау» мемлекеттік көрсетілетін қызмет қағидалары',
        ru: 'Правила оказания государственной услуги «Назначение жилищной помощи»',
        en: 'Rules for the provision of the public service “Assignment of housing assistance”',
      },
      number: '539',
      abolished: false,
    });

    const [row] = (await t.api.get('/api/tasks').query({ instance: started.id }).expect(200)).body;
    expect(row).to.include({ name: 'Құжаттардың толықтығын тексеру', lane: 'Мемлекеттік корпорация қызметкері' });
    expect(row.names).to.deep.equal(checkNames);
    expect(row.laneNames).to.deep.equal(names('Мемлекеттік корпорация қызметкері', 'Работник Государственной корпорации', 'State Corporation employee'));
    expect((await t.api.get(`/api/tasks/${row.id}`).expect(200)).body.names).to.deep.equal(checkNames);
    expect((await t.api.post(`/api/tasks/${row.id}/claim`).send({}).expect(200)).body.names).to.deep.equal(checkNames);
    await t.api.post(`/api/tasks/${row.id}/complete`).send({ variables: {} }).expect(200);

    const [next] = (await t.api.get('/api/tasks').query({ instance: started.id }).expect(200)).body;
    expect(next.names).to.deep.equal(signNames);
    // A lane without translations is named in Kazakh in every language.
    expect(next.laneNames).to.deep.equal(names('Басшы', 'Басшы', 'Басшы'));

    const listed = (await t.api.get('/api/instances').expect(200)).body[0];
    expect(listed.activities.map((a: { names: unknown }) => a.names)).to.deep.equal([signNames]);
    const details = (await t.api.get(`/api/instances/${started.id}`).expect(200)).body;
    const entered = details.history.filter((h: { type: string }) => h.type === 'activity.entered').map((h: { elementId: string; names: unknown }) => [h.elementId, h.names]);
    expect(entered).to.deep.include.members([
      ['start', names('Өтініш түсті', 'Өтініш түсті', 'Өтініш түсті')],
      ['check', checkNames],
      ['sign', signNames],
    ]);
    expect(details.history.find((h: { type: string }) => h.type === 'instance.started').names).to.equal(null);
    expect(details.tasks.map((task: { elementId: string; names: unknown }) => [task.elementId, task.names])).to.deep.equal([
      ['check', checkNames],
      ['sign', signNames],
    ]);

    const stats = (await t.api.get('/api/stats').expect(200)).body;
    expect(stats.byProcess).to.deep.equal([{ definitionKey: 'names', names: processNames, running: 1, overdue: 0 }]);
    expect(stats.byStep.map((s: { elementId: string; names: unknown }) => [s.elementId, s.names])).to.deep.equal([['sign', signNames]]);
  });

  it('warns at deployment about an empty translation, naming the element, and deploys all the same', async () => {
    const deployed = await t.api.post('/api/deployments').send({ name: 'names.bpmn', xml: translated({ enOfSign: ' ', enOfAct: '' }) }).expect(201);
    const warnings = deployed.body.warnings.filter((w: { rule: string }) => w.rule === 'qyzmet/name-translation');
    expect(warnings.map((w: { elementId: string }) => w.elementId)).to.have.members(['names', 'sign']);
    expect(warnings.find((w: { elementId: string }) => w.elementId === 'sign').message).to.contain('name:en');
    expect(warnings.find((w: { elementId: string }) => w.elementId === 'names').message).to.contain('act.title:en');
    // The blank translation falls back to the Kazakh name rather than showing nothing.
    const started = await startCase();
    const [row] = (await t.api.get('/api/tasks').query({ instance: started.id }).expect(200)).body;
    await t.api.post(`/api/tasks/${row.id}/complete`).send({ variables: {} }).expect(200);
    const [next] = (await t.api.get('/api/tasks').query({ instance: started.id }).expect(200)).body;
    expect(next.names).to.deep.equal(signNames);
  });

  it('refuses a translation of an act field other than its title, naming the property', async () => {
    const xml = translated().replace('<camunda:property name="act.number" value="539" />', '<camunda:property name="act.number" value="539" /><camunda:property name="act.issuedBy:ru" value="Министр" />');
    const res = await t.api.post('/api/deployments').send({ name: 'names.bpmn', xml }).expect(400);
    expect(res.body.details.problems.map((p: { elementId: string; message: string }) => [p.elementId, p.message])).to.deep.equal([
      ['names', 'act.issuedBy:ru translates nothing: only act.title and act.abolishedBy have translations, as act.title:kk, act.title:ru or act.title:en'],
    ]);
  });
});
