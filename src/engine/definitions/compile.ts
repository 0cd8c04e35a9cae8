import { performance } from 'node:perf_hooks';
import * as Elements from 'bpmn-elements';
import { Engine } from 'bpmn-engine';
import Serializer, { TypeResolver } from 'moddle-context-serializer';
import type { ModdleElement, ParsedDiagram } from './parse.js';
import { declarationRootElements } from './validate.js';
import { callSpecOf, type CallSpec } from './calls.js';
import { actOf, applicationFormOf, issuesResult, monitoringStartStageOf, registrationOf, statutoryTermOf, type MonitoringStartStage } from './properties.js';
import { formKeysOf } from './formKeys.js';
import type { RegistrationRule } from '../../calendar/index.js';
import { scopedErrorEventDefinition, type ErrorCatchers } from '../behaviours/ScopedErrorEventDefinition.js';
import { inputOutputOf, type InputOutputSpec } from './inputOutput.js';
import { actAbolishedByOf, actTitlesOf, namesByElement, type Names } from './names.js';

/** Everything the runtime needs of one definition version, built once and kept in memory. */
export interface CompiledDefinition {
  /** moddle-context-serializer's context for bpmn-engine's `sourceContext`; read-only, shared by every run. */
  sourceContext: unknown;
  /** Message name -> <message id>, because bpmn-engine correlates by id and clients by name. */
  messageIds: ReadonlyMap<string, string>;
  /** Moddle elements by id, for the attributes the engine does not carry (names, retry cycles). */
  elements: ReadonlyMap<string, ModdleElement>;
  /** Call activities that start instances of other deployed definitions, by element id. */
  calls: ReadonlyMap<string, CallSpec>;
  /** The process's `statutoryTerm` property, e.g. `${workingDays(8)}`: the term of the whole case. */
  statutoryTerm: string | null;
  /** `camunda:inputOutput` mappings by element id. */
  inputOutput: ReadonlyMap<string, InputOutputSpec>;
  /** The form its start variables are checked against: the `applicationForm` property or the start event's `camunda:formKey`. */
  applicationForm: string | null;
  /**
   * Camunda 7's `camunda:isStartableInTasklist` (true unless the process says false): whether people
   * start cases of it from the start page, or only a call activity of another process starts it.
   */
  startableInTasklist: boolean;
  /** The forms the process uses (formKeys.ts formKeysOf): what a deployment binds, and what a form's newer version leaves out of date. */
  formKeys: { keys: string[]; dynamic: boolean };
  /** How the case's registration moment is fixed (the process's `registration` property; `nextOpening` by default). */
  registration: RegistrationRule;
  /** Elements whose reaching means the result has gone out (`resultIssued` property): the term is met or missed then. */
  resultElements: ReadonlySet<string>;
  /**
   * The kinds of document the process's own tasks issue (`camunda:topic="documents.<kind>"`:
   * `acceptanceReceipt`, `refusalReceipt`, …), each once, in the diagram's order: what a case of it
   * may hand out, so the start page promises a receipt only where one is issued.
   */
  documentKinds: readonly string[];
  /** The monitoring stage a case's start posts (the process's `monitoring.startStage`; `registered` by default). */
  startStage: MonitoringStartStage;
  /** The regulation's own data (`act.*` properties of the process), or null. */
  act: Record<string, string> | null;
  /** The act's title in Kazakh, Russian and English (`act.title`, `act.title:ru`, `act.title:en`), or null. */
  actTitles: Names | null;
  /** The act that abolished it, in Kazakh, Russian and English (`act.abolishedBy` and its `:kk`, `:ru`, `:en`), or null. */
  actAbolishedBy: Names | null;
  /** Whether an error with this errorCode, raised at this element, is caught in this definition (see errorCatchersOf). */
  catchesError: ErrorCatchers;
  /** The name of the lane each flow node lies in (the innermost, for nested lanes), by element id. */
  lanes: ReadonlyMap<string, string>;
  /** The id of the lane each flow node lies in (the innermost), by element id: its names are in `names`. */
  laneIds: ReadonlyMap<string, string>;
  /** Names in Kazakh, Russian and English of every named element of the file (process, participants, lanes, flow nodes), by id. */
  names: ReadonlyMap<string, Names>;
}

/**
 * Compiles one process of a diagram. The other processes of the file stay available to call
 * activities and message flows but are not started with it.
 */
