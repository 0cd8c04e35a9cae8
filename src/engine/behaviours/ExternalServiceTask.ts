import { ServiceTask, SignalTask } from 'bpmn-elements';

type Behaviour = (definition: { behaviour: { type?: string } }, context: unknown) => unknown;

/**
 * A service task with `camunda:type="external"` is a wait state: the engine stops there, the job
 * executor runs the registered handler outside the engine (with retries), then signals the result.
 * Send and business-rule tasks follow the same rule, as in Camunda.
 */
export function ExternalServiceTask(this: unknown, definition: { behaviour: { type?: string } }, context: unknown): unknown {
  const behaviour = (definition.behaviour.type === 'external' ? SignalTask : ServiceTask) as unknown as Behaviour;
  return behaviour(definition, context);
}
