import type { DiagramProblem } from '../../errors/index.js';
import { evaluateStatically, expressionsIn, feelSyntaxError } from '../expressions.js';
import { closestName, freeVariables, multiInstanceVariables, processVariables } from './variableNames.js';
import { isTerm } from '../terms.js';
import { isIsoDate, registrationRules, termUnits, type RegistrationRule } from '../../calendar/index.js';
import { actFields, actOf, propertiesOf, applicationFormPropertyOf, monitoringStartStageOf, monitoringStartStages, registrationOf, startEventsOf, statutoryTermOf } from './properties.js';
import { timerExpiry } from '../behaviours/index.js';
import { harmlessCamundaAttributes, lineOf, type ModdleElement } from './parse.js';
import { callMappingProblems } from './calls.js';
import { inputOutputOf, inputOutputProblems, textsOf } from './inputOutput.js';

/** The activities Qyzmet runs; each may have `camunda:inputOutput`, and then runs as a scope of its own. */
const activities = [
  'bpmn:Task',
  'bpmn:ManualTask',
  'bpmn:UserTask',
  'bpmn:ServiceTask',
  'bpmn:SendTask',
  'bpmn:BusinessRuleTask',
  'bpmn:ReceiveTask',
  'bpmn:ScriptTask',
  'bpmn:SubProcess',
  'bpmn:CallActivity',
];

/**
 * What Qyzmet executes, checked before anything is stored. Each rule names the element it
 * rejects, so an analyst can find it in the modeler. The README lists the same rules.
 */
const supportedFlowElements = new Set([
  'bpmn:StartEvent',
  'bpmn:EndEvent',
  'bpmn:IntermediateCatchEvent',
  'bpmn:IntermediateThrowEvent',
  'bpmn:BoundaryEvent',
  ...activities,
  'bpmn:ExclusiveGateway',
  'bpmn:InclusiveGateway',
  'bpmn:ParallelGateway',
  'bpmn:EventBasedGateway',
  'bpmn:SequenceFlow',
  'bpmn:DataObject',
  'bpmn:DataObjectReference',
  'bpmn:DataStoreReference',
]);

const supportedEventDefinitions = new Set([
  'bpmn:TimerEventDefinition',
  'bpmn:MessageEventDefinition',
  'bpmn:ErrorEventDefinition',
  'bpmn:SignalEventDefinition',
  'bpmn:EscalationEventDefinition',
  'bpmn:TerminateEventDefinition',
  'bpmn:LinkEventDefinition',
]);

/** Extension elements that Qyzmet reads or that carry no behaviour. */
const supportedExtensions = new Set(['camunda:FailedJobRetryTimeCycle', 'camunda:Properties', 'camunda:In', 'camunda:Out', 'camunda:InputOutput']);

const mappedActivities = new Set(activities);

/**
 * Extensions of other process engines: they configure behaviour (task types, I/O mappings, forms)
 * that Qyzmet would silently skip, so they are refused like unsupported camunda ones. Extensions of
 * any other namespace are a modeling tool's own notes (Signavio, Bizagi, Trisotech layout and
 * metadata) and are ignored.
 */
const engineNamespaces = new Set([
  'http://camunda.org/schema/zeebe/1.0',
  'http://activiti.org/bpmn',
  'http://flowable.org/bpmn',
]);

/** Root elements the engine loads. */
const supportedRootElements = new Set(['bpmn:Process', 'bpmn:Collaboration', 'bpmn:Message', 'bpmn:Signal', 'bpmn:Error', 'bpmn:Escalation', 'bpmn:DataStore', 'bpmn:Category']);

/** Declarations without behaviour here; compile leaves them out of what the engine loads. */
export const declarationRootElements: ReadonlySet<string> = new Set(['bpmn:ItemDefinition', 'bpmn:Interface', 'bpmn:Resource']);

