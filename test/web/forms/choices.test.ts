import { expect } from 'chai';
import fs from 'node:fs';
import { isoDate, withoutNullChoice } from '../../../src/web/forms/choices.js';

const schemaOf = (key: string) => JSON.parse(fs.readFileSync(`forms/${key}.schema.json`, 'utf8')) as { properties?: Record<string, { enum?: unknown[] }> };

describe('web forms: no "null" choice, and dates as dd.mm.yyyy', () => {
  it("offers privatization's dwelling holders without the null the schema allows, unset being the select's empty first line in the reader's words", () => {
    const holder = schemaOf('pr-completeness').properties!.holder!;
    expect(withoutNullChoice(holder, 'Не указано')).to.deep.equal({ 'ui:enumOrder': ['communal', 'communalInstitution', 'republicanInstitution'], 'ui:placeholder': 'Не указано' });
  });

  it('draws every enum with null in every form of forms/ without it, and leaves other choices alone', () => {
    let seen = 0;
    for (const file of fs.readdirSync('forms').filter((f) => f.endsWith('.schema.json'))) {
      for (const [name, property] of Object.entries(schemaOf(file.replace('.schema.json', '')).properties ?? {})) {
        const ui = withoutNullChoice(property, '—');
        if (property.enum?.includes(null)) {
          seen++;
          expect(ui['ui:enumOrder'], `${file} ${name}`).to.deep.equal(property.enum.filter((v) => v !== null));
        } else {
          expect(ui, `${file} ${name}`).to.deep.equal({});
        }
      }
    }
    expect(seen).to.be.greaterThan(0);
  });

  it('tells a calendar date (drawn with the dd.mm.yyyy date widget) from a moment and other text', () => {
    expect(isoDate.test('1981-08-08')).to.equal(true);
    expect(isoDate.test('2026-12-08T11:00:00+05:00')).to.equal(false);
    expect(isoDate.test('08.08.1981')).to.equal(false);
  });
});
