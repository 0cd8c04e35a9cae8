import { setImmediate as nextTurn } from 'node:timers/promises';
import { kElements, processExecutionPrototype } from './processExecution.js';

/**
 * Direct children of a process above which its wiring is prepared a slice at a time; smaller
 * processes take bpmn-elements' own path unchanged.
 */
export const prepareAbove = 64;
/** The longest stretch, in milliseconds, one slice of preparing holds the event loop. */
export const sliceMs = 8;

const kParent = Symbol.for('parent');
const kMessageHandlers = Symbol.for('messageHandlers');
const kActivated = Symbol.for('activated');

type Handler = (...args: unknown[]) => unknown;
interface Broker {
  subscribeTmp(exchange: string, pattern: string, onMessage: Handler, options: object): unknown;
  consume(queue: string, onMessage: Handler, options: object): unknown;
}
interface Element {
  id: string;
  broker: Broker & { getQueue(name: string): { messageCount: number } | undefined };
  status?: string;
  placeholder?: boolean;
  isStart?: boolean;
  triggeredByEvent?: boolean;
  activate(parent?: unknown): unknown;
  recover(state: unknown): unknown;
}
/** What of a bpmn-elements 17.3.0 process (the element, not its execution) this works with. */
export interface PreparableProcess {
  id: string;
  isExecutable: boolean;
  environment: { recover(state: unknown): unknown };
  context: { getActivities(scopeId: string): Element[]; getSequenceFlows(scopeId: string): Element[] };
}
/** A process's saved state, as bpmn-elements' `getState()` writes it. */
export interface ProcessState {
  id: string;
  environment?: unknown;
  execution?: { children?: Array<{ id: string }>; flows?: Array<{ id: string }> };
}
interface ProcessExecutionLike {
  isSubProcess: boolean;
  executionId: string;
  broker: Broker;
  [kParent]: PreparableProcess;
  [kElements]: {
    children: Element[];
    flows: Element[];
    associations: Element[];
    outboundMessageFlows: Array<Element & { activate(): unknown }>;
    startActivities: Set<Element>;
    triggeredByEvent: Set<Element>;
  };
  [kMessageHandlers]: { onActivityEvent: Handler; onApiMessage: Handler; onMessageFlowEvent: Handler };
  [kActivated]: boolean;
}

/**
 * A process's wiring made ahead: a listener on each child and sequence flow that forwards to the
 * execution's handler once that execution switches it on, and the execution state already given
 * back to its children and flows.
 */
interface Prepared {
  target?: ProcessExecutionLike[typeof kMessageHandlers];
  children: Map<Element, { live: boolean }>;
  flows: { live: boolean };
  recoveredFrom?: object;
}
const prepared = new WeakMap<object, Prepared>();

/** Yields to the event loop once a slice has run for {@link sliceMs}. */
export class Slicer {
  private sliceStart = performance.now();
  async tick(): Promise<void> {
    if (performance.now() - this.sliceStart <= sliceMs) return;
    await nextTurn();
    this.sliceStart = performance.now();
  }
}

/**
 * Prepares a top-level process of more than {@link prepareAbove} children, a slice at a time, for
 * the execution that runs or resumes it next: with `state` (the process's saved state, before the
 * engine's synchronous `recover`) its children and sequence flows are given back their state
 * first; then the process's listener on each child and flow is subscribed, silent until the
 * execution's `_activate` switches it on. Its activities must have been built. Returns whether the
 * process was big enough to prepare.
 */
export async function prepareProcessActivation(bp: PreparableProcess, slicer: Slicer, state?: ProcessState): Promise<boolean> {
  const children = bp.context.getActivities(bp.id).filter((a) => !a.placeholder);
  if (children.length <= prepareAbove || prepared.has(bp)) return false;
  const entry: Prepared = { children: new Map(), flows: { live: false } };
  const flows = bp.context.getSequenceFlows(bp.id);
  if (state?.execution) {
    // As Process#recover does before its execution recovers: behaviours built on recovery read it.
    bp.environment.recover(state.environment);
    const byId = <T extends { id: string }>(list: T[]) => new Map(list.map((e) => [e.id, e]));
    const flowById = byId(flows);
    const childById = byId(bp.context.getActivities(bp.id));
    for (const flowState of state.execution.flows ?? []) {
      flowById.get(flowState.id)?.recover(flowState);
      await slicer.tick();
    }
    for (const childState of state.execution.children ?? []) {
      childById.get(childState.id)?.recover(childState);
      await slicer.tick();
    }
    entry.recoveredFrom = state.execution;
    // Activated ahead, as a start activates them: children that hold no token (neither running nor
    // with a sequence flow's message waiting in their inbound queue) only begin to listen on their
    // inbound flows, which no one takes before the process resumes. The others are activated when
    // it resumes, as before, where a waiting token is delivered.
    for (const child of children) {
      if (!child.status && !child.broker.getQueue('inbound-q')?.messageCount) child.activate();
      await slicer.tick();
    }
  }
  const forward = (switch_: { live: boolean }): Handler => (...args) => (switch_.live && entry.target ? entry.target.onActivityEvent(...args) : undefined);
  for (const flow of flows) {
    flow.broker.subscribeTmp('event', '#', forward(entry.flows), { consumerTag: '_process-flow-controller', noAck: true, priority: 200 });
    await slicer.tick();
  }
  for (const child of children) {
    const live = { live: false };
    entry.children.set(child, live);
    child.broker.subscribeTmp('event', '#', forward(live), { noAck: true, consumerTag: '_process-activity-consumer', priority: 200 });
    await slicer.tick();
  }
  prepared.set(bp, entry);
  return true;
}

