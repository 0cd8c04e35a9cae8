/** A message in a bpmn-elements (smqp) queue. */
export interface QueuedMessage {
  fields: { routingKey: string; redelivered?: boolean };
  content: Record<string, any>;
  readonly pending: boolean;
  ack(): void;
}

/** The part of a bpmn-elements activity that token tracking reads. */
export interface ScopeActivity {
  id: string;
  status?: string;
  placeholder?: boolean;
  isThrowing?: boolean;
  behaviour: { attachedTo?: { id: string }; eventDefinitions?: { type: string; behaviour?: { name?: string } }[] };
  broker: {
    getQueue(name: string): { messages: QueuedMessage[]; assertConsumer(onMessage: () => void, options: Record<string, unknown>): unknown } | undefined;
    subscribeTmp(exchange: string, pattern: string, onMessage: () => void, options: Record<string, unknown>): unknown;
    cancel(consumerTag: string): unknown;
  };
}

interface ScopeFlow {
  id: string;
  sourceId: string;
  targetId: string;
}

/** What a join asks of its context: the activities and sequence flows of its (sub-)process. */
export interface JoinScope {
  id: string;
  parent: { id: string };
  inbound: ScopeFlow[];
  context: { getActivities(scopeId: string): ScopeActivity[]; getSequenceFlows(scopeId: string): ScopeFlow[] };
}

// An activity in one of these states is being skipped (dead path) or has failed: it carries no token.
const tokenless = new Set(['discard', 'discarded', 'error']);
// Messages in an activity's inbound queue that will start it, i.e. tokens waiting in front of it.
const arrivingTokens = new Set(['flow.take', 'association.take', 'activity.enter', 'activity.restart']);
const linkType = 'bpmn:LinkEventDefinition';

/**
 * The tokens of one (sub-)process that can still reach the incoming sequence flows of one join in
 * it. BPMN 2.0.2 §13.4.3 counts only paths formed by sequence flows inside the same (sub-)process
 * that do not pass through the join itself; here a path may also go from an activity to a
 * boundary event attached to it, and from a link throw event to the catch events of its link, since
 * a token takes those too.
 *
 * A token is an activity that runs (any status but skipped or failed; a link catch event waiting
 * for its throw does not count) or a token queued in front of a busy activity. An activity that has
 * finished but is still sending its outgoing tokens counts as a whole until it leaves, which errs
 * towards waiting; `watch` reports each leave so the join looks again.
 */
export class UpstreamTokens {
  private readonly activities: ScopeActivity[];
  /** Activity id → the join's incoming flows a token there can reach. */
  private readonly reaches = new Map<string, Set<string>>();
  private readonly consumerTag: string;

  constructor(join: JoinScope) {
    const scopeId = join.parent.id;
    this.consumerTag = `_join-upstream-${join.id}`;
    const all = join.context.getActivities(scopeId).filter((a) => !a.placeholder);
    const sources = new Map<string, string[]>();
    const addSource = (target: string, source: string) => sources.set(target, [...(sources.get(target) ?? []), source]);
    for (const flow of join.context.getSequenceFlows(scopeId)) addSource(flow.targetId, flow.sourceId);
    const throwsByLink = new Map<string, string[]>();
    for (const a of all) {
      if (a.behaviour.attachedTo) addSource(a.id, a.behaviour.attachedTo.id);
      const link = linkName(a);
      if (link !== undefined && a.isThrowing) throwsByLink.set(link, [...(throwsByLink.get(link) ?? []), a.id]);
    }
    for (const a of all) {
      const link = linkName(a);
      if (link !== undefined && !a.isThrowing) for (const thrower of throwsByLink.get(link) ?? []) addSource(a.id, thrower);
    }

    for (const flow of join.inbound) {
      const seen = new Set<string>();
      const pending = [flow.sourceId];
      while (pending.length) {
        const node = pending.pop()!;
        if (node === join.id || seen.has(node)) continue;
        seen.add(node);
        pending.push(...(sources.get(node) ?? []));
      }
      for (const node of seen) {
        if (!this.reaches.has(node)) this.reaches.set(node, new Set());
        this.reaches.get(node)!.add(flow.id);
      }
    }
    this.activities = all.filter((a) => a.id !== join.id && this.reaches.has(a.id));
  }

  /** The join's incoming flows that some token of the scope can still reach. */
  reachable(): Set<string> {
    const result = new Set<string>();
    for (const activity of this.activities) {
      if (!holdsToken(activity)) continue;
      for (const flowId of this.reaches.get(activity.id)!) result.add(flowId);
    }
    return result;
  }

  /** Calls `onChange` whenever an activity upstream of the join leaves (its token moved on or died). */
  watch(onChange: () => void): void {
    for (const activity of this.activities) {
      activity.broker.subscribeTmp('event', 'activity.leave', onChange, { noAck: true, consumerTag: this.consumerTag });
    }
  }

  unwatch(): void {
    for (const activity of this.activities) activity.broker.cancel(this.consumerTag);
  }
}

function linkName(activity: ScopeActivity): string | undefined {
  const definition = activity.behaviour.eventDefinitions?.find((d) => d.type === linkType);
  return definition ? (definition.behaviour?.name ?? '') : undefined;
}

function holdsToken(activity: ScopeActivity): boolean {
  const status = activity.status;
  // A link catch event starts with its scope and waits for its throw event, which is the token.
  const waitingLink = !activity.isThrowing && linkName(activity) !== undefined && (status === 'entered' || status === 'started' || status === 'executing');
  if (status && !tokenless.has(status) && !waitingLink) return true;
  return !!activity.broker.getQueue('inbound-q')?.messages.some((m) => arrivingTokens.has(m.fields.routingKey));
}
