import { kElements, processExecutionPrototype } from './processExecution.js';

/**
 * Children of a completed process above which their listeners are taken down after the turn in
 * which it completed, a slice at a time, instead of all in that turn.
 */
export const deferAbove = 64;
/** The longest stretch, in milliseconds, one slice of that cleanup holds the event loop. */
const sliceMs = 8;

interface Deactivatable {
  placeholder?: boolean;
  broker: { cancel(consumerTag: string): unknown };
  deactivate?(): void;
}
interface ProcessExecutionLike {
  isSubProcess: boolean;
  executionId: string;
  broker: { cancel(consumerTag: string): unknown };
  [kElements]: { children: Deactivatable[]; flows: Deactivatable[]; associations: Deactivatable[]; outboundMessageFlows: Deactivatable[] };
}


/**
 * When a top-level process with many children completes, bpmn-elements 17.3.0 takes down every
 * child's listeners (about four broker cancellations each) in the same synchronous call that
 * completes it: some 55 ms per 1,000 children on 2 vCPUs, on top of the last activities of the
 * run. Here the process's own consumers go at once, as before, and the children's and flows'
 * listeners a slice at a time on the following turns: nothing of a completed process runs again
 * (its sequence flows fire no more), so the order of this cleanup changes nothing a user sees.
 * Sub-processes (which may run again, in a loop or as multi-instance) and small processes are left
 * as they are. Overrides `ProcessExecution#_deactivate`, private to bpmn-elements 17.3.0 (pinned).
 */
export function deferDeactivationOfCompletedProcesses(): void {
  const proto = processExecutionPrototype;
  if (proto.__qyzmetDeferred) return;
  const originalDeactivate = proto._deactivate as (this: ProcessExecutionLike) => void;
  const originalComplete = proto._complete as (this: ProcessExecutionLike, ...args: unknown[]) => unknown;
  const completing = new WeakSet<ProcessExecutionLike>();
  proto.__qyzmetDeferred = true;

  proto._complete = function (this: ProcessExecutionLike, ...args: unknown[]) {
    if (!this.isSubProcess && this[kElements].children.length > deferAbove) completing.add(this);
    try {
      return originalComplete.apply(this, args);
    } finally {
      completing.delete(this);
    }
  };

  proto._deactivate = function (this: ProcessExecutionLike) {
    if (!completing.has(this)) return originalDeactivate.call(this);
    this.broker.cancel(`_process-api-consumer-${this.executionId}`);
    this.broker.cancel(`_process-activity-${this.executionId}`);
    const { children, flows, associations, outboundMessageFlows } = this[kElements];
    const work: Array<() => void> = [];
    for (const activity of children) {
      if (activity.placeholder) continue;
      work.push(() => {
        activity.broker.cancel('_process-activity-consumer');
        activity.deactivate?.();
      });
    }
    for (const flow of flows) work.push(() => flow.broker.cancel('_process-flow-controller'));
    for (const association of associations) work.push(() => association.broker.cancel('_process-association-controller'));
    for (const flow of outboundMessageFlows) {
      work.push(() => {
        flow.deactivate?.();
        flow.broker.cancel('_process-message-consumer');
      });
    }
    (this as unknown as Record<symbol, boolean>)[Symbol.for('activated')] = false;
    runInSlices(work);
  };
}

function runInSlices(work: Array<() => void>, from = 0): void {
  setImmediate(() => {
    const start = performance.now();
    let i = from;
    for (; i < work.length && performance.now() - start < sliceMs; i++) {
      try {
        work[i]!();
      } catch {
        // Cleanup of an engine nobody uses any more: a failure here must not take the server down.
      }
    }
    if (i < work.length) runInSlices(work, i);
  });
}
