import { Activity, ActivityError } from 'bpmn-elements';
import { UpstreamTokens, type JoinScope, type QueuedMessage, type ScopeActivity } from './UpstreamTokens.js';

const kActivated = Symbol.for('activated');

/** Incoming flows of a join when a token has arrived: which hold one, which are empty, which of those a token can still reach. */
export interface JoinInflows {
  filled: ReadonlySet<string>;
  empty: readonly string[];
  reachable: ReadonlySet<string>;
}

/** `fire`: consume one token per filled flow and go on; `wait`; or the flows that can never fill, which makes the join fail. */
export type JoinOutcome = 'fire' | 'wait' | { neverFilled: string[] };

/** When a join with at least one token fires. */
export type JoinRule = (inflows: JoinInflows) => JoinOutcome;

interface ActivityInternals extends JoinScope, ScopeActivity {
  [kActivated]?: boolean;
  context: JoinScope['context'];
  inbound: JoinScope['inbound'];
  activate(): unknown;
  deactivate(): void;
  run(content: Record<string, unknown>): void;
  emitFatal(error: Error, content: Record<string, unknown>): void;
  _consumeInbound(): unknown;
  _runDiscard(content: Record<string, unknown>): void;
  _createMessage(override?: Record<string, unknown>): Record<string, unknown>;
}

const Base = Activity as unknown as new (Behaviour: unknown, activityDef: unknown, context: unknown) => ActivityInternals;

/**
 * A gateway with more than one incoming sequence flow, in place of bpmn-elements' join.
 *
 * bpmn-elements sends a "discard" down every path not taken (dead path elimination), once per token
 * that reaches a merge, so an exclusive merge passes on both a discard and, later, a take. Its
 * parallel join counts the first message from each source, discard or take, as that branch having
 * arrived: after an exclusive split and merge it fires early, and the real token then waits alone
 * forever (bpmn-engine #200); its inclusive gateway has no join at all and passes on every token
 * (bpmn-elements #46). Here only takes are tokens. Discards only tell the join to look again, and
 * whether a branch can still come is read from the tokens of the scope (`UpstreamTokens`). A join
 * that no token can reach any more passes the discard on, as bpmn-elements would.
 *
 * Waiting tokens stay in the activity's `inbound-q`, which `getState()` saves and `recover()`
 * restores, so a join keeps its first token across a recovery. This overrides private methods of
 * bpmn-elements 17.3.0 (`_consumeInbound`, `_runDiscard`), which is why that version is pinned.
 */
export class ConvergingGateway extends Base {
  private readonly rule: JoinRule;
  private readonly onArrival = () => this.reconsider();
  private upstream: UpstreamTokens | undefined;
  private deciding = false;

  constructor(Behaviour: unknown, activityDef: unknown, context: unknown, rule: JoinRule) {
    super(Behaviour, activityDef, context);
    this.rule = rule;
  }

  override activate() {
    if (this[kActivated]) return undefined;
    const result = super.activate();
    this.upstreamTokens().watch(this.onArrival);
    return result;
  }

  override deactivate() {
    super.deactivate();
    this.upstream?.unwatch();
  }

  /** Every arriving message is held (unacknowledged) until the join decides. */
  override _consumeInbound() {
    if (!this[kActivated] || this.status) return undefined;
    return this.broker.getQueue('inbound-q')!.assertConsumer(this.onArrival, { consumerTag: '_run-on-inbound', prefetch: 1000 });
  }

  private upstreamTokens(): UpstreamTokens {
    // Built on first use: the scope's other activities do not all exist yet while this one is constructed.
    this.upstream ??= new UpstreamTokens(this);
    return this.upstream;
  }

  private reconsider() {
    if (this.deciding || this.status || !this[kActivated]) return;
    const held = this.broker.getQueue('inbound-q')!.messages;
    // Recovered messages are delivered one by one: decide once all of them are here.
    if (!held.length || held.some((m) => !m.pending)) return;

    // bpmn-elements sends one message per target when a source has several flows to it, so the
    // flows from one source count as one: a token on any of them fills them all.
    const sourceOf = new Map(this.inbound.map((f) => [f.id, f.sourceId]));
    const firstTake = new Map<string, QueuedMessage>();
    for (const m of held) {
      const source = sourceOf.get(m.content.id);
      if (m.fields.routingKey === 'flow.take' && source !== undefined && !firstTake.has(source)) firstTake.set(source, m);
    }
    const discards = held.filter((m) => m.fields.routingKey !== 'flow.take');
    const inflows = this.inbound.map((f) => f.id);
    const reachable = this.upstreamTokens().reachable();

    if (!firstTake.size) {
      if (inflows.some((id) => reachable.has(id))) return;
      return this.leave('discard', discards);
    }
    const filled = new Set(inflows.filter((id) => firstTake.has(sourceOf.get(id)!)));
    const outcome = this.rule({ filled, empty: inflows.filter((id) => !filled.has(id)), reachable });
    if (outcome === 'wait') return;
    if (outcome === 'fire') return this.leave('take', [...firstTake.values(), ...discards]);
    // The engine reports an error with a source message under the element that raised it.
    const content = this._createMessage();
    const description = `the join can never complete: no token can reach incoming sequence flow ${outcome.neverFilled.join(', ')} any more (tokens wait on ${[...firstTake.values()].map((m) => m.content.id).join(', ')})`;
    this.emitFatal(new ActivityError(description, { fields: {}, content, properties: {} }), content);
  }

  private leave(action: 'take' | 'discard', consumed: QueuedMessage[]) {
    const inbound = consumed.map((m) => ({ ...m.content, ...(m.content.discardSequence && { discardSequence: [...m.content.discardSequence] }) }));
    this.deciding = true;
    try {
      for (const m of consumed) m.ack();
      this.broker.cancel('_run-on-inbound');
    } finally {
      this.deciding = false;
    }
    if (action === 'take') return this.run({ inbound });
    const discardSequence = [...new Set(consumed.flatMap((m) => (m.content.discardSequence ?? []) as string[]))];
    return this._runDiscard({ inbound, discardSequence });
  }
}
