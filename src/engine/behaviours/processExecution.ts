import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * bpmn-elements' ProcessExecution and DefinitionExecution prototypes, which the big-diagram
 * overrides patch (DeferredDeactivation, SlicedProcessActivation, ChainTrampoline). The package
 * does not export the classes; their modules are reached by file, the same module instances the
 * package's entry imports, so a patch here is the one every process runs. Tied to bpmn-elements
 * 17.3.0 (pinned exactly).
 */
const entry = createRequire(import.meta.url).resolve('bpmn-elements');
const source = (...parts: string[]) => pathToFileURL(path.join(path.dirname(path.dirname(entry)), 'src', ...parts)).href;
type Prototyped = { default: { prototype: Record<string, unknown> } };
const { default: ProcessExecution } = (await import(source('process', 'ProcessExecution.js'))) as Prototyped;
const { default: DefinitionExecution } = (await import(source('definition', 'DefinitionExecution.js'))) as Prototyped;

export const processExecutionPrototype: Record<string, unknown> = ProcessExecution.prototype;
export const definitionExecutionPrototype: Record<string, unknown> = DefinitionExecution.prototype;

/** The key under which a ProcessExecution holds its children, flows and associations. */
export const kElements = Symbol.for('elements');