/**
 * When a process starts or resumes, bpmn-elements 17.3.0 subscribes it to every child and sequence
 * flow (about 35 µs each on 2 vCPUs), and when it is recovered gives every child its saved state,
 * each in one synchronous call: a 1,000-task chain held the event loop for 50–150 ms there. For a
 * process that {@link prepareProcessActivation} prepared, `_activate` switches on the listeners
 * made ahead instead of subscribing — each child's right after the child is activated, as the
 * original subscribes it, so that what the child publishes while activating is not heard, as
 * before — and `recover` skips the children and flows given their state ahead. Everything else is
 * the original's, in its order. Children and flows of big processes are looked up through an index.
 * Overrides `ProcessExecution#_activate`, `#recover`, `#getActivityById` and `#_getFlowById`, the
 * first and last private to bpmn-elements 17.3.0 (pinned for that reason).
 */
export function prepareProcessActivationAhead(): void {
  const proto = processExecutionPrototype;
  if (proto.__qyzmetPrepared) return;
  proto.__qyzmetPrepared = true;
  const originalActivate = proto._activate as (this: ProcessExecutionLike) => void;
  const originalRecover = proto.recover as (this: ProcessExecutionLike, state: unknown) => unknown;
  const originalActivityById = proto.getActivityById as (this: ProcessExecutionLike, id: string) => Element | undefined;
  const originalFlowById = proto._getFlowById as (this: ProcessExecutionLike, id: string) => Element | undefined;

  // The engine looks up the child of every message a child publishes (about ten per activity run)
  // by id in the list of children, and recovering looks up every saved child and flow: linear in
  // the process's size, so a run of n activities cost n² comparisons. A process's children and flows
  // are fixed when its execution is made; an index of them gives the same element at once.
  const indexes = new WeakMap<object, Map<string, Element>>();
  const indexed = (of: ProcessExecutionLike, kind: 'children' | 'flows', list: Element[]): Map<string, Element> => {
    const key = of[kElements][kind];
    let index = indexes.get(key);
    if (!index) {
      index = new Map();
      // The first of equal ids, as Array#find gives it.
      for (const element of list) if (!index.has(element.id)) index.set(element.id, element);
      indexes.set(key, index);
    }
    return index;
  };
  proto.getActivityById = function (this: ProcessExecutionLike, activityId: string) {
    const { children } = this[kElements];
    if (children.length <= prepareAbove) return originalActivityById.call(this, activityId);
    return indexed(this, 'children', children).get(activityId);
  };
  proto._getFlowById = function (this: ProcessExecutionLike, flowId: string) {
    const { flows } = this[kElements];
    if (flows.length <= prepareAbove) return originalFlowById.call(this, flowId);
    return indexed(this, 'flows', flows).get(flowId);
  };

  proto.recover = function (this: ProcessExecutionLike, state: { flows?: unknown; children?: unknown } | undefined) {
    const entry = !this.isSubProcess && state ? prepared.get(this[kParent]) : undefined;
    if (!entry || entry.recoveredFrom !== state) return originalRecover.call(this, state);
    entry.recoveredFrom = undefined;
    return originalRecover.call(this, { ...state, flows: undefined, children: undefined });
  };

  proto._activate = function (this: ProcessExecutionLike) {
    const entry = this.isSubProcess ? undefined : prepared.get(this[kParent]);
    if (!entry) return originalActivate.call(this);
    prepared.delete(this[kParent]);
    const handlers = this[kMessageHandlers];
    entry.target = handlers;
    this.broker.consume('api-q', handlers.onApiMessage, { noAck: true, consumerTag: `_process-api-consumer-${this.executionId}`, priority: 200 });
    const { outboundMessageFlows, associations, startActivities, triggeredByEvent, children } = this[kElements];
    for (const flow of outboundMessageFlows) {
      flow.activate();
      flow.broker.subscribeTmp('event', '#', handlers.onMessageFlowEvent, { consumerTag: '_process-message-consumer', noAck: true, priority: 200 });
    }
    entry.flows.live = true;
    for (const association of associations) {
      association.broker.subscribeTmp('event', '#', handlers.onActivityEvent, { consumerTag: '_process-association-controller', noAck: true, priority: 200 });
    }
    startActivities.clear();
    triggeredByEvent.clear();
    for (const activity of children) {
      if (activity.placeholder) continue;
      activity.activate(this);
      const live = entry.children.get(activity);
      if (live) live.live = true;
      // A child the preparation did not know (none, unless the context changed) is subscribed as the original does.
      else activity.broker.subscribeTmp('event', '#', handlers.onActivityEvent, { noAck: true, consumerTag: '_process-activity-consumer', priority: 200 });
      if (activity.isStart) startActivities.add(activity);
      if (activity.triggeredByEvent) triggeredByEvent.add(activity);
    }
    this[kActivated] = true;
  };
}
