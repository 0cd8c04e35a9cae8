import { migrateDiagram } from '@bpmn-io/dmn-migrate';
import { ValidationError } from '../errors/index.js';

/** The DMN versions a file may be written in; each is read as DMN 1.3. */
export type DmnVersion = '1.1' | '1.2' | '1.3' | '1.4' | '1.5';

const modelNamespaces: Record<string, DmnVersion> = {
  'http://www.omg.org/spec/DMN/20151101/dmn.xsd': '1.1',
  'http://www.omg.org/spec/DMN/20180521/MODEL/': '1.2',
  'https://www.omg.org/spec/DMN/20191111/MODEL/': '1.3',
  'https://www.omg.org/spec/DMN/20211108/MODEL/': '1.4',
  'https://www.omg.org/spec/DMN/20230324/MODEL/': '1.5',
};

/**
 * Elements DMN 1.4 and 1.5 added that DMN 1.3 (and so dmn-moddle and this evaluator) lacks, by the
 * moddle type name a 1.3 reader reports for them. A file using one is refused with this name.
 */
export const newerConstructs: Readonly<Record<string, string>> = {
  Conditional: 'the boxed conditional (DMN 1.4)',
  Filter: 'the boxed filter (DMN 1.4)',
  For: 'the boxed iterator "for" (DMN 1.4)',
  Every: 'the boxed iterator "every" (DMN 1.4)',
  Some: 'the boxed iterator "some" (DMN 1.4)',
  TypeConstraint: 'the item definition\'s typeConstraint (DMN 1.5)',
};

/**
 * Any DMN file as DMN 1.3 XML, the only version dmn-moddle reads.
 * 1.1 and 1.2 go through @bpmn-io/dmn-migrate (what the bpmn.io DMN modeler runs on opening them).
 * 1.4 and 1.5 keep the 1.3 decision-table schema, so their MODEL, DMNDI and FEEL namespaces are
 * renamed to 1.3's; the constructs they added stay unknown to the 1.3 reader, which reports them
 * (see `newerConstructs`). The DC and DI namespaces did not change after 1.2.
 *
 * @throws ValidationError when the root element is not in a DMN model namespace, or in an unknown DMN version's.
 */
export async function toDmn13(xml: string): Promise<{ xml: string; version: DmnVersion }> {
  const version = versionOf(xml);
  if (version === '1.1' || version === '1.2') return { xml: await migrateDiagram(xml), version };
  if (version === '1.4' || version === '1.5') {
    return { xml: xml.replace(/https:\/\/www\.omg\.org\/spec\/DMN\/(?:20211108|20230324)\/(MODEL|DMNDI|FEEL)\//g, 'https://www.omg.org/spec/DMN/20191111/$1/'), version };
  }
  return { xml, version };
}

/**
 * Whether the file's root element is in a DMN model namespace (any version): a DMN file. A BPMN
 * file may declare DMN namespaces too (Trisotech's do, for decision tasks), so only the root counts.
 */
export function declaresDmn(xml: string): boolean {
  const root = rootNamespace(xml);
  return root !== undefined && isDmnModelNamespace(root);
}

function versionOf(xml: string): DmnVersion {
  const root = rootNamespace(xml);
  const version = root && modelNamespaces[root];
  if (version) return version;
  if (root && isDmnModelNamespace(root)) throw new ValidationError(`unsupported DMN version: namespace ${root} (DMN 1.1 to 1.5 are read)`, { field: 'xmlns' });
  throw new ValidationError(`not a DMN file: the root element is in ${root ? `namespace ${root}` : 'no namespace'}, not a DMN model namespace`, { field: 'xmlns' });
}

function isDmnModelNamespace(uri: string): boolean {
  return /omg\.org\/spec\/DMN\/\d{8}\/(?:MODEL\/?|dmn\.xsd)$/i.test(uri);
}

/** The namespace of the document's root element, from the declarations on it. */
function rootNamespace(xml: string): string | undefined {
  const body = xml.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/g, '');
  const root = /<(?:([\w.-]+):)?[\w.-]+((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/.exec(body);
  if (!root) return undefined;
  const attribute = root[1] ? `xmlns:${root[1].replace(/\./g, '\\.')}` : 'xmlns';
  return new RegExp(`\\s${attribute}\\s*=\\s*["']([^"']*)["']`).exec(root[2] ?? '')?.[1];
}
