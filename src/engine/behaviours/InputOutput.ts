import type { Environment } from 'bpmn-elements';
import { StepFailedError } from '../../errors/index.js';
import { parameterValue, type InputOutputSpec, type Parameter } from '../definitions/inputOutput.js';
import { feelExpressions } from '../expressions.js';
import { VariableScope } from './VariableScope.js';

type Variables = Record<string, unknown>;

interface RunMessage {
  fields: { routingKey: string; redelivered?: boolean };
  content: Record<string, any>;
}

/** The part of a bpmn-elements activity an extension works with. */
interface ExtendedActivity {
  id: string;
  type: string;
  environment: Environment;
  broker: {
    publish(exchange: string, routingKey: string, content: unknown): void;
    subscribeTmp(exchange: string, pattern: string, onMessage: (routingKey: string, message: RunMessage) => void, options: { noAck: boolean; consumerTag: string }): void;
  };
}

/** Where an activity's evaluated input mappings ride in its run messages, so that a recovered engine finds them. */
export const localVariablesKey = 'localVariables';

/**
 * Camunda 7 input/output mappings (`camunda:inputOutput`, user guide "Input/Output Variable
 * Mapping"), as a bpmn-elements extension: an extension is built for each activity of each
 * engine, and `activate` runs when the activity starts and again when a recovered engine resumes
 * it, so the mappings hold across the durable runtime's steps.
 *
 * - When the activity starts, its input parameters are evaluated in the enclosing scope and
 *   become its local variables (a {@link VariableScope}): the activity — its task attributes,
 *   form, service handler, script, and for a sub-process every element inside — sees them.
 * - When it completes (not when a boundary event interrupts it or it fails), its output parameters
 *   are evaluated in its scope and set on the enclosing one; its locals go with it.
 *
 * Every sub-process gets a scope, with or without mappings, so that what is set inside reaches
 * the case. `specs` are the mappings of one definition version by element id.
 */
export function inputOutputExtension(specs: ReadonlyMap<string, InputOutputSpec>) {
  return function inputOutput(activity: ExtendedActivity) {
    const spec = specs.get(activity.id);
    const isSubProcess = activity.type === 'bpmn:SubProcess';
    if (!spec && !isSubProcess) return undefined;

    const outer = activity.environment;
    let started: Variables = {};
    // A sub-process's locals live in the scope of its execution, which it clones from this one.
    const scope = isSubProcess ? new VariableScope(outer, {}, () => ({ ...started })) : new VariableScope(outer);
    activity.environment = scope;
    if (!spec) return undefined;

    if (spec.outputs.length) {
      activity.broker.subscribeTmp(
        'event',
        'activity.execution.completed',
        (_, message) => {
          // A sub-process's broker also carries the events of the elements inside it.
          if (message.content.id !== activity.id) return;
          const inner = isSubProcess ? (scope.inner ?? scope) : scope;
          const values = evaluate(activity.id, 'camunda:outputParameter', spec.outputs, inner, message.content);
          Object.assign(outer.variables, values);
        },
        { noAck: true, consumerTag: '_qyzmet-output-mappings' }
      );
    }

    return {
      type: 'camunda:inputOutput',
      activate(message: RunMessage) {
        const { routingKey, redelivered } = message.fields;
        if (routingKey === 'run.enter' && !redelivered) {
          const locals = evaluate(activity.id, 'camunda:inputParameter', spec.inputs, outer, message.content);
          if (isSubProcess) started = locals;
          else scope.setLocals(locals);
          if (spec.inputs.length) activity.broker.publish('format', 'run.input-mappings', { [localVariablesKey]: locals });
        } else if (routingKey === 'run.execute' && redelivered && !isSubProcess) {
          scope.setLocals({ ...(message.content[localVariablesKey] as Variables | undefined) });
        }
      },
      deactivate() {
        if (!isSubProcess) scope.setLocals({});
      },
    };
  };
}

// helpers

/** Each parameter's value, evaluated in `environment` with the run message's content; an error names the element and the parameter. */
function evaluate(elementId: string, tag: string, parameters: Parameter[], environment: Environment, content: Record<string, unknown>): Variables {
  const values: Variables = {};
  for (const { name, value } of parameters) {
    try {
      values[name] = parameterValue(value, (text) => feelExpressions.resolveExpression(text, { environment, content }));
    } catch (err) {
      throw new StepFailedError(`${elementId}: ${tag} "${name}": ${(err as Error).message}`, { elementId });
    }
  }
  return values;
}
