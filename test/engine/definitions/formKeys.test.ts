import { expect } from 'chai';
import { bindForms, formKeysOf, sameBindings } from '../../../src/engine/definitions/formKeys.js';
import { parseDiagram, type ModdleElement } from '../../../src/engine/definitions/parse.js';

const diagram = (body: string, start = '<startEvent id="start"/>') => `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="https://qyzmet.kz/test">
  <process id="p" isExecutable="true">${start}${body}</process>
</definitions>`;

async function processOf(xml: string): Promise<ModdleElement> {
  const { definitions } = await parseDiagram(xml);
  return (definitions.rootElements as ModdleElement[]).find((e) => e.$type === 'bpmn:Process')!;
}

const current = new Map([['ha-application', { version: 3 }], ['ha-review', { version: 2 }], ['ha-decision', { version: 5 }], ['unused', { version: 1 }]]);

describe('engine/definitions/formKeys: which form versions a diagram version binds', () => {
  it('binds the application form and every task form, sub-processes included, at their current versions', async () => {
    const process = await processOf(diagram('<userTask id="review" camunda:formKey="ha-review"/><subProcess id="sub"><startEvent id="s2"/><userTask id="decide" camunda:formKey="ha-decision"/></subProcess>', '<startEvent id="start" camunda:formKey="ha-application"/>'));
    expect(formKeysOf(process)).to.deep.equal({ keys: ['ha-application', 'ha-decision', 'ha-review'], dynamic: false });
    expect(bindForms(process, current)).to.deep.equal({ 'ha-application': 3, 'ha-decision': 5, 'ha-review': 2 });
  });

  it('binds every current form when a formKey is an expression: which one a task shows is known only when it is created', async () => {
    const process = await processOf(diagram('<userTask id="review" camunda:formKey="${reviewForm}"/>'));
    expect(formKeysOf(process)).to.deep.equal({ keys: [], dynamic: true });
    expect(bindForms(process, current)).to.deep.equal({ 'ha-application': 3, 'ha-decision': 5, 'ha-review': 2, unused: 1 });
  });

  it('binds nothing without forms, and counts a version deployed before forms were versioned as bound to version 1', async () => {
    const process = await processOf(diagram('<userTask id="review" camunda:formKey="ha-review"/>'));
    expect(bindForms(process, null)).to.equal(null);
    expect(sameBindings(null, { 'ha-review': 1 })).to.equal(true);
    expect(sameBindings(null, { 'ha-review': 2 })).to.equal(false);
    expect(sameBindings({ 'ha-review': 2 }, { 'ha-review': 2 })).to.equal(true);
    expect(sameBindings({ 'ha-review': 1 }, null)).to.equal(true);
  });
});