const readAttributes: Record<string, ReadonlySet<string>> = {
  'bpmn:UserTask': new Set(['assignee', 'candidateGroups', 'candidateUsers', 'formKey', 'dueDate', 'followUpDate']),
  'bpmn:ServiceTask': new Set(['type', 'topic']),
  'bpmn:SendTask': new Set(['type', 'topic']),
  'bpmn:BusinessRuleTask': new Set(['type', 'topic', 'decisionRef', 'decisionRefBinding', 'decisionRefVersion', 'mapDecisionResult', 'resultVariable']),
  'bpmn:MultiInstanceLoopCharacteristics': new Set(['collection', 'elementVariable']),
  'bpmn:ScriptTask': new Set(['resultVariable']),
  'bpmn:StartEvent': new Set(['formKey']),
};

/** Properties of moddle elements that hold camunda attributes (camunda-bpmn-moddle maps them to plain names). */
const camundaProperties = [
  'assignee', 'candidateGroups', 'candidateUsers', 'formKey', 'formRef', 'formHandlerClass', 'dueDate', 'followUpDate',
  'type', 'topic', 'class', 'expression', 'delegateExpression', 'resultVariable', 'decisionRef', 'resource',
  'collection', 'elementVariable', 'calledElementBinding', 'calledElementVersion', 'calledElementTenantId',
  'caseRef', 'variableMappingClass', 'variableMappingDelegateExpression', 'errorCodeVariable', 'errorMessageVariable',
  'escalationCodeVariable', 'modelerTemplate', 'decisionRefBinding', 'decisionRefVersion', 'mapDecisionResult', 'decisionRefTenantId',
  ...harmlessCamundaAttributes,
];

export interface ValidationContext {
  /** Service handler topics registered in this Qyzmet. */
  topics: ReadonlySet<string>;
  /** Keys of deployed definitions, which call activities may call. */
  definitionKeys: ReadonlySet<string>;
  /** Keys of deployed decisions, which business rule tasks may call; undefined: decisionRef is not checked. */
  decisionKeys?: ReadonlySet<string>;
  /** Keys of the forms in forms/; null: formKey is not checked. */
  formKeys: ReadonlySet<string> | null;
  /** A form's top-level field names; undefined for an unknown form, or when forms are not checked. */
  formFields?: (key: string) => readonly string[] | undefined;
}

export interface ExecutableProcess {
  id: string;
  name: string | null;
}

export interface ValidationResult {
  processes: ExecutableProcess[];
  problems: DiagramProblem[];
}

