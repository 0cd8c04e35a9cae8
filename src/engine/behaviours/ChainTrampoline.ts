import { definitionExecutionPrototype } from './processExecution.js';

const kMessageHandlers = Symbol.for('messageHandlers');

interface InboundMessage {
  fields: { redelivered?: boolean };
  content: object;
  readonly pending: boolean;
  nack(allUpTo: boolean, requeue: boolean): void;
}

type OnInbound = (routingKey: string, message: InboundMessage) => unknown;

/** The part of a bpmn-elements 17.3.0 activity the trampoline works with. */
interface TrampolinedActivity {
  id: string;
  environment: { timers: { setTimeout(callback: () => void, delay: number): unknown } };
  [kMessageHandlers]?: { onInbound?: OnInbound };
}

/**
 * How many activities one turn of the event loop starts from sequence flows before the rest waits
 * for the next turn. It bounds the call stack (an activity started from a flow runs inside the one
 * that took it, about 3 KB of stack each in bpmn-elements 17.3.0; Node's default stack overflowed
 * at about 350) and the time one turn holds the event loop: an element costs bpmn-elements about
 * 0.3–1.5 ms (some 420 broker messages), so 16 of them hold it for at most about 25 ms — with what
 * the turn does besides (activating a process's elements at its start, deactivating them at its
 * end) well under the 100 ms a request may wait.
 */
export const activitiesPerTurn = 16;

let limit = activitiesPerTurn;

/**
 * Sets how many activities one turn starts from sequence flows, `undefined` for
 * {@link activitiesPerTurn}: tests cut a run after every 1, 2, 3… activities to show that a cut
 * anywhere leaves the run as it was.
 */
export function setActivitiesPerTurn(n: number | undefined): void {
  limit = n ?? activitiesPerTurn;
}

/** Above zero while a message flow's message is being delivered (see {@link deliverMessageFlowsUncut}). */
let uncut = 0;

/**
 * Runs the delivery of a message along a message flow without cutting it. bpmn-elements 17.3.0
 * (`DefinitionExecution#_onMessageOutbound`) starts the target process if none runs and at once
 * sends it the message, counting on the run having reached the process's waits — the element the
 * flow targets among them — by then; and if that run already ended, it starts the process a second
 * time. Cut in between, the message would reach a process still under way: a receive task further
 * on would miss it, and the second run would not happen — whether it did would depend on how many
 * activities ran before. So the delivery runs as in one stack; the activities it starts still count
 * towards the turn.
 */
function deliverMessageFlowsUncut(): void {
  const proto = definitionExecutionPrototype;
  if (proto.__qyzmetUncutMessageFlows) return;
  proto.__qyzmetUncutMessageFlows = true;
  const deliver = proto._onMessageOutbound as (this: unknown, ...args: unknown[]) => unknown;
  proto._onMessageOutbound = function onMessageOutboundUncut(this: unknown, ...args: unknown[]) {
    uncut++;
    try {
      return deliver.apply(this, args);
    } finally {
      uncut--;
    }
  };
}

/** Deferred tokens whose turn has come, by content (a token requeued is a new message with the same content). */
const due = new WeakSet<object>();

/** Token messages that start (or skip) an activity because a sequence flow was taken (or discarded). */
const flowTokens = new Set(['flow.take', 'flow.discard']);

// The call stack and the event loop are the process's own, whatever engine runs on them, so what
// counts their use is too.
let startedThisTurn = 0;
let turnEnds = false;

function countStart(): number {
  if (!turnEnds) {
    turnEnds = true;
    // The next turn of the event loop starts counting again.
    setImmediate(() => {
      startedThisTurn = 0;
      turnEnds = false;
    });
  }
  return ++startedThisTurn;
}

/**
 * Runs long runs of activities that do not wait — a chain of 1,000 tasks — without overflowing the
 * call stack or holding the event loop.
 *
 * bpmn-elements' message broker (smqp) delivers synchronously: an activity that completes takes
 * its outgoing sequence flow, the flow's message reaches the next activity's inbound queue, whose
 * consumer (`Activity#_onInbound`) runs that activity at once, inside the same call stack — so a
 * chain of n activities nests n activities' frames (about 26 each, all of which stay until the last
 * one waits) and overflows at a few hundred; and the process's list of activities still running
 * grows with it, which makes each step slower than the last. Here, once {@link activitiesPerTurn}
 * activities were started from sequence flows in one turn of the event loop, the inbound consumer
 * starts the next one on the next turn instead — on the engine's `timers.setTimeout(…, 0)`, which
 * Qyzmet's runtime runs on the next turn and waits for before a step counts as settled
 * (`StepTracker#settle`). Other requests are served in between.
 *
 * Until it starts, the token is the sequence flow's message, held unacknowledged in the activity's
 * `inbound-q`: the process still counts the flow as pending (so nothing completes early), a join
 * downstream sees the token coming (`UpstreamTokens`), and `getState()` saves the message, which a
 * recovered engine delivers again. An activity deactivated meanwhile (its scope ended) has had the
 * message taken back, and is then not started. Boundary events are never deferred: they must be
 * listening before their activity runs.
 *
 * Deferring changes the order of events only where it happens: the activity that took the flow
 * leaves before the next one enters (in one stack it leaves after everything downstream), and a
 * parallel branch may start after its sibling instead of before. Overrides
 * `messageHandlers.onInbound`, private to bpmn-elements 17.3.0 (pinned for that reason).
 */
export function chainTrampoline(activity: TrampolinedActivity): undefined {
  deliverMessageFlowsUncut();
  const handlers = activity[kMessageHandlers];
  const onInbound = handlers?.onInbound;
  if (!handlers || !onInbound) return undefined;

  /** Starts the activity now, or on the next turn; `deferred` when called on a later turn than the token came, once the engine that saved it has resumed. */
  const start = (routingKey: string, message: InboundMessage, deferred: boolean): unknown => {
    if (due.delete(message.content)) return onInbound(routingKey, message);
    // A token saved while it waited here is delivered again while the engine resumes, before the
    // activities after this one listen for it: it starts once the engine has resumed.
    const now = (deferred || !message.fields.redelivered) && (!flowTokens.has(routingKey) || countStart() <= limit || uncut > 0);
    if (now && !deferred) return onInbound(routingKey, message);
    if (now) {
      // Handled outside the queue's delivery, the handler's first act (acknowledging the token)
      // would hand the next token waiting here (a take behind a discard, after a merge) to the
      // handler at once, and the two would run into the activity interleaved, one of them lost. So
      // the token goes back to the head of the queue, which delivers it again, now.
      due.add(message.content);
      message.nack(false, true);
      return undefined;
    }
    activity.environment.timers.setTimeout(() => {
      // Taken back while waiting: the activity's scope ended, or the engine stopped.
      if (message.pending) start(routingKey, message, true);
    }, 0);
    return undefined;
  };
  handlers.onInbound = (routingKey, message) => start(routingKey, message, false);
  return undefined;
}
