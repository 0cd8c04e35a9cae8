import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * bpmn-elements' ProcessExecution prototype, which the big-diagram overrides patch
 * (DeferredDeactivation, SlicedProcessActivation). The package does not export the class; its
 * module is reached by file, the same module instance the package's entry imports, so a patch
 * here is the one every process runs. Tied to bpmn-elements 17.3.0 (pinned exactly).
 */
const entry = createRequire(import.meta.url).resolve('bpmn-elements');
const file = path.join(path.dirname(path.dirname(entry)), 'src', 'process', 'ProcessExecution.js');
const { default: ProcessExecution } = (await import(pathToFileURL(file).href)) as { default: { prototype: Record<string, unknown> } };

export const processExecutionPrototype: Record<string, unknown> = ProcessExecution.prototype;

/** The key under which a ProcessExecution holds its children, flows and associations. */
export const kElements = Symbol.for('elements');
