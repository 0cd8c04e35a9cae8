import { ServiceTask, SignalTask } from 'bpmn-elements';

type Behaviour = (definition: { behaviour: { type?: string; decisionRef?: string } }, context: unknown) => unknown;

/**
 * A service task with `camunda:type="external"` is a wait state: the engine stops there, the job
 * executor runs the registered handler outside the engine (with retries), then signals the result.
 * Send and business-rule tasks follow the same rule, as in Camunda; a business rule task with
 * `camunda:decisionRef` waits the same way while the job executor evaluates its decision.
 */
export function ExternalServiceTask(this: unknown, definition: { behaviour: { type?: string; decisionRef?: string } }, context: unknown): unknown {
  const waits = definition.behaviour.type === 'external' || !!definition.behaviour.decisionRef;
  const behaviour = (waits ? SignalTask : ServiceTask) as unknown as Behaviour;
  return behaviour(definition, context);
}
