import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { uncheckedBoxes } from '../../../src/web/forms/checkboxes.js';

const formsDir = path.resolve('forms');
const forms = fs
  .readdirSync(formsDir)
  .filter((f) => f.endsWith('.schema.json'))
  .map((f) => {
    const key = f.replace(/\.schema\.json$/, '');
    return { key, schema: JSON.parse(fs.readFileSync(path.join(formsDir, f), 'utf8')), ui: JSON.parse(fs.readFileSync(path.join(formsDir, `${key}.ui.json`), 'utf8')) };
  });

describe('web forms: an unticked checkbox is "no"', () => {
  it("sends false for the Housing Provision Center's 'my only dwelling is declared unfit' and the consents it does not make conditions (seed 003 para 7(2), para 12)", () => {
    const hc = forms.find((f) => f.key === 'hc-application')!;
    expect(uncheckedBoxes(hc.schema, hc.ui.fields)).to.deep.equal({ emergencyHousing: false, housingCheckConsent: false, personalDataConsent: false, publicationConsent: false, noCategoryConsent: false });
  });

  it('leaves every required yes/no of every form in forms/ answered when untouched, unless it is a consent that must be ticked or a choice the clerk makes', () => {
    const unanswered: string[] = [];
    for (const { key, schema, ui } of forms) {
      const start = uncheckedBoxes(schema, ui.fields);
      for (const name of (schema.required ?? []) as string[]) {
        const property = schema.properties?.[name];
        const field = ui.fields[name];
        if (property?.type !== 'boolean' || field?.readOnly) continue;
        const mustTick = property.const === true;
        const choice = field?.widget === 'radio' || field?.widget === 'select' || field?.options !== undefined;
        if (!mustTick && !choice && start[name] !== false) unanswered.push(`${key}.${name}`);
        if ((mustTick || choice) && name in start) unanswered.push(`${key}.${name} (given an answer nobody chose)`);
      }
    }
    expect(unanswered).to.deep.equal([]);
  });

  it('leaves read-only fields, radio choices and consents that must be ticked alone', () => {
    const schema = { type: 'object', properties: { seen: { type: 'boolean' }, decided: { type: 'boolean' }, consent: { type: 'boolean', const: true }, late: { type: 'boolean' }, text: { type: 'string' } } };
    const fields = { seen: { readOnly: true }, decided: { widget: 'radio' }, consent: {}, late: undefined, text: {} };
    expect(uncheckedBoxes(schema, fields)).to.deep.equal({ late: false });
  });
});
