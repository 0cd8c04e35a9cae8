/** Element id → name from a BPMN file, for lists and history (the names are the diagram's own). */
export function elementNames(xml: string): Map<string, string> {
  const names = new Map<string, string>();
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  for (const el of Array.from(doc.querySelectorAll('[id][name]'))) names.set(el.getAttribute('id')!, el.getAttribute('name')!);
  return names;
}
