import type { ModdleElement } from './parse.js';

/** `<camunda:property name="statutoryTerm" value="${workingDays(8)}"/>` on a process. */
export function statutoryTermOf(process: ModdleElement): string | null {
  for (const extension of (process.extensionElements?.values ?? []) as ModdleElement[]) {
    if (extension.$type !== 'camunda:Properties') continue;
    const property = ((extension.values ?? []) as ModdleElement[]).find((p) => p.name === 'statutoryTerm');
    if (property) return String(property.value ?? '');
  }
  return null;
}
