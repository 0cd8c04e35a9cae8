import type { Batch, HistoryType } from '../../store/index.js';

/** What a service handler receives: a copy of the variables, never the engine itself. */
export interface ServiceInput {
  instanceId: string;
  businessKey: string | null;
  elementId: string;
  topic: string;
  variables: Readonly<Record<string, unknown>>;
  /** 1 on the first try. */
  attempt: number;
  /** Stable across retries of the same step: pass it to anything that must not happen twice. */
  idempotencyKey: string;
  /**
   * Adds an event to the history the step that completes this task writes (under the instance's
   * revision, like all history: see store/chain.ts). Given by the job executor; a handler called
   * directly may get none.
   */
  record?(event: { type: HistoryType; data: Record<string, unknown> | null }): void;
  /**
   * Adds writes to the batch of the step that completes this task (a waiting-list number: see
   * queues.ts), so that they commit with its state and history rows, or not at all. A step that
   * does not commit — one of its guarded writes found its row changed (another node took the number
   * or moved the instance), or the engine failed — writes none of them, and when it lost a race the
   * handler is called again, same attempt and idempotency key, to decide on what is stored now.
   * Given by the job executor; a handler called directly may get none.
   */
  write?(writes: (batch: Batch) => void): void;
}

/** Returns variables to set on the process, or nothing. Throw to fail (retried), or throw BpmnError. */
export type ServiceHandler = (input: ServiceInput) => Promise<Record<string, unknown> | void>;

/** Thrown by a handler to take the task's error boundary event with this `errorCode` instead of retrying. */
export class BpmnError extends Error {
  constructor(
    readonly code: string,
    message = code
  ) {
    super(message);
    this.name = 'BpmnError';
  }
}

export interface ServiceRegistry {
  get(topic: string): ServiceHandler | undefined;
  topics(): ReadonlySet<string>;
}

export function createServiceRegistry(handlers: Record<string, ServiceHandler>): ServiceRegistry {
  const map = new Map(Object.entries(handlers));
  const topics = new Set(map.keys());
  return { get: (topic) => map.get(topic), topics: () => topics };
}