export function compileDefinition(parsed: ParsedDiagram, processId: string, behaviours: Record<string, unknown>): CompiledDefinition {
  // The serializer would take an <itemDefinition> for an activity and fail; it means nothing to the engine.
  if (parsed.definitions.rootElements) {
    parsed.definitions.rootElements = parsed.definitions.rootElements.filter((e: ModdleElement) => !declarationRootElements.has(e.$type));
  }
  const processes = (parsed.definitions.rootElements ?? []).filter((e: ModdleElement) => e.$type === 'bpmn:Process') as ModdleElement[];
  for (const process of processes) process.isExecutable = process.id === processId;
  // Bizagi writes an empty <laneSet/> into every process; the serializer expects lanes in it.
  const dropEmptyLaneSets = (container: ModdleElement) => {
    if (container.laneSets) container.laneSets = container.laneSets.filter((set: ModdleElement) => set.lanes?.length);
    for (const element of (container.flowElements ?? []) as ModdleElement[]) if (element.flowElements) dropEmptyLaneSets(element);
  };
  processes.forEach(dropEmptyLaneSets);

  const elements = new Map<string, ModdleElement>();
  const collect = (container: ModdleElement) => {
    for (const element of (container.flowElements ?? []) as ModdleElement[]) {
      if (element.id) elements.set(element.id, element);
      if (element.flowElements) collect(element);
    }
  };
  processes.forEach(collect);
  const catchesError = errorCatchersOf(elements);

  const typeResolver = TypeResolver({ ...Elements, ...behaviours, ErrorEventDefinition: scopedErrorEventDefinition(catchesError) } as never);
  const sourceContext = Serializer(parsed.moddleContext as never, typeResolver);
  // bpmn-engine's getState() writes the whole definition into every state it takes (61 KB of JSON for
  // the Almaty regulation, on every step). States are stored without it: on recovery the definition
  // version supplies it. So that JSON is never made.
  sourceContext.serialize = () => '';

  const messageIds = new Map<string, string>();
  for (const element of parsed.definitions.rootElements ?? []) {
    if (element.$type === 'bpmn:Message' && element.name) messageIds.set(element.name, element.id);
  }
  const processIds = new Set(processes.map((p) => p.id));
  const calls = new Map<string, CallSpec>();
  for (const element of elements.values()) {
    if (element.$type === 'bpmn:CallActivity' && !processIds.has(element.calledElement)) calls.set(element.id!, callSpecOf(element));
  }
  const inputOutput = new Map<string, InputOutputSpec>();
  for (const element of elements.values()) {
    const spec = inputOutputOf(element);
    if (spec) inputOutput.set(element.id!, spec);
  }
  const process = processes.find((p) => p.id === processId);
  const laneIds = lanesOf(processes);
  const resultElements = new Set([...elements.values()].filter((e) => issuesResult(e) && e.id).map((e) => e.id!));
  const documentKinds = process ? documentKindsOf(process) : [];
  return {
    sourceContext,
    messageIds,
    elements,
    calls,
    inputOutput,
    statutoryTerm: process ? statutoryTermOf(process) : null,
    applicationForm: process ? applicationFormOf(process) : null,
    startableInTasklist: process?.isStartableInTasklist !== false,
    formKeys: process ? formKeysOf(process) : { keys: [], dynamic: false },
    registration: (process && registrationOf(process)) === 'asFiled' ? 'asFiled' : 'nextOpening',
    resultElements,
    documentKinds,
    startStage: (process && monitoringStartStageOf(process)) === 'complaintReceived' ? 'complaintReceived' : 'registered',
    act: process ? actOf(process) : null,
    actTitles: process ? actTitlesOf(process) : null,
    actAbolishedBy: process ? actAbolishedByOf(process) : null,
    catchesError,
    lanes: new Map([...laneIds].map(([node, lane]) => [node, lane.name as string])),
    laneIds: new Map([...laneIds].map(([node, lane]) => [node, lane.id as string])),
    names: namesByElement(parsed.definitions),
  };
}

/** Who does what, as the diagram draws it: each flow node's lane (inner lane sets override outer ones). */
function lanesOf(processes: ModdleElement[]): Map<string, ModdleElement> {
  const out = new Map<string, ModdleElement>();
  const visit = (laneSets: ModdleElement[] | undefined) => {
    for (const set of laneSets ?? []) {
      for (const lane of (set.lanes ?? []) as ModdleElement[]) {
        for (const node of (lane.flowNodeRef ?? []) as ModdleElement[]) if (node?.id && lane.name) out.set(node.id, lane);
        if (lane.childLaneSet) visit([lane.childLaneSet]);
      }
    }
  };
  // A node inside a sub-process lies in the sub-process's lane unless a lane set of its own places it
  // (BPMN 2.0.2 §10.8: a sub-process's lane set is optional): the inbox shows a vote's lane, not none.
  const walk = (container: ModdleElement, inherited?: ModdleElement) => {
    visit(container.laneSets);
    for (const element of (container.flowElements ?? []) as ModdleElement[]) {
      const id = element.id as string | undefined;
      if (inherited && id && element.$type !== 'bpmn:SequenceFlow' && !out.has(id)) out.set(id, inherited);
      if (element.flowElements) walk(element, id ? out.get(id) : undefined);
    }
  };
  for (const process of processes) walk(process);
  return out;
}

