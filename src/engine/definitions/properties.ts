import type { ModdleElement } from './parse.js';

/** A `<camunda:property name=… value=…/>` of an element, or null. */
export function propertyOf(element: ModdleElement, name: string): string | null {
  for (const extension of (element.extensionElements?.values ?? []) as ModdleElement[]) {
    if (extension.$type !== 'camunda:Properties') continue;
    const property = ((extension.values ?? []) as ModdleElement[]).find((p) => p.name === name);
    if (property) return String(property.value ?? '');
  }
  return null;
}

/** `statutoryTerm` on a process, e.g. `${workingDays(8)}`: the term of the whole case. */
export const statutoryTermOf = (process: ModdleElement) => propertyOf(process, 'statutoryTerm');

/** The `applicationForm` property of a process, if it has one. */
export const applicationFormPropertyOf = (process: ModdleElement) => propertyOf(process, 'applicationForm');

/** The process's own start events (not those of its sub-processes): where a case starts. */
export function startEventsOf(process: ModdleElement): ModdleElement[] {
  return ((process.flowElements ?? []) as ModdleElement[]).filter((e) => e.$type === 'bpmn:StartEvent');
}

/**
 * The form key the start variables must satisfy (the application): the process's
 * `applicationForm` property, or the `camunda:formKey` of its start event, as Camunda 7 writes a
 * start form. Deploy validation refuses a diagram where the two disagree.
 */
export function applicationFormOf(process: ModdleElement): string | null {
  return applicationFormPropertyOf(process) ?? startEventsOf(process).find((e) => e.formKey)?.formKey ?? null;
}
