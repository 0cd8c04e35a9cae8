import type { WorkingCalendar } from '../../calendar/index.js';
import type { Clock } from '../../clock/index.js';
import { clockedTimerEventDefinition } from './ClockedTimerEventDefinition.js';
import { ExternalServiceTask } from './ExternalServiceTask.js';
import { InclusiveGatewayJoin } from './InclusiveGatewayJoin.js';
import { ParallelGatewayJoin } from './ParallelGatewayJoin.js';
import { QyzmetLoopCharacteristics } from './MultiInstance.js';

export { timerExpiry } from './ClockedTimerEventDefinition.js';
export { chainTrampoline } from './ChainTrampoline.js';
export { deferDeactivationOfCompletedProcesses } from './DeferredDeactivation.js';
export { prepareProcessActivation, prepareProcessActivationAhead, Slicer, sliceMs, type PreparableProcess, type ProcessState } from './SlicedProcessActivation.js';
export { iterationVariables } from './MultiInstance.js';
export { inputOutputExtension, localVariablesKey } from './InputOutput.js';

/** The bpmn-elements behaviours Qyzmet replaces, keyed by element type. */
export function qyzmetElements(clock: Clock, calendar: () => WorkingCalendar): Record<string, unknown> {
  return {
    ServiceTask: ExternalServiceTask,
    SendTask: ExternalServiceTask,
    BusinessRuleTask: ExternalServiceTask,
    TimerEventDefinition: clockedTimerEventDefinition(clock, calendar),
    ParallelGateway: ParallelGatewayJoin,
    InclusiveGateway: InclusiveGatewayJoin,
    MultiInstanceLoopCharacteristics: QyzmetLoopCharacteristics,
  };
}
