import { BpmnModdle } from 'bpmn-moddle';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import { DeploymentError, type DiagramProblem } from '../../errors/index.js';

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

/** 1-based line of the element with this id in the XML, if it can be found. */
export function lineOf(xml: string, id: string | undefined): number | undefined {
  if (!id) return undefined;
  const at = xml.indexOf(`id="${id}"`);
  return at < 0 ? undefined : xml.slice(0, at).split('\n').length;
}

function lineFromMessage(message: string): number | undefined {
  const m = /line: (\d+)/.exec(message);
  return m ? Number(m[1]) + 1 : undefined;
}

/** Parses BPMN 2.0 XML with the Camunda extension; any parser complaint is a deployment problem. */
export async function parseDiagram(xml: string): Promise<ParsedDiagram> {
  const moddle = new BpmnModdle({ camunda });
  let result: { rootElement: ModdleElement; warnings: Array<{ message: string; element?: ModdleElement }> };
  try {
    result = (await moddle.fromXML(xml.trim(), 'bpmn:Definitions')) as unknown as typeof result;
  } catch (err) {
    const message = (err as Error).message.split('\n')[0]!;
    throw new DeploymentError([{ message: `not BPMN 2.0 XML: ${message}`, line: lineFromMessage((err as Error).message) }]);
  }
  const problems: DiagramProblem[] = result.warnings.map((w) => {
    const elementId = w.element?.id;
    const text = w.message.split('\n');
    const nested = text.find((l) => l.includes('nested error'))?.replace(/^\s*nested error: /, '');
    return {
      elementId,
      line: lineFromMessage(w.message) ?? lineOf(xml, elementId),
      message: nested ? `${text[0]} (${nested})` : text[0]!,
    };
  });
  if (problems.length) throw new DeploymentError(problems);
  return { definitions: result.rootElement, moddleContext: result, xml };
}