export function validateDiagram(definitions: ModdleElement, xml: string, context: ValidationContext): ValidationResult {
  const problems: DiagramProblem[] = [];
  const problem = (element: ModdleElement | undefined, message: string, extra: Partial<DiagramProblem> = {}) => {
    // A task with five camunda:In mappings is one problem to fix, not five.
    if (problems.some((p) => p.elementId === element?.id && p.message === message)) return;
    problems.push({ elementId: element?.id, line: lineOf(xml, element?.id), message, ...extra });
  };

  const allProcesses = (definitions.rootElements ?? []).filter((e: ModdleElement) => e.$type === 'bpmn:Process') as ModdleElement[];
  const executable = allProcesses.filter((p) => p.isExecutable === true);
  if (executable.length === 0) {
    const ids = allProcesses.map((p) => p.id).join(', ');
    problem(allProcesses[0], allProcesses.length ? `no executable process: mark one with isExecutable="true" (processes: ${ids})` : 'the diagram has no process');
  }

  for (const root of (definitions.rootElements ?? []) as ModdleElement[]) {
    if (supportedRootElements.has(root.$type) || declarationRootElements.has(root.$type)) continue;
    const what = root.$type.replace('bpmn:', '');
    problem(root, /^Global/.test(what) ? `${what} (a reusable task outside any process) is not supported: model the task inside the process` : `${what} is not supported`);
  }

  const processIds = new Set(allProcesses.map((p) => p.id));
  const checked = new Set<string>();
  const check = (process: ModdleElement) => {
    if (checked.has(process.id!)) return;
    checked.add(process.id!);
    checkContainer(process);
  };

  function checkContainer(container: ModdleElement) {
    checkExtensions(container);
    checkResourceRoles(container);
    for (const element of (container.flowElements ?? []) as ModdleElement[]) checkElement(element);
  }

  function checkElement(element: ModdleElement) {
    const type = element.$type;
    if (!supportedFlowElements.has(type)) return problem(element, `${type.replace('bpmn:', '')} is not supported`);
    checkCamundaAttributes(element);
    checkExtensions(element);
    checkNestedStartForm(element);

    for (const definition of (element.eventDefinitions ?? []) as ModdleElement[]) {
      if (!supportedEventDefinitions.has(definition.$type)) problem(element, `${definition.$type.replace('bpmn:', '')} is not supported`);
      if (definition.$type === 'bpmn:TimerEventDefinition') checkTimer(element, definition);
      if (definition.$type === 'bpmn:MessageEventDefinition' && isCatching(element) && !definition.messageRef?.name) {
        problem(element, 'a message catch event needs messageRef to a <message> with a name, which messages are correlated by');
      }
    }

    switch (type) {
      case 'bpmn:BusinessRuleTask':
        if (element.decisionRef !== undefined) checkBusinessRuleTask(element);
        else checkServiceTask(element);
        break;
      case 'bpmn:ServiceTask':
      case 'bpmn:SendTask':
        checkServiceTask(element);
        break;
      case 'bpmn:BoundaryEvent':
        // bpmn-elements would never arm it, so its error or timer would silently go elsewhere.
        if (!element.attachedToRef) problem(element, 'a boundary event needs attachedToRef');
        else if (element.attachedToRef.$parent !== element.$parent) problem(element, `the boundary event is not in the same process or sub-process as ${element.attachedToRef.id}, which it is attached to`);
        break;
      case 'bpmn:ReceiveTask':
        if (!element.messageRef?.name) problem(element, 'a receive task needs messageRef to a <message> with a name');
        break;
      case 'bpmn:ScriptTask':
        if (!/^(javascript|js)$/i.test(element.scriptFormat ?? '')) problem(element, `scriptFormat "${element.scriptFormat ?? ''}" is not supported (use javascript)`);
        if (!element.script) problem(element, 'the script task has no script body');
        break;
      case 'bpmn:UserTask':
        for (const attr of ['assignee', 'candidateGroups', 'candidateUsers', 'dueDate', 'formKey']) checkExpressions(element, element[attr], `camunda:${attr}`);
        if (context.formKeys && element.formKey && !element.formKey.includes('${') && !context.formKeys.has(element.formKey)) {
          problem(element, `camunda:formKey "${element.formKey}" names no form in forms/ (known: ${[...context.formKeys].join(', ') || 'none'})`);
        }
        if (element.dueDate && !element.dueDate.includes('${')) checkDueDate(element, element.dueDate);
        else if (element.dueDate) checkTimeExpression(element, element.dueDate, 'camunda:dueDate');
        break;
      case 'bpmn:SequenceFlow':
        checkCondition(element);
        break;
      case 'bpmn:SubProcess':
        checkContainer(element);
        break;
      case 'bpmn:CallActivity':
        checkCallActivity(element);
        break;
    }

    checkResourceRoles(element);

    const loop = element.loopCharacteristics as ModdleElement | undefined;
    if (loop) {
      if (loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics') problem(element, `${loop.$type.replace('bpmn:', '')} is not supported`);
      else if (!loop.loopCardinality?.body && !loop.collection && !(loop.isSequential && loop.completionCondition?.body)) {
        problem(element, `a multi-instance ${loop.isSequential ? 'sequential' : 'parallel'} activity needs loopCardinality or camunda:collection${loop.isSequential ? ' (or a completionCondition)' : ''}`);
      }
      checkCamundaAttributes(loop, element);
      checkExpressions(element, loop.collection, 'camunda:collection');
      checkExpressions(element, loop.loopCardinality?.body, 'loopCardinality');
      checkExpressions(element, loop.completionCondition?.body, 'completionCondition');
      checkCompletionVariables(element, loop);
    }
  }

  /**
   * A completion condition that reads a variable no scope can have never holds, and the loop runs
   * to its end as if it had none. Where the diagram tells every name the process can hold (all
   * tasks have known forms, no services, scripts or messages), any other name is refused; otherwise
   * a name a letter or two off a multi-instance variable (`nrOfCompletedInstance`) still is.
   */
  function checkCompletionVariables(element: ModdleElement, loop: ModdleElement) {
    const text = loop.completionCondition?.body as string | undefined;
    if (!text) return;
    let process = element;
    while (process.$parent && process.$type !== 'bpmn:Process') process = process.$parent;
    const known = processVariables(process, context.formFields ?? (() => undefined));
    for (const expression of expressionsIn(text)) {
      for (const name of freeVariables(expression)) {
        if (known.names.has(name) || name === loop.elementVariable) continue;
        const meant = closestName(name, multiInstanceVariables);
        if (meant) problem(element, `completionCondition reads "${name}", which no scope has; did you mean ${meant}?`);
        else if (!known.open) problem(element, `completionCondition reads "${name}", which no scope of this process can have (its forms, mappings and multi-instance variables name ${[...known.names].sort().join(', ')})`);
      }
    }
  }

  function checkCallActivity(element: ModdleElement) {
    const called = element.calledElement as string | undefined;
    if (!called) return problem(element, 'the call activity has no calledElement');
    if (processIds.has(called)) {
      // The engine runs a process of the same file inside the caller, sharing its variables.
      if (hasMappings(element)) problem(element, `camunda:in/out mappings apply to calls of other deployed definitions; "${called}" is in this diagram and shares the caller's variables`);
      return check(allProcesses.find((p) => p.id === called)!);
    }
    if (!context.definitionKeys.has(called)) problem(element, `calledElement "${called}" is neither a process in this diagram nor a deployed definition: deploy it first`, { calls: called });
    for (const message of callMappingProblems(element)) problem(element, message);
  }

  function hasMappings(element: ModdleElement): boolean {
    return ((element.extensionElements?.values ?? []) as ModdleElement[]).some((e) => e.$type === 'camunda:In' || e.$type === 'camunda:Out');
  }

  function checkResourceRoles(element: ModdleElement) {
    for (const role of (element.resources ?? []) as ModdleElement[]) {
      problem(element, `${role.$type.replace('bpmn:', '')} is not supported: name who does a task with camunda:assignee, camunda:candidateUsers or camunda:candidateGroups`);
    }
  }

  /** camunda:decisionRef with Camunda 7's binding, result variable and result mapping; the job executor evaluates it. */
  function checkBusinessRuleTask(element: ModdleElement) {
    const ref = String(element.decisionRef ?? '');
    if (element.type || element.topic) return problem(element, 'a business rule task either calls a decision (camunda:decisionRef) or a handler (camunda:type="external"), not both');
    if (!ref) return problem(element, 'camunda:decisionRef is empty');
    if (ref.includes('${')) return problem(element, 'camunda:decisionRef must name a deployed decision; an expression is not supported');
    if (context.decisionKeys && !context.decisionKeys.has(ref)) problem(element, `camunda:decisionRef "${ref}" names no deployed decision: deploy its DMN file first`, { calls: ref });
    const binding = element.decisionRefBinding ?? 'latest';
    if (binding !== 'latest' && binding !== 'version') problem(element, `camunda:decisionRefBinding "${binding}" is not supported (latest: the version in effect; version: with camunda:decisionRefVersion)`);
    if (binding === 'version' && !/^[1-9]\d*$/.test(String(element.decisionRefVersion ?? ''))) problem(element, 'camunda:decisionRefBinding="version" needs camunda:decisionRefVersion, a version number');
    const kind = element.mapDecisionResult ?? 'resultList';
    if (!['singleEntry', 'singleResult', 'collectEntries', 'resultList'].includes(kind)) problem(element, `camunda:mapDecisionResult "${kind}" is not one of singleEntry, singleResult, collectEntries, resultList`);
    if (element.decisionRefTenantId) problem(element, 'camunda:decisionRefTenantId is not supported');
  }

  function checkServiceTask(element: ModdleElement) {
    if (element.implementation) return problem(element, `implementation="${element.implementation}" is not supported: use camunda:type="external" with camunda:topic`);
    if (element.type !== 'external') return problem(element, 'a service task needs camunda:type="external" and camunda:topic naming a registered handler');
    if (!element.topic) return problem(element, 'camunda:topic is missing');
    if (!context.topics.has(element.topic)) {
      problem(element, `no service handler is registered for topic "${element.topic}" (known: ${[...context.topics].sort().join(', ') || 'none'})`);
    }
  }

  function checkCamundaAttributes(element: ModdleElement, owner = element) {
    const read = readAttributes[element.$type] ?? new Set<string>();
    for (const attr of camundaProperties) {
      if (element[attr] === undefined || harmlessCamundaAttributes.has(attr) || read.has(attr)) continue;
      // camunda-bpmn-moddle reports the default binding; "latest" is what Qyzmet does (the latest effective version).
      if (attr === 'calledElementBinding' && element[attr] === 'latest') continue;
      // `type` is also a plain BPMN property on some elements (e.g. event definitions); only flag it on activities.
      problem(owner, `camunda:${attr} is not supported on ${element.$type.replace('bpmn:', '')}`);
    }
  }

  function checkExtensions(element: ModdleElement) {
    for (const extension of (element.extensionElements?.values ?? []) as ModdleElement[]) {
      const generic = extension.$descriptor?.isGeneric ? (extension.$descriptor.ns?.uri as string | undefined) : null;
      if (generic !== null && !engineNamespaces.has(generic ?? '')) continue;
      if (!supportedExtensions.has(extension.$type)) {
        problem(element, `extension ${extension.$type} is not supported`);
      } else if ((extension.$type === 'camunda:In' || extension.$type === 'camunda:Out') && element.$type !== 'bpmn:CallActivity') {
        problem(element, `${extension.$type === 'camunda:In' ? 'camunda:in' : 'camunda:out'} is only supported on call activities`);
      } else if (extension.$type === 'camunda:FailedJobRetryTimeCycle' && !/^R\d+\/P/.test(extension.body ?? '')) {
        problem(element, `camunda:failedJobRetryTimeCycle "${extension.body ?? ''}" must look like R3/PT5M`);
      } else if (extension.$type === 'camunda:InputOutput') {
        checkInputOutput(element);
      }
    }
  }

  /** `camunda:inputOutput`: where Camunda 7 runs it, with values Qyzmet can evaluate. */
  function checkInputOutput(element: ModdleElement) {
    const type = element.$type.replace('bpmn:', '');
    if (!mappedActivities.has(element.$type)) return problem(element, `camunda:inputOutput is not supported on ${type}: mappings apply to tasks, sub-processes and call activities`);
    if (element.triggeredByEvent) return problem(element, 'camunda:inputOutput is not supported on an event sub-process (Camunda 7 refuses it too)');
    if (element.$type === 'bpmn:CallActivity' && processIds.has(element.calledElement)) {
      return problem(element, `camunda:inputOutput is not supported on a call of "${element.calledElement}", a process in this diagram that shares the caller's variables`);
    }
    for (const message of inputOutputProblems(element)) problem(element, message);
    const spec = inputOutputOf(element)!;
    if (element.loopCharacteristics) {
      if (spec.outputs.length) problem(element, 'camunda:outputParameter is not allowed on a multi-instance activity: every instance would overwrite the others (Camunda 7 refuses it too)');
      if (spec.inputs.length) problem(element, 'camunda:inputParameter on a multi-instance activity is not supported yet; map the values on an activity before it');
    }
    for (const [tag, parameters] of [
      ['camunda:inputParameter', spec.inputs],
      ['camunda:outputParameter', spec.outputs],
    ] as const) {
      for (const { name, value } of parameters) for (const text of textsOf(value)) checkExpressions(element, text, `${tag} "${name}"`);
    }
  }

  function checkTimer(element: ModdleElement, definition: ModdleElement) {
    const kinds = (['timeDuration', 'timeDate', 'timeCycle'] as const).filter((k) => definition[k]);
    if (kinds.length === 0) return problem(element, 'the timer has no timeDuration, timeDate or timeCycle');
    for (const kind of kinds) {
      const value: string = (definition[kind].body ?? '').trim();
      if (value.includes('${')) checkTimeExpression(element, value, kind);
      else {
        try {
          if (Number.isNaN(timerExpiry(kind, value, new Date(0)).expireAt.getTime())) throw new Error('not a date');
        } catch {
          problem(element, `${kind} "${value}" is not an ISO 8601 ${kind === 'timeDate' ? 'date' : kind === 'timeCycle' ? 'cycle' : 'duration'}`);
        }
      }
    }
  }

  /**
   * A `${…}` that gives a time: FEEL, calling only functions that exist (a misspelt unit is not a
   * silent null), and, where it needs no variables, a term a timer can use.
   */
  function checkTimeExpression(element: ModdleElement, text: string, what: string): unknown[] {
    checkExpressions(element, text, what);
    const values: unknown[] = [];
    for (const expression of expressionsIn(text)) {
      if (feelSyntaxError(expression)) continue;
      const { value, unknownFunctions } = evaluateStatically(expression);
      for (const name of unknownFunctions) problem(element, `${what}: "${name}" is not a function; statutory terms are ${termUnits.map((u) => `${u}(n)`).join(', ')}`);
      if (what === 'timeCycle' && isTerm(value)) problem(element, `timeCycle: a statutory term cannot repeat; use timeDuration`);
      if (what !== 'camunda:dueDate' && isTerm(value) && value.from) problem(element, `${what}: sinceRegistration(…) is for task due dates (camunda:dueDate) only; a ${what === 'statutoryTerm' ? 'case term always counts from registration' : 'timer counts from when it starts'}`);
      values.push(value);
    }
    return values;
  }

  function checkStatutoryTerm(process: ModdleElement) {
    const registration = registrationOf(process);
    if (registration !== null && !registrationRules.includes(registration as RegistrationRule)) {
      problem(process, `registration "${registration}" must be one of ${registrationRules.join(', ')}`);
    }
    const startStage = monitoringStartStageOf(process);
    if (startStage !== null && !(monitoringStartStages as readonly string[]).includes(startStage)) {
      problem(process, `monitoring.startStage "${startStage}" must be one of ${monitoringStartStages.join(', ')}`);
    }
    for (const [field, value] of Object.entries(actOf(process) ?? {})) {
      if (!(actFields as readonly string[]).includes(field)) problem(process, `act.${field} is not an act field; use ${actFields.map((f) => `act.${f}`).join(', ')}`);
      else if (['date', 'abolishedOn', 'abolishedFrom'].includes(field) && !isIsoDate(value)) problem(process, `act.${field} "${value}" is not a date (YYYY-MM-DD)`);
    }
    for (const { name } of propertiesOf(process)) {
      if (name.startsWith('act.') && name.includes(':') && !/^act\.(title|abolishedBy):(kk|ru|en)$/.test(name)) problem(process, `${name} translates nothing: only act.title and act.abolishedBy have translations, as act.title:kk, act.title:ru or act.title:en`);
    }
    const text = statutoryTermOf(process);
    if (text === null) return;
    const notTerm = () => problem(process, `statutoryTerm "${text}" must be a term such as \${workingDays(8)}`);
    if (!/^\$\{[\s\S]+\}$/.test(text.trim())) return notTerm();
    // Values that need variables are null here; they are checked when a case starts.
    const [value] = checkTimeExpression(process, text, 'statutoryTerm');
    if (value !== null && value !== undefined && !isTerm(value)) notTerm();
  }

  function checkDueDate(element: ModdleElement, value: string) {
    try {
      if (Number.isNaN(timerExpiry(value.startsWith('P') ? 'timeDuration' : 'timeDate', value, new Date(0)).expireAt.getTime())) throw new Error();
    } catch {
      problem(element, `camunda:dueDate "${value}" is not an ISO 8601 date, duration or \${expression}`);
    }
  }

  function checkCondition(flow: ModdleElement) {
    const condition = flow.conditionExpression as ModdleElement | undefined;
    if (!condition) return;
    const language = condition.language as string | undefined;
    const body = (condition.body ?? '').trim();
    if (language && !/^(javascript|js)$/i.test(language)) return problem(flow, `condition language "${language}" is not supported`);
    if (language) return;
    if (!/^\$\{[\s\S]+\}$/.test(body)) return problem(flow, `condition "${body}" must be a \${FEEL expression}`);
    checkExpressions(flow, body, 'condition');
  }

  function checkExpressions(element: ModdleElement, text: unknown, what: string) {
    if (typeof text !== 'string') return;
    for (const expression of expressionsIn(text)) {
      const error = feelSyntaxError(expression);
      if (error) problem(element, `${what}: ${error}${looksLikeJuel(expression) ? '; this looks like JUEL, FEEL writes not(x), a = b, and, or' : ''}`);
    }
  }

  /**
   * The application form a case starts with: the `applicationForm` property, or Camunda 7's
   * `camunda:formKey` on the process's start event. Either names a form in forms/, and where both
   * are written they must agree, or the start would be checked against one and shown the other.
   */
  function checkApplicationForm(process: ModdleElement) {
    const property = applicationFormPropertyOf(process);
    if (property && context.formKeys && !context.formKeys.has(property)) problem(process, `applicationForm "${property}" names no form in forms/`);
    let first: ModdleElement | undefined;
    for (const start of startEventsOf(process).filter((e) => e.formKey)) {
      const formKey = start.formKey as string;
      if (formKey.includes('${')) problem(start, `camunda:formKey "${formKey}" of a start event names the application form and cannot be an expression: nothing is known yet to evaluate it with`);
      else if (context.formKeys && !context.formKeys.has(formKey)) problem(start, `camunda:formKey "${formKey}" names no form in forms/ (known: ${[...context.formKeys].join(', ') || 'none'})`);
      else if (property && property !== formKey) problem(start, `camunda:formKey "${formKey}" differs from the process's applicationForm "${property}"; the application is checked against one form, so write one of them or make them equal`);
      else if (first && first.formKey !== formKey) problem(start, `camunda:formKey "${formKey}" differs from "${first.formKey}" of start event ${first.id}; a case is checked against one application form`);
      first ??= start;
    }
  }

  /** A start event's form is the application of a case; a sub-process has no application of its own. */
  function checkNestedStartForm(element: ModdleElement) {
    if (element.$type === 'bpmn:StartEvent' && element.formKey && element.$parent?.$type !== 'bpmn:Process') {
      problem(element, `camunda:formKey on the start event of sub-process ${element.$parent?.id} has no effect: a case's application form belongs on the process's own start event`);
    }
  }

  for (const process of executable) {
    check(process);
    checkStatutoryTerm(process);
    checkApplicationForm(process);
  }
  return { processes: executable.map((p) => ({ id: p.id!, name: p.name ?? null })), problems };
}

/** Camunda 7 expressions are JUEL; the usual slips when moving them to FEEL. */
function looksLikeJuel(expression: string): boolean {
  return /(^|[^!<>=])!(?!=)|==|&&|\|\|/.test(expression);
}

function isCatching(element: ModdleElement): boolean {
  return ['bpmn:IntermediateCatchEvent', 'bpmn:BoundaryEvent', 'bpmn:StartEvent'].includes(element.$type);
}
