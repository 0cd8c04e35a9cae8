import * as Elements from 'bpmn-elements';

/** Camunda 7's variables of a multi-instance body (user guide, "Multiple Instance"). */
export interface MultiInstanceCounts {
  nrOfInstances: number;
  nrOfActiveInstances: number;
  nrOfCompletedInstances: number;
}

interface ExecutionMessage {
  fields: { routingKey?: string; redelivered?: boolean };
  content: Record<string, any>;
}

interface LoopActivity {
  environment: object;
  broker: {
    subscribeTmp(exchange: string, pattern: string, onMessage: (routingKey: string, message: ExecutionMessage) => void, options: Record<string, unknown>): void;
    cancel(consumerTag: string): void;
  };
}

interface Body extends MultiInstanceCounts {
  /** `camunda:elementVariable`: the name each iteration sees its item under. */
  elementVariable?: string;
}

/** Each running multi-instance body, by the environment its activity runs in and the body's execution id. */
const bodies = new WeakMap<object, Map<string, Body>>();

function bodyOf(environment: object | undefined, bodyExecutionId: string | undefined): Body | undefined {
  return environment && bodyExecutionId ? bodies.get(environment)?.get(bodyExecutionId) : undefined;
}

/**
 * The variables an iteration of a multi-instance activity sees (Camunda 7 names): `loopCounter`
 * (its index, from 0), the body's counts as they are now, and its item under
 * `camunda:elementVariable`. `content` is an iteration's message content; `environment` the one
 * its multi-instance activity runs in. While the completion condition is evaluated, the iteration
 * that just ended already counts as completed. Empty for anything else.
 */
export function iterationVariables(content: Record<string, any> | undefined, environment: object | undefined): Record<string, unknown> {
  if (!content?.isMultiInstance || typeof content.index !== 'number') return {};
  const body = bodyOf(environment, content.parent?.executionId);
  if (!body) return { loopCounter: content.index, nrOfInstances: content.loopCardinality };
  const { elementVariable, ...counts } = body;
  return { ...counts, loopCounter: content.index, ...(elementVariable && elementVariable in content ? { [elementVariable]: content[elementVariable] } : {}) };
}

const Base = (Elements as unknown as Record<string, unknown>).MultiInstanceLoopCharacteristics as new (
  activity: unknown,
  loopCharacteristics: unknown
) => { activity: LoopActivity; isSequential: boolean; elementVariable?: string; execute(message: ExecutionMessage): unknown };

/**
 * bpmn-elements' multi-instance loop, keeping Camunda 7's `nrOfInstances`, `nrOfActiveInstances`
 * and `nrOfCompletedInstances` for the completion condition and the iterations (bpmn-elements
 * offers none of them, so `${nrOfCompletedInstances >= 2}` never held). The counts follow the
 * loop's own execution messages, which it publishes before it evaluates the condition; a
 * recovered loop takes them up from the message it is redelivered with. When the condition holds,
 * bpmn-elements ends the body and the runtime closes the tasks of the iterations still running.
 */
export class QyzmetLoopCharacteristics extends Base {
  override execute(executeMessage: ExecutionMessage) {
    const { activity } = this;
    const body: string = executeMessage.content.executionId;
    let counts = bodies.get(activity.environment);
    if (!counts) bodies.set(activity.environment, (counts = new Map()));
    const current: Body = counts.get(body) ?? { nrOfInstances: 0, nrOfActiveInstances: 0, nrOfCompletedInstances: 0, elementVariable: this.elementVariable };
    counts.set(body, current);
    if (executeMessage.fields.redelivered) resume(current, executeMessage.content, this.isSequential);

    const tag = `_qyzmet-mi-counts-${body}`;
    activity.broker.cancel(tag);
    activity.broker.subscribeTmp(
      'execution',
      'execute.#',
      (routingKey, { content }) => {
        if (typeof content.loopCardinality === 'number') current.nrOfInstances = content.loopCardinality;
        switch (routingKey) {
          case 'execute.iteration.batch':
            // Parallel: `index` iterations started so far, `running` of them still run.
            Object.assign(current, { nrOfActiveInstances: content.running, nrOfCompletedInstances: content.index - content.running });
            break;
          case 'execute.iteration.next':
            Object.assign(current, { nrOfActiveInstances: 1, nrOfCompletedInstances: content.index });
            break;
          case 'execute.completed':
          case 'execute.discard':
          case 'execute.cancel':
            if (content.executionId === body) {
              // The body itself ended.
              activity.broker.cancel(tag);
              counts.delete(body);
            } else if (this.isSequential) {
              Object.assign(current, { nrOfActiveInstances: 0, nrOfCompletedInstances: content.index + 1 });
            } else {
              Object.assign(current, { nrOfActiveInstances: current.nrOfActiveInstances - 1, nrOfCompletedInstances: current.nrOfCompletedInstances + 1 });
            }
            break;
        }
      },
      // Before bpmn-elements' own loop handler (priority 300), which evaluates the condition.
      { noAck: true, consumerTag: tag, priority: 500 }
    );
    return super.execute(executeMessage);
  }
}

/** The counts of a recovered loop, from the state its redelivered message carries. */
function resume(counts: MultiInstanceCounts, content: Record<string, any>, sequential: boolean) {
  if (typeof content.loopCardinality === 'number') counts.nrOfInstances = content.loopCardinality;
  if (sequential) {
    if (typeof content.index === 'number') Object.assign(counts, { nrOfActiveInstances: 1, nrOfCompletedInstances: content.index });
  } else if (typeof content.index === 'number' && typeof content.running === 'number') {
    Object.assign(counts, { nrOfActiveInstances: content.running, nrOfCompletedInstances: content.index - content.running });
  }
}
