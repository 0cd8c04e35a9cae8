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

/** `applicationForm` on a process: the form key the start variables must satisfy (the application). */
export const applicationFormOf = (process: ModdleElement) => propertyOf(process, 'applicationForm');
