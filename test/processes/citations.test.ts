import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { citationsIn, loadSeeds, missingIn, readSeed, seedsDir, type SeedStructure } from '../support/seeds.js';

const folder = path.resolve(import.meta.dirname, '..', '..', 'processes');
const files = fs.readdirSync(folder).filter((f) => f.endsWith('.bpmn')).sort();

/** Each documentation text of a diagram, with the id of the element it sits in. */
function documentations(xml: string): { text: string; near: string }[] {
  return [...xml.matchAll(/<documentation>([\s\S]*?)<\/documentation>/g)].map((m) => {
    const ids = [...xml.slice(0, m.index).matchAll(/\bid="([^"]+)"/g)];
    return { text: m[1]!, near: ids.at(-1)?.[1] ?? '?' };
  });
}

describe('seed paragraphs cited in processes/ exist', () => {
  let seeds: Map<string, SeedStructure>;
  before(function () {
    seeds = loadSeeds();
    if (seeds.size) return;
    if (process.env.CI) throw new Error(`the seed texts are missing: nothing under ${seedsDir()} (CI is set; put shared/seeds beside the repository or set QYZMET_SEEDS_DIR)`);
    this.skip();
  });

  it('reads the structure of the acts: seed 000 has 14 paragraphs and 3 chapters, seed 004 16 paragraphs and 4 chapters', () => {
    const national = seeds.get('000')!;
    expect(national.paragraphs.size).to.equal(14);
    expect([...national.chapters]).to.deep.equal([1, 2, 3]);
    expect(national.paragraphs.get(9)).to.equal(3); // 9.1)–9.3)
    const almaty = seeds.get('004')!;
    expect(almaty.paragraphs.size).to.equal(16);
    expect([...almaty.chapters]).to.deep.equal([1, 2, 3, 4]);
    expect(almaty.paragraphs.get(12)).to.equal(11); // processes and conditions 1)–11)
  });

  it('flags a paragraph, item or chapter that is not in the act, and attributes each to the act named last', () => {
    const text = 'Term (para 8). Appeal (seed 000 paras 13–16); Almaty (seed 004 para 9.7, Chapter 5); Standard para 30 is another act.';
    const problems = citationsIn(text, '000').map((c) => missingIn(seeds, c)).filter(Boolean);
    expect(problems).to.deep.equal([
      'seed 000 has no para 15 (it has 14)',
      'seed 000 has no para 16 (it has 14)',
      'seed 004 para 9 has no item 7) (it has 6)',
      'seed 004 has no chapter 5 (chapters 1, 2, 3, 4)',
    ]);
  });

  it('does not take the numbered points of the approving order for the act’s paragraphs', () => {
    const act = readSeed('999', '1. To approve the Rules.\n2. Registration.\n3. Control.\n4. Entry into force.\n Chapter 1. General\n 1. Scope.\n 2. Free of charge.\n');
    expect(act.paragraphs.size).to.equal(2);
  });

  for (const file of files) {
    it(`${file}: every paragraph, item, chapter and appendix it cites exists in that seed`, () => {
      const xml = fs.readFileSync(path.join(folder, file), 'utf8');
      const own = /Seed (\d{3})_/.exec(xml)?.[1];
      expect(own, `${file} names its seed file in the process documentation`).to.be.a('string');
      const problems = documentations(xml).flatMap(({ text, near }) =>
        citationsIn(text, own!)
          .map((c) => missingIn(seeds, c))
          .filter((why): why is string => !!why)
          .map((why) => `${near}: ${why}`)
      );
      expect(problems).to.deep.equal([]);
    });
  }
});
