import fs from 'node:fs';
import path from 'node:path';

/** The seed texts of the acts (`shared/seeds` beside the repository, or QYZMET_SEEDS_DIR). */
export function seedsDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.QYZMET_SEEDS_DIR ?? path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'seeds');
}

/** What of an act's structure a citation can name: its paragraphs (with their numbered items), chapters and appendices. */
export interface SeedStructure {
  seed: string;
  /** Paragraph number → how many numbered items `1)`, `2)`, … it has. */
  paragraphs: Map<number, number>;
  chapters: Set<number>;
  appendices: Set<number>;
}

/**
 * Reads an act's structure from its text. The act body (its Rules or Regulation) begins at its
 * first chapter heading ("Chapter 1." in the English translations, "1. Жалпы ережелер" in the
 * Kazakh ones); the numbered points of the order or resolution approving it come before and are
 * not its paragraphs. A paragraph is a line beginning "N. " in numbering order.
 */
export function readSeed(seed: string, text: string): SeedStructure {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /Chapter 1\.|\b1\. Жалпы ережелер/.test(l));
  if (start < 0) throw new Error(`seed ${seed}: no first chapter heading found`);
  const paragraphs = new Map<number, number>();
  const chapters = new Set<number>();
  let current = 0;
  for (const line of lines.slice(start)) {
    // The appendices (forms, the service standard's table) number their own rows and blanks.
    if (/^\s*(?:Appendix|Application) \d+(?: to the|\s*$)|регламентіне \d+ қосымша/.test(line)) break;
    const chapter = /Chapter (\d+)\./.exec(line) ?? /^#+ .*?\b(\d+)\. \S/.exec(line);
    if (chapter) chapters.add(Number(chapter[1]));
    const paragraph = /^\s*(\d+)\.\s+\S/.exec(line);
    // Only the next number in sequence is a paragraph: "2. ____" on a form's blank list is not.
    if (paragraph && Number(paragraph[1]) === current + 1 && !chapter) {
      current += 1;
      paragraphs.set(current, 0);
      continue;
    }
    const item = /^\s*(?:-\s*)?(\d+)\)\s/.exec(line);
    if (item && current && Number(item[1]) === paragraphs.get(current)! + 1) paragraphs.set(current, Number(item[1]));
  }
  const appendices = new Set<number>();
  for (const m of text.matchAll(/(?:Appendix|Application) (\d+)\s+to the (?:Rules|Regulations)|регламентіне (\d+) қосымша/g)) appendices.add(Number(m[1] ?? m[2]));
  return { seed, paragraphs, chapters, appendices };
}

/** The seeds found in `dir`, by their three-digit number. */
export function loadSeeds(dir = seedsDir()): Map<string, SeedStructure> {
  const seeds = new Map<string, SeedStructure>();
  if (!fs.existsSync(dir)) return seeds;
  for (const file of fs.readdirSync(dir).filter((f) => /^\d{3}_.*\.txt$/.test(f))) {
    const seed = file.slice(0, 3);
    seeds.set(seed, readSeed(seed, fs.readFileSync(path.join(dir, file), 'utf8')));
  }
  return seeds;
}

/** One place a text cites an act. */
export interface Citation {
  seed: string;
  kind: 'para' | 'chapter' | 'appendix';
  /** As cited: `9`, `9.2`, `13`. */
  ref: string;
}

const number = String.raw`\d+(?:\.\d+)?`;
const span = String.raw`${number}(?:\s*[–-]\s*\d+)?`;
const citation = new RegExp(String.raw`\b(?:(seed|Seed) (\d{3})|(paras?|Chapter|chapter|Appendix) (${span}(?:\s*(?:,|and)\s*${span})*))`, 'g');

/**
 * The paragraphs, chapters and appendices a text cites, each of the act last named before it
 * ("seed 004 para 9 …"), else of `defaultSeed`. "Standard para 9" is another act's (the
 * Standard the Almaty regulation was written under), and not a seed's.
 */
export function citationsIn(text: string, defaultSeed: string): Citation[] {
  const out: Citation[] = [];
  let seed = defaultSeed;
  for (const m of text.matchAll(citation)) {
    if (m[2]) {
      seed = m[2];
      continue;
    }
    if (/Standard(?:'s)?\s*$/.test(text.slice(Math.max(0, m.index! - 12), m.index))) continue;
    const kind = m[3]!.toLowerCase().startsWith('para') ? 'para' : m[3]!.toLowerCase() === 'chapter' ? 'chapter' : 'appendix';
    for (const part of m[4]!.split(/\s*(?:,|and)\s*/)) {
      const range = /^(\d+)\s*[–-]\s*(\d+)$/.exec(part);
      if (range) for (let n = Number(range[1]); n <= Number(range[2]); n++) out.push({ seed, kind, ref: String(n) });
      else out.push({ seed, kind, ref: part.trim() });
    }
  }
  return out;
}

/** Why a citation names nothing in its seed, or null when it names something real. */
export function missingIn(seeds: ReadonlyMap<string, SeedStructure>, c: Citation): string | null {
  const s = seeds.get(c.seed);
  if (!s) return `seed ${c.seed} is not among the seeds`;
  const [whole, item] = c.ref.split('.').map(Number) as [number, number | undefined];
  if (c.kind === 'chapter') return s.chapters.has(whole) ? null : `seed ${c.seed} has no chapter ${whole} (chapters ${[...s.chapters].join(', ')})`;
  if (c.kind === 'appendix') return s.appendices.has(whole) ? null : `seed ${c.seed} has no appendix ${whole} (appendices ${[...s.appendices].join(', ')})`;
  if (!s.paragraphs.has(whole)) return `seed ${c.seed} has no para ${whole} (it has ${s.paragraphs.size})`;
  if (item !== undefined && item > s.paragraphs.get(whole)!) return `seed ${c.seed} para ${whole} has no item ${item}) (it has ${s.paragraphs.get(whole)})`;
  return null;
}
