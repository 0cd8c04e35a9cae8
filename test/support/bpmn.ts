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

/** The kinds of element `longChain` strings together; none of them waits. */
export type ChainLink = 'task' | 'script' | 'exclusive' | 'throw' | 'subProcess';

/**
 * `count` elements `<prefix>1` … `<prefix><count>` in one sequence from the element `from` to the
 * element `to` (neither included), cycling through `kinds`; returns the XML and the ids of the
 * elements the token passes through, in order. An exclusive gateway `<prefix><i>` goes on when `${true}`
 * and has a default flow to the end event `<prefix><i>Else` that is never taken (so each one also discards
 * a branch); a sub-process `<prefix><i>` holds `…Start → …Inner → …End`; a script task calls
 * `next()` at once.
 */
export function longChain(count: number, kinds: readonly ChainLink[], from = 'start', to = 'end', prefix = 'c'): { xml: string; passed: string[] } {
  const parts = [flow(from, count ? `${prefix}1` : to)];
  const passed: string[] = [];
  for (let i = 1; i <= count; i++) {
    const id = `${prefix}${i}`;
    const next = i === count ? to : `${prefix}${i + 1}`;
    passed.push(id);
    switch (kinds[(i - 1) % kinds.length]!) {
      case 'task':
        parts.push(`<task id="${id}"/>`, flow(id, next));
        break;
      case 'throw':
        parts.push(`<intermediateThrowEvent id="${id}"/>`, flow(id, next));
        break;
      case 'script':
        parts.push(`<scriptTask id="${id}" scriptFormat="javascript"><script>next();</script></scriptTask>`, flow(id, next));
        break;
      case 'exclusive':
        parts.push(`<exclusiveGateway id="${id}" default="${id}-to-${id}Else"/>`, endEvent(`${id}Else`), flow(id, `${id}Else`), flow(id, next, '${true}'));
        break;
      case 'subProcess':
        parts.push(`<subProcess id="${id}"><startEvent id="${id}Start"/><task id="${id}Inner"/><endEvent id="${id}End"/>${chain(`${id}Start`, `${id}Inner`, `${id}End`)}</subProcess>`, flow(id, next));
        passed.push(`${id}Start`, `${id}Inner`, `${id}End`);
        break;
    }
  }
  return { xml: parts.join('\n'), passed };
}
