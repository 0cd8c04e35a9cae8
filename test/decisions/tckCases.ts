/**
 * Reads the DMN TCK's test-case files (`*-test-01.xml`, namespace
 * http://www.omg.org/spec/DMN/20160719/testcase): each test case's input values and expected
 * decision results, as JavaScript values (xsd:decimal → number, components → objects, lists → arrays,
 * xsi:nil → null). A small reader for this one regular format, not a general XML parser.
 */
export interface TckCase {
  id: string;
  inputs: Record<string, unknown>;
  results: { name: string; expected: unknown; errorResult: boolean }[];
}

export interface TckFile {
  modelName: string;
  labels: string[];
  cases: TckCase[];
}

interface Node {
  name: string;
  attrs: Record<string, string>;
  children: Node[];
  text: string;
}

export function readTckFile(xml: string): TckFile {
  const root = parseXml(xml);
  const child = (n: Node, name: string): Node | undefined => n.children.find((c) => c.name === name);
  const all = (n: Node, name: string): Node[] => n.children.filter((c) => c.name === name);
  return {
    modelName: child(root, 'modelName')?.text.trim() ?? '',
    labels: all(child(root, 'labels') ?? { name: '', attrs: {}, children: [], text: '' }, 'label').map((l) => l.text.trim()),
    cases: all(root, 'testCase').map((c) => ({
      id: c.attrs.id ?? '',
      inputs: Object.fromEntries(all(c, 'inputNode').map((i) => [i.attrs.name!, valueOf(i)])),
      results: all(c, 'resultNode').map((r) => ({
        name: r.attrs.name!,
        expected: child(r, 'expected') ? valueOf(child(r, 'expected')!) : null,
        errorResult: r.attrs.errorResult === 'true',
      })),
    })),
  };
}

/** A valueType element: one `value`, one `list`, or `component`s. */
function valueOf(node: Node): unknown {
  const value = node.children.find((c) => c.name === 'value');
  if (value) return scalar(value);
  const list = node.children.find((c) => c.name === 'list');
  if (list) return list.children.filter((c) => c.name === 'item').map(valueOf);
  const components = node.children.filter((c) => c.name === 'component');
  if (components.length) return Object.fromEntries(components.map((c) => [c.attrs.name!, valueOf(c)]));
  return null;
}

function scalar(value: Node): unknown {
  if (value.attrs['xsi:nil'] === 'true') return null;
  const type = value.attrs['xsi:type']?.replace(/^\w+:/, '');
  switch (type) {
    case 'decimal': case 'double': case 'int': case 'integer': case 'long': return Number(value.text.trim());
    case 'boolean': return value.text.trim() === 'true';
    default: return value.text;
  }
}

// helpers

function parseXml(xml: string): Node {
  const root: Node = { name: '#document', attrs: {}, children: [], text: '' };
  const stack = [root];
  const token = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<\/([\w:.-]+)\s*>|<([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  for (const m of xml.matchAll(token)) {
    const top = stack[stack.length - 1]!;
    if (m[1] !== undefined) top.text += m[1];
    else if (m[2]) stack.pop();
    else if (m[3]) {
      const attrs = Object.fromEntries([...m[4]!.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)].map((a) => [a[1]!, decode(a[2] ?? a[3] ?? '')]));
      const node: Node = { name: m[3].replace(/^[\w.-]+:/, ''), attrs, children: [], text: '' };
      top.children.push(node);
      if (!m[5]) stack.push(node);
    } else if (m[6] !== undefined) top.text += decode(m[6]);
  }
  return root.children[0]!;
}

function decode(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    if (named[e]) return named[e]!;
    return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}
