import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';

/**
 * A diagram cites the seed texts by paragraph; a paragraph that does not exist ("seed 000 paras
 * 15–16" of a 14-paragraph act) sends a reader nowhere. The seeds lie beside the repository
 * (`../shared/seeds/`, or QYZMET_SEEDS_DIR); without them the test is skipped, and fails on CI.
 */
const seedsDir = process.env.QYZMET_SEEDS_DIR ?? path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'seeds');
const processesDir = path.resolve(import.meta.dirname, '..', '..', 'processes');

interface Seed {
  /** Paragraph number → its text, up to the next paragraph. */
  paragraphs: Map<number, string>;
  chapters: Set<number>;
}

/** The regulation's own paragraphs: the numbering that restarts at 1 after the approving order's. */
function readSeed(text: string): Seed {
  const lines = text.split('\n');
  const starts: { n: number; line: number }[] = [];
  lines.forEach((line, i) => {
    const m = /^\s*\**(\d+)\.\s+\S/.exec(line);
    if (m) starts.push({ n: Number(m[1]), line: i });
  });
  // The regulation starts at the last "1." that the numbering runs on from.
  const first = starts.map((s, i) => ({ ...s, i })).filter((s) => s.n === 1 && starts[s.i + 1]?.n === 2).pop()?.i ?? 0;
  const paragraphs = new Map<number, string>();
  let expected = 1;
  for (let i = first; i < starts.length; i++) {
    const { n, line } = starts[i]!;
    if (n !== expected) continue; // an appendix's own list
    paragraphs.set(n, lines.slice(line, starts.find((s, j) => j > i && s.n === n + 1)?.line ?? lines.length).join('\n'));
    expected++;
  }
  const chapters = new Set<number>();
  for (const m of text.matchAll(/Chapter (\d+)\./g)) chapters.add(Number(m[1]));
  for (const line of lines.filter((l) => l.startsWith('#'))) for (const m of line.matchAll(/\b(\d+)\.\s/g)) chapters.add(Number(m[1]));
  return { paragraphs, chapters };
}

/** Every "para N", "para N.M" (sub-item M) "paras N–K, L" and "Chapter N", with the seed it is about. */
function citations(xml: string): { seed: string; cite: string; paragraph?: number; item?: number; chapter?: number }[] {
  const docs = [...xml.matchAll(/<documentation>([\s\S]*?)<\/documentation>/g)].map((m) => m[1]!);
  const own = /[Ss]eed (00\d)/.exec(xml)?.[1] ?? '000';
  const out: ReturnType<typeof citations> = [];
  for (const doc of docs) {
    let seed = own;
    for (const m of doc.matchAll(/[Ss]eed (00\d)|(Standard )?\bparas? ((?:\d+(?:\.\d+)?)(?:\s*(?:[–-]|,|and)\s*\d+(?:\.\d+)?)*)|\bChapter (\d+)/g)) {
      if (m[1]) {
        seed = m[1];
      } else if (m[3] && !m[2]) {
        // "Standard para 9" is the Standard's paragraph, not the seed's.
        const parts = m[3].split(/\s*(?:,|and)\s*/);
        for (const part of parts) {
          const range = /^(\d+)(?:\.(\d+))?(?:\s*[–-]\s*(\d+))?$/.exec(part.trim());
          if (!range) continue;
          const from = Number(range[1]);
          const to = range[3] ? Number(range[3]) : from;
          for (let n = from; n <= to; n++) out.push({ seed, cite: `seed ${seed} para ${part.trim()}`, paragraph: n, item: range[2] ? Number(range[2]) : undefined });
        }
      } else if (m[4]) {
        out.push({ seed, cite: `seed ${seed} Chapter ${m[4]}`, chapter: Number(m[4]) });
      }
    }
  }
  return out;
}

describe('seed citations in processes/', function () {
  const present = fs.existsSync(seedsDir);
  before(function () {
    if (!present) {
      if (process.env.CI) throw new Error(`the seed texts are not at ${seedsDir}`);
      this.skip();
    }
  });

  for (const file of fs.readdirSync(processesDir).filter((f) => f.endsWith('.bpmn')).sort()) {
    it(`${file} cites only paragraphs, sub-items and chapters its seeds have`, () => {
      const seeds = new Map<string, Seed>();
      for (const name of fs.readdirSync(seedsDir)) seeds.set(name.slice(0, 3), readSeed(fs.readFileSync(path.join(seedsDir, name), 'utf8')));
      const wrong = citations(fs.readFileSync(path.join(processesDir, file), 'utf8')).filter((c) => {
        const seed = seeds.get(c.seed);
        if (!seed) return true;
        if (c.chapter !== undefined) return !seed.chapters.has(c.chapter);
        const text = seed.paragraphs.get(c.paragraph!);
        return text === undefined || (c.item !== undefined && !new RegExp(`^\\s*${c.item}\\)`, 'm').test(text));
      });
      expect([...new Set(wrong.map((c) => c.cite))]).to.deep.equal([]);
    });
  }

  it('reads the paragraphs of the seeds: 14 in seed 000, 16 in seed 004, and no chapter 5 in either', function () {
    const seed = (prefix: string) => readSeed(fs.readFileSync(path.join(seedsDir, fs.readdirSync(seedsDir).find((n) => n.startsWith(prefix))!), 'utf8'));
    expect([...seed('000').paragraphs.keys()]).to.deep.equal(Array.from({ length: 14 }, (_, i) => i + 1));
    expect([...seed('004').paragraphs.keys()]).to.deep.equal(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(seed('000').chapters.has(5) || seed('004').chapters.has(5)).to.equal(false);
    expect(citations('<documentation>(seed 000 paras 13–16; seed 004 Chapter 5, para 9.4)</documentation>').map((c) => c.cite)).to.deep.equal([
      'seed 000 para 13–16',
      'seed 000 para 13–16',
      'seed 000 para 13–16',
      'seed 000 para 13–16',
      'seed 004 Chapter 5',
      'seed 004 para 9.4',
    ]);
  });
});
