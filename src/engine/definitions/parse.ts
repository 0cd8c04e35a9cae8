import { BpmnModdle } from 'bpmn-moddle';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import { DeploymentError, type DiagramProblem } from '../../errors/index.js';
import { xmlIdProblem, xmlIdReaderOptions } from './ids.js';

/** A moddle element; bpmn-moddle's own typings are too loose to help, so this names what we read. */
export interface ModdleElement {
  $type: string;
  id?: string;
  name?: string;
  $attrs?: Record<string, string>;
  $parent?: ModdleElement;
  [property: string]: any;
}

export interface ParsedDiagram {
  definitions: ModdleElement;
  /** The whole moddle result, as moddle-context-serializer expects it. */
  moddleContext: unknown;
  xml: string;
}

/** The line each id is declared on, for the last XML asked about. */
let lineIndex: { xml: string; lineOfId: Map<string, number> } | undefined;

/**
 * 1-based line of the element with this id in the XML, if it can be found. Deploy asks this once
 * per finding, and a big diagram may have thousands: the XML is indexed once (every id with its line,
 * in one pass) and kept for the next call on the same text.
 */
export function lineOf(xml: string, id: string | undefined): number | undefined {
  if (!id) return undefined;
  if (lineIndex?.xml !== xml) lineIndex = { xml, lineOfId: indexIds(xml) };
  return lineIndex.lineOfId.get(id);
}

function indexIds(xml: string): Map<string, number> {
  const lineOfId = new Map<string, number>();
  const declaration = /\sid="([^"]*)"|\n/g;
  let line = 1;
  for (let match = declaration.exec(xml); match; match = declaration.exec(xml)) {
    if (match[0] === '\n') line++;
    // The first declaration wins, as indexOf found it before.
    else if (!lineOfId.has(match[1])) lineOfId.set(match[1], line);
  }
  return lineOfId;
}

/** Camunda attributes that change nothing here: every service task is already its own job. */
export const harmlessCamundaAttributes: ReadonlySet<string> = new Set([
  'asyncBefore',
  'asyncAfter',
  'exclusive',
  'jobPriority',
  'priority',
  'historyTimeToLive',
  'versionTag',
  'isStartableInTasklist',
  'taskPriority',
  'candidateStarterGroups',
  'candidateStarterUsers',
  'initiator',
]);

const bpmnNamespace = 'http://www.omg.org/spec/BPMN/20100524/MODEL';

interface ModdleWarning {
  message: string;
  element?: ModdleElement;
  property?: string;
}

/**
 * Warnings that say nothing about the diagram: the XML arrives already decoded (a JSON string), so
 * its declared encoding does not matter; and Camunda Modeler writes some harmless camunda
 * attributes where camunda-bpmn-moddle does not expect them (historyTimeToLive on <definitions>).
 * Attributes of other vendors' namespaces never warn; unknown camunda and BPMN attributes do, as a
 * misspelt attribute would otherwise be ignored silently.
 */
function ignorable(warning: ModdleWarning): boolean {
  if (warning.message.startsWith('unsupported document encoding')) return true;
  const attribute = /^camunda:(.+)$/.exec(warning.property ?? '');
  return warning.message.startsWith('unknown attribute') && !!attribute && harmlessCamundaAttributes.has(attribute[1]!);
}

/** Why moddle found no <definitions>, when it is a draft or foreign namespace on the root element. */
function rootProblem(xml: string): string | undefined {
  const root = /<(?:([\w.-]+):)?definitions\b([^>]*)>/.exec(xml);
  if (!root) return 'the root element is not <definitions>';
  const prefix = root[1] ? `:${root[1]}` : '';
  const namespace = new RegExp(`xmlns${prefix}\\s*=\\s*["']([^"']*)["']`).exec(root[2]!)?.[1];
  if (namespace === bpmnNamespace) return undefined;
  return `<definitions> is in namespace "${namespace ?? 'none'}", not BPMN 2.0's "${bpmnNamespace}"`;
}

function lineFromMessage(message: string): number | undefined {
  const m = /line: (\d+)/.exec(message);
  return m ? Number(m[1]) + 1 : undefined;
}

/** Parses BPMN 2.0 XML with the Camunda extension; any parser complaint is a deployment problem. */
export async function parseDiagram(xml: string): Promise<ParsedDiagram> {
  const moddle = new BpmnModdle({ camunda });
  let result: { rootElement: ModdleElement; warnings: ModdleWarning[] };
  try {
    result = (await moddle.fromXML(xml.trim(), 'bpmn:Definitions', xmlIdReaderOptions)) as unknown as typeof result;
  } catch (err) {
    let message = (err as Error).message.split('\n')[0]!;
    if (message.startsWith('failed to parse document as')) message = rootProblem(xml) ?? message;
    throw new DeploymentError([{ message: `not BPMN 2.0 XML: ${message}`, line: lineFromMessage((err as Error).message) }]);
  }
  // An element dropped for its id leaves every reference to it unresolved; its one problem says why.
  const illegalIds = new Set(result.warnings.map((w) => /nested error: illegal ID <([\s\S]*)>$/.exec(w.message)?.[1]).filter((id) => id !== undefined));
  const consequence = (w: ModdleWarning) => illegalIds.has(/^unresolved reference <([\s\S]*)>$/.exec(w.message)?.[1] ?? '');
  const problems: DiagramProblem[] = result.warnings.filter((w) => !ignorable(w) && !consequence(w)).map((w) => {
    const text = w.message.split('\n');
    const nested = text.find((l) => l.includes('nested error'))?.replace(/^\s*nested error: /, '');
    const illegal = /^illegal ID <([\s\S]*)>$/.exec(nested ?? '')?.[1];
    if (illegal !== undefined) return { elementId: illegal, line: lineOf(xml, illegal) ?? lineFromMessage(w.message), message: xmlIdProblem(illegal) };
    const elementId = w.element?.id ?? /duplicate ID <([^>]+)>/.exec(nested ?? '')?.[1];
    let message = nested ? `${text[0]} (${nested})` : text[0]!;
    if (w.element && message.startsWith('unknown attribute')) message += ` on ${w.element.$type.replace('bpmn:', '')}`;
    return { elementId, line: lineFromMessage(w.message) ?? lineOf(xml, elementId), message };
  });
  if (problems.length) throw new DeploymentError(problems);
  return { definitions: result.rootElement, moddleContext: result, xml };
}
