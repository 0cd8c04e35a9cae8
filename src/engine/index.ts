import type { Clock } from '../clock/index.js';
import type { Store } from '../store/index.js';
import type { CompiledForm, FormDefinition } from '../forms/index.js';
import { createFormVersions, type FormVersions } from './forms/index.js';
import type { Schedule } from '../calendar/index.js';
import { qyzmetElements } from './behaviours/index.js';
import { createCalendars, type Calendars } from './calendar.js';
import { createDefinitions, type Definitions } from './definitions/index.js';
import { createDecisions, type Decisions } from './decisions/index.js';
import type { EventLog } from '../log/index.js';
import { createRuntime, type JobQueue, type Runtime } from './runtime/index.js';
import type { ServiceRegistry } from './services/index.js';

export type { Definitions, DeployRequest, DeployedDefinition, FormBinding, LintFinding } from './definitions/index.js';
export { lintConfig } from './definitions/index.js';
export type { Names, NameLanguage } from './definitions/index.js';
export type { Decisions, DecisionOutcome, DeployedDecision } from './decisions/index.js';
export type { FormVersions, DeployedForm, BoundForm } from './forms/index.js';
export { declaresDmn } from '../decisions/index.js';
export type { Runtime, InstanceDetails, StartRequest, JobQueue, JobLock } from './runtime/index.js';
export { StepFailedError } from './runtime/index.js';
export { BpmnError, createServiceRegistry } from './services/index.js';
export { gatewayServices } from './services/gateway.js';
export { documentServices } from './services/documents.js';
export { acceptanceServices } from './services/acceptance.js';
export { complaintServices, complaintExtensionProblems, reviewExtensions, type ReviewExtension } from './services/complaints.js';
export { hearingServices } from './services/hearing.js';
export { incomeLimits, incomeLimitUnit, waitingListServices, type IncomeLimit } from './services/waitingList.js';
export { queueServices, queueLists, isQueueList, type QueueList } from './services/queues.js';
export { privatizationServices } from './services/privatization.js';
export { commissionServices, commissionOutcome, type CommissionVote, type Vote } from './services/commission.js';
export type { ServiceHandler, ServiceInput, ServiceRegistry } from './services/index.js';

export type { Calendars } from './calendar.js';
export { describeTerm } from './terms.js';
export { createMonitoringSender, type MonitoringSender } from './monitoring.js';
export { isFinishedLate, isOverdue } from './overdue.js';

export interface Engine {
  definitions: Definitions;
  /** Deployed DMN decisions: versions, effectivity, evaluation. */
  decisions: Decisions;
  /** Task form versions (none when the engine was built without a form compiler). */
  forms?: FormVersions;
  runtime: Runtime;
  calendars: Calendars;
}

export function createEngine(deps: { store: Store; clock: Clock; services: ServiceRegistry; jobs?: JobQueue; liveEngines?: number; compileForm?: (definition: FormDefinition) => CompiledForm; providerHours?: Schedule; defaultProvider?: string; log?: EventLog; monitoring?: boolean }): Engine {
  const calendars = createCalendars({ store: deps.store, clock: deps.clock, hours: deps.providerHours ? { provider: deps.providerHours } : {} });
  const forms = deps.compileForm ? createFormVersions({ store: deps.store, clock: deps.clock, compile: deps.compileForm }) : undefined;
  const definitions = createDefinitions({ store: deps.store, clock: deps.clock, topics: () => deps.services.topics(), forms, behaviours: qyzmetElements(deps.clock, calendars.current) });
  const decisions = createDecisions({ store: deps.store, clock: deps.clock });
  const runtime = createRuntime({ ...deps, definitions, decisions, calendars, forms });
  return { definitions, decisions, forms, runtime, calendars };
}
