/**
 * Small BPMN diagrams built in code, so that a test can vary what a fault depends on (nesting depth,
 * number of branches, collection size) instead of pinning one file. No diagram interchange: the
 * engine does not need it.
 */

const namespaces = 'xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';

/** A whole diagram: `<definitions>` with root elements (errors, messages) and one executable process. */
export function diagram(processId: string, body: string, rootElements = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions ${namespaces} id="${processId}-defs" targetNamespace="https://qyzmet.kz/test">
${rootElements}
  <process id="${processId}" isExecutable="true">
${body}
  </process>
</definitions>`;
}

/** `from → to` as a sequence flow; ids are derived from the ends, so each pair may appear once. */
export function flow(from: string, to: string, condition?: string): string {
  const cond = condition ? `<conditionExpression xsi:type="tFormalExpression">${condition}</conditionExpression>` : '';
  return `<sequenceFlow id="${from}-to-${to}" sourceRef="${from}" targetRef="${to}">${cond}</sequenceFlow>`;
}

/** A chain of elements joined by flows: `chain('start', 'a', 'end')`. */
export function chain(...ids: string[]): string {
  return ids.slice(1).map((id, i) => flow(ids[i]!, id)).join('\n');
}

/**
 * `depth` sub-processes, sub1 (outermost) … sub<depth> (innermost), around `inner`, whose first
 * element is `entry`. Each sub<n> starts at sub<n>Start and, when it completes, its scope goes on to
 * the user task `after<n>` and the end event `end<n>`. `beside(n)` is placed in the scope that
 * holds sub<n> (its boundary events, say: BPMN keeps a boundary event beside its activity). Returns
 * sub1 with its continuation; the caller draws the flow into sub1.
 */
export function nested(depth: number, entry: string, inner: string, beside: (level: number) => string = () => ''): string {
  let body = inner;
  let first = entry;
  for (let level = depth; level >= 1; level--) {
    const sub = `sub${level}`;
    body = `<subProcess id="${sub}">\n<startEvent id="${sub}Start"/>\n${flow(`${sub}Start`, first)}\n${body}\n</subProcess>\n${userTask(`after${level}`)}\n${endEvent(`end${level}`)}\n${chain(sub, `after${level}`, `end${level}`)}\n${beside(level)}`;
    first = sub;
  }
  return body;
}

export const userTask = (id: string, attributes = '') => `<userTask id="${id}" ${attributes}/>`;
export const endEvent = (id: string, definition = '') => `<endEvent id="${id}">${definition}</endEvent>`;