/**
 * Where a BPMN error raised at an element is caught (BPMN 2.0.2 §10.5.6): by an error boundary
 * event on the element itself (a task, a call activity) or on the nearest enclosing sub-process
 * that has one matching it. On one activity, a boundary whose error has the same errorCode wins
 * over one without errorRef (which catches any), as in Camunda; among equals, the first in the
 * diagram. Decided from the diagram, so that an error nothing catches can be handed to the caller
 * or become an incident instead of being lost inside the engine.
 */
export function errorCatchersOf(elements: ReadonlyMap<string, ModdleElement>): ErrorCatchers {
  const boundaries = new Map<string, { id: string; errorRef?: ModdleElement }[]>();
  for (const element of elements.values()) {
    const definition = element.$type === 'bpmn:BoundaryEvent' && element.eventDefinitions?.find((d: ModdleElement) => d.$type === 'bpmn:ErrorEventDefinition');
    if (!definition || !element.attachedToRef?.id) continue;
    boundaries.set(element.attachedToRef.id, [...(boundaries.get(element.attachedToRef.id) ?? []), { id: element.id!, errorRef: definition.errorRef }]);
  }
  const boundaryOn = (activityId: string, code: string | undefined): string | undefined => {
    const candidates = boundaries.get(activityId) ?? [];
    return (candidates.find((b) => b.errorRef && String(b.errorRef.errorCode) === String(code)) ?? candidates.find((b) => !b.errorRef))?.id;
  };
  const caught = (elementId: string, code: string | undefined) => {
    for (let scope = elements.get(elementId); scope && scope.$type !== 'bpmn:Process'; scope = scope.$parent) {
      if (scope.id && boundaryOn(scope.id, code)) return true;
    }
    return false;
  };
  return Object.assign(caught, { boundaryOn });
}

/**
 * Builds the engine's element tree of a compiled definition without running it, so that a diagram
 * the engine cannot load is refused at deployment instead of failing every start.
 */
export async function loadCompiled(compiled: CompiledDefinition): Promise<void> {
  const engine = new Engine({ sourceContext: compiled.sourceContext as never });
  // Built one element at a time, yielding to other requests every few milliseconds: a diagram of
  // 2,000 elements takes bpmn-elements about half a second.
  let since = performance.now();
  const build = async (make: () => unknown) => {
    make();
    if (performance.now() - since < loadSliceMs) return;
    await new Promise((resolve) => setImmediate(resolve));
    since = performance.now();
  };
  for (const definition of await engine.getDefinitions()) {
    for (const process of definition.getProcesses() as unknown as LoadedProcess[]) {
      const { context } = process;
      for (const activity of context.definitionContext.getActivities(process.id) ?? []) await build(() => context.upsertActivity(activity));
      for (const flow of context.definitionContext.getSequenceFlows() ?? []) await build(() => context.upsertSequenceFlow(flow));
    }
  }
}

/** How long building a diagram's elements at deployment may hold the event loop at a stretch, in ms. */
const loadSliceMs = 20;

/** The part of a bpmn-elements 17.3.0 process `loadCompiled` builds through: its context builds each element from its serialized definition. */
interface LoadedProcess {
  id: string;
  context: {
    upsertActivity(definition: unknown): unknown;
    upsertSequenceFlow(definition: unknown): unknown;
    definitionContext: { getActivities(scopeId: string): unknown[] | undefined; getSequenceFlows(): unknown[] | undefined };
  };
}

/** The document kinds the tasks of one process (its sub-processes included) issue by their `documents.<kind>` topics. */
function documentKindsOf(process: ModdleElement): string[] {
  const kinds = new Set<string>();
  const walk = (container: ModdleElement) => {
    for (const element of (container.flowElements ?? []) as ModdleElement[]) {
      const topic = element.topic as unknown;
      if (typeof topic === 'string' && topic.startsWith('documents.')) kinds.add(topic.slice('documents.'.length));
      if (element.flowElements) walk(element);
    }
  };
  walk(process);
  return [...kinds];
}
