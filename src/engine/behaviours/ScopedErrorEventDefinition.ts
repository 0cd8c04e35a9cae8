import { ActivityError, ErrorEventDefinition } from 'bpmn-elements';

interface ExecuteMessage {
  content: Record<string, any> & { executionId: string };
}

/** The error an error end event throws: its `<error>`'s id, name and errorCode. */
export interface ThrownError {
  id?: string;
  name?: string;
  code?: string;
}

/** Tells whether something in this definition catches an error with `code` raised at `elementId`. */
export interface ErrorCatchers {
  (elementId: string, code: string | undefined): boolean;
  /** The error boundary event on `activityId` that catches an error with `code`, if any. */
  boundaryOn(activityId: string, code: string | undefined): string | undefined;
}

/** What an uncaught error end event announces while it waits: the runtime decides what follows. */
export const uncaughtErrorKey = 'uncaughtError';

/**
 * bpmn-elements broadcasts an error end event's error to every error boundary event of the
 * process, so a boundary on a sibling task catches it too (and interrupts that task), while a
 * boundary on the enclosing sub-process only catches it one level up. BPMN 2.0.2 §10.5.6 sends it
 * to the nearest enclosing scope that catches it. This end event fails its own activity with the
 * error instead, so it travels up through the enclosing sub-processes the way a failing task's
 * error does, and the first boundary that matches its errorCode (or has no errorRef) catches it.
 *
 * On one activity, only the boundary that errorCatchersOf picks catches, not every one that matches.
 *
 * An error that nothing in the definition catches is not thrown into the engine, which would end
 * the case as if nothing happened: the end event waits, announcing the error, and the runtime hands
 * it to the caller of a called instance, or raises an incident (as Camunda 8 does).
 */
export function scopedErrorEventDefinition(caught: ErrorCatchers) {
  const Base = ErrorEventDefinition as unknown as new (activity: unknown, definition: unknown) => {
    isThrowing: boolean;
    activity: { id: string; attachedTo?: { id: string } };
    broker: { publish(exchange: string, routingKey: string, content: unknown, properties?: unknown): void };
    _getReferenceInfo(message: ExecuteMessage): { message: ThrownError };
    executeThrow(message: ExecuteMessage): unknown;
    _onErrorMessage(routingKey: string, message: { content: { error?: { code?: string } } }): unknown;
  };

  return class ScopedErrorEventDefinition extends Base {
    override executeThrow(executeMessage: ExecuteMessage) {
      const error = this._getReferenceInfo(executeMessage).message;
      const content = executeMessage.content;
      if (caught(this.activity.id, error.code)) {
        const description = error.name ?? error.code ?? 'BPMN error';
        const thrown = new ActivityError(description, executeMessage as never, { ...error } as never);
        this.broker.publish('execution', 'execute.error', { ...content, error: thrown }, { mandatory: true });
        return;
      }
      this.broker.publish('event', 'activity.wait', { ...content, [uncaughtErrorKey]: { id: error.id, name: error.name, code: error.code } });
    }

    /** A boundary catches only if it is the one boundary of its activity that takes this error. */
    override _onErrorMessage(routingKey: string, message: { content: { error?: { code?: string } } }) {
      const attachedTo = this.activity.attachedTo?.id;
      if (attachedTo && caught.boundaryOn(attachedTo, message.content.error?.code) !== this.activity.id) return;
      return super._onErrorMessage(routingKey, message);
    }
  };
}
