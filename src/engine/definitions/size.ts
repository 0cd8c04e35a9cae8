import type { DiagramProblem } from '../../errors/index.js';
import { lineOf } from './parse.js';

/**
 * The most flow nodes (activities, events and gateways, in every process and sub-process of one
 * file) a deployed diagram may have. bpmn-elements builds every element of a diagram, each with its
 * own message brokers (about 0.13 ms and 60 KB per flow node on 2 vCPUs), and subscribes a process
 * to each of its children when it starts. Qyzmet slices the building (runtime/slicedEngine.ts), the
 * run (behaviours/ChainTrampoline.ts) and the final cleanup (behaviours/DeferredDeactivation.ts);
 * the subscribing stays one stretch. `BENCH_ONLY=big npm run bench`: a start of a chain of 1,000
 * tasks holds the event loop at most about 50 ms at a stretch, of 2,000 about 115 ms. 2,000 admits a
 * chain of 1,000 elements of any kind (one that mixes in sub-processes and gateways is about 1,800
 * flow nodes, most of them inside sub-processes) at about 120 MB per running engine; 10,000 would be
 * 600 MB and a second of every recovery.
 */
export const maxFlowNodes = 2000;

// BPMN 2.0.2 §8.3.13 FlowNode: the activities, events and gateways of the schema.
const flowNodeTags = [
  'task', 'userTask', 'manualTask', 'serviceTask', 'sendTask', 'receiveTask', 'businessRuleTask', 'scriptTask',
  'subProcess', 'adHocSubProcess', 'transaction', 'callActivity',
  'startEvent', 'endEvent', 'intermediateCatchEvent', 'intermediateThrowEvent', 'boundaryEvent', 'implicitThrowEvent',
  'exclusiveGateway', 'inclusiveGateway', 'parallelGateway', 'eventBasedGateway', 'complexGateway',
];
const flowNodeStartTag = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?(?:${flowNodeTags.join('|')})[\\s/>]`, 'g');
const commentsAndCdata = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>/g;
const firstProcessId = /<(?:[A-Za-z_][\w.-]*:)?process\b[^>]*?\sid\s*=\s*["']([^"']+)["']/;

/**
 * How many flow nodes the XML holds, counted from its start tags without parsing it, so that a file
 * too big to run is refused before the parser spends seconds on it. Comments and CDATA sections do
 * not count; an element's tag counts whatever its prefix.
 */
export function countFlowNodes(xml: string): number {
  return xml.replace(commentsAndCdata, '').match(flowNodeStartTag)?.length ?? 0;
}

/** The deployment problem of a file with more than {@link maxFlowNodes} flow nodes, named on its first process. */
export function sizeProblem(xml: string): DiagramProblem | undefined {
  const count = countFlowNodes(xml);
  if (count <= maxFlowNodes) return undefined;
  const elementId = firstProcessId.exec(xml)?.[1];
  const n = (x: number) => x.toLocaleString('en-US');
  return {
    elementId,
    line: lineOf(xml, elementId),
    message:
      `the diagram has ${n(count)} flow nodes (activities, events and gateways, counting every sub-process); ` +
      `Qyzmet runs at most ${n(maxFlowNodes)} in one file, because the engine builds all of them, about 60 KB each, ` +
      `in one uninterruptible step whenever an instance starts or resumes; split it into processes joined by call activities`,
  };
}
