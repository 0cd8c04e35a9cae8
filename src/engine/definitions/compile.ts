import * as Elements from 'bpmn-elements';
import Serializer, { TypeResolver } from 'moddle-context-serializer';
import type { ModdleElement, ParsedDiagram } from './parse.js';

/** Everything the runtime needs of one definition version, built once and kept in memory. */
export interface CompiledDefinition {
  /** moddle-context-serializer's context for bpmn-engine's `sourceContext`; read-only, shared by every run. */
  sourceContext: unknown;
  /** Message name -> <message id>, because bpmn-engine correlates by id and clients by name. */
  messageIds: ReadonlyMap<string, string>;
  /** Moddle elements by id, for the attributes the engine does not carry (names, retry cycles). */
  elements: ReadonlyMap<string, ModdleElement>;
}

/**
 * Compiles one process of a diagram. The other processes of the file stay available to call
 * activities and message flows but are not started with it.
 */
export function compileDefinition(parsed: ParsedDiagram, processId: string, behaviours: Record<string, unknown>): CompiledDefinition {
  const processes = (parsed.definitions.rootElements ?? []).filter((e: ModdleElement) => e.$type === 'bpmn:Process') as ModdleElement[];
  for (const process of processes) process.isExecutable = process.id === processId;

  const typeResolver = TypeResolver({ ...Elements, ...behaviours } as never);
  const sourceContext = Serializer(parsed.moddleContext as never, typeResolver);

  const messageIds = new Map<string, string>();
  for (const element of parsed.definitions.rootElements ?? []) {
    if (element.$type === 'bpmn:Message' && element.name) messageIds.set(element.name, element.id);
  }
  const elements = new Map<string, ModdleElement>();
  const collect = (container: ModdleElement) => {
    for (const element of (container.flowElements ?? []) as ModdleElement[]) {
      if (element.id) elements.set(element.id, element);
      if (element.flowElements) collect(element);
    }
  };
  processes.forEach(collect);
  return { sourceContext, messageIds, elements };
}
