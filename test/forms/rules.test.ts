import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { compileFormFiles, formCompiler, readFormFiles, type FormRule } from '../../src/forms/index.js';

/** A form rule: what JSON Schema cannot say, named by the form and given by the composition root. */
describe('form rules (x-qyzmet-rules)', () => {
  let dir: string;
  const write = (rules: string[]) => {
    fs.writeFileSync(path.join(dir, 'offer.schema.json'), JSON.stringify({ $schema: 'https://json-schema.org/draft/2020-12/schema', $id: 'https://qyzmet.kz/forms/offer', type: 'object', additionalProperties: false, 'x-qyzmet-rules': rules, properties: { price: { type: 'number' }, down: { type: 'number', minimum: 0 } } }));
    fs.writeFileSync(path.join(dir, 'offer.ui.json'), JSON.stringify({ title: { kk: 'Ұсыныс', ru: 'Предложение', en: 'Offer' }, fields: { price: { label: { kk: 'Баға', ru: 'Цена', en: 'Price' } }, down: { label: { kk: 'Жарна', ru: 'Взнос', en: 'Down' } } } }));
  };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-forms-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** The forms of `dir`, compiled as a start deploys forms/ (compileFormFiles), by key. */
  const compiledIn = async (rules: Record<string, FormRule>) => new Map(compileFormFiles(await readFormFiles([dir]), formCompiler({ rules })).map((form) => [form.key, form]));
  const halfDown = (data: Readonly<Record<string, unknown>>) => (typeof data.price === 'number' && typeof data.down === 'number' && data.down * 2 < data.price ? [{ field: 'down', message: 'must be at least half the price' }] : []);

  it('reports the rule\'s problems with the schema\'s, each naming its field, and none twice for one field', async () => {
    write(['halfDown']);
    const offer = (await compiledIn({ halfDown })).get('offer')!;
    expect(offer.validate({ price: 100, down: 50 })).to.deep.equal([]);
    expect(offer.validate({ price: 100, down: 49 })).to.deep.equal([{ field: 'down', message: 'must be at least half the price' }]);
    // The schema already faults `down`: its own message stands alone.
    expect(offer.validate({ price: 100, down: -1 })).to.deep.equal([{ field: 'down', message: 'must be >= 0' }]);
  });

  it('refuses to load a form naming a rule nobody gave, naming the file and the rule', async () => {
    write(['halfDown', 'nope']);
    const err = await compiledIn({ halfDown }).then(() => undefined, (e: Error) => e);
    expect(err?.message).to.equal(`form ${path.join(dir, 'offer.schema.json')}: x-qyzmet-rules names "nope", which no registered rule has (registered: halfDown)`);
  });
});
