import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { BpmnModdle } from 'bpmn-moddle';

/**
 * The public BPMN corpus (see its README): `shared/conformance/bpmn` beside the repository, as a
 * developer's checkout and CI's fresh clone both have it, or QYZMET_CONFORMANCE_DIR.
 */
export function corpusDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.QYZMET_CONFORMANCE_DIR ?? path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'conformance', 'bpmn');
}

export interface CorpusFile {
  /** Path inside the corpus, e.g. `bpmn-elements/parallel-join-edgecase.bpmn`. */
  file: string;
  xml: string;
}

/**
 * The corpus, without byte-identical copies (bpmn-engine's resources repeat bpmn-elements'). A
 * missing corpus skips the suite on a developer's machine; in CI (`CI` set) it is an error, so a
 * misplaced corpus cannot turn the conformance tests into silent passes.
 */
export function loadCorpus(suite: Mocha.Context, dir = corpusDir(), env: NodeJS.ProcessEnv = process.env): CorpusFile[] {
  const files = fs.existsSync(dir) ? corpusFiles(dir) : [];
  if (files.length) return files;
  if (env.CI) throw new Error(`the BPMN conformance corpus is missing: no .bpmn file under ${dir} (CI is set, so this fails instead of skipping; put shared/conformance/ beside the repository or set QYZMET_CONFORMANCE_DIR)`);
  suite.skip();
}

function corpusFiles(dir: string): CorpusFile[] {
  const seen = new Set<string>();
  const out: CorpusFile[] = [];
  for (const full of walk(dir)) {
    const bytes = fs.readFileSync(full);
    const hash = createHash('sha256').update(bytes).digest('hex');
    if (seen.has(hash)) continue;
    seen.add(hash);
    out.push({ file: path.relative(dir, full), xml: bytes.toString('utf8') });
  }
  return out;
}

function walk(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? walk(path.join(dir, entry.name)) : entry.name.endsWith('.bpmn') ? [path.join(dir, entry.name)] : []))
    .sort();
}

/** Every process marked isExecutable="true", whatever its prefix and previous flag. */
export function markExecutable(xml: string): string {
  return xml.replace(/<((?:[\w.-]+:)?process)\b([^>]*?)(\/?)>/g, (_, tag: string, attrs: string, close: string) => `<${tag}${attrs.replace(/\s+isExecutable\s*=\s*["'][^"']*["']/, '')} isExecutable="true"${close}>`);
}

type Named = { name?: string };

/** Message or signal name by the id of the element that catches it, to send what an instance waits for. */
export async function catchNames(xml: string): Promise<Map<string, string>> {
  const { elementsById } = (await new BpmnModdle().fromXML(xml)) as unknown as {
    elementsById: Record<string, { messageRef?: Named; eventDefinitions?: { messageRef?: Named; signalRef?: Named }[] }>;
  };
  const names = new Map<string, string>();
  for (const [id, element] of Object.entries(elementsById)) {
    const definition = element.eventDefinitions?.find((d) => d.messageRef?.name || d.signalRef?.name);
    const name = element.messageRef?.name ?? definition?.messageRef?.name ?? definition?.signalRef?.name;
    if (name) names.set(id, name);
  }
  return names;
}

/** External-task topics the corpus names: each gets a handler that answers with no variables, so the service job path runs. */
export function corpusTopics(files: CorpusFile[]): string[] {
  return [...new Set(files.flatMap(({ xml }) => [...xml.matchAll(/camunda:topic="([^"$]+)"/g)].map((m) => m[1]!)))];
}

/** A message as a category: its element id, generated ids, quoted values and lists taken out. */
export function category(message: string, elementId?: string): string {
  const text = elementId && message.startsWith(`${elementId}: `) ? message.slice(elementId.length + 2) : message;
  return text
    .replace(/^<[^>]+> /, '')
    .replace(/<[^>]*[\d_][^>]*>/g, '<…>')
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\s*\((known|processes):[^)]*\)/g, '')
    .slice(0, 90)
    .trim();
}
