import type { ModdleElement } from './parse.js';

/** A `<camunda:property name=… value=…/>` of an element, or null. */
export function propertyOf(element: ModdleElement, name: string): string | null {
  for (const extension of (element.extensionElements?.values ?? []) as ModdleElement[]) {
    if (extension.$type !== 'camunda:Properties') continue;
    const property = ((extension.values ?? []) as ModdleElement[]).find((p) => p.name === name);
    if (property) return String(property.value ?? '');
  }
  return null;
}

/** `statutoryTerm` on a process, e.g. `${workingDays(8)}`: the term of the whole case. */
export const statutoryTermOf = (process: ModdleElement) => propertyOf(process, 'statutoryTerm');

/** The `applicationForm` property of a process, if it has one. */
export const applicationFormPropertyOf = (process: ModdleElement) => propertyOf(process, 'applicationForm');

/** The process's own start events (not those of its sub-processes): where a case starts. */
export function startEventsOf(process: ModdleElement): ModdleElement[] {
  return ((process.flowElements ?? []) as ModdleElement[]).filter((e) => e.$type === 'bpmn:StartEvent');
}

/**
 * The form key the start variables must satisfy (the application): the process's
 * `applicationForm` property, or the `camunda:formKey` of its start event, as Camunda 7 writes a
 * start form. Deploy validation refuses a diagram where the two disagree.
 */
export function applicationFormOf(process: ModdleElement): string | null {
  return applicationFormPropertyOf(process) ?? startEventsOf(process).find((e) => e.formKey)?.formKey ?? null;
}

/** Every `<camunda:property>` of an element, in order. */
export function propertiesOf(element: ModdleElement): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  for (const extension of (element.extensionElements?.values ?? []) as ModdleElement[]) {
    if (extension.$type !== 'camunda:Properties') continue;
    for (const p of (extension.values ?? []) as ModdleElement[]) out.push({ name: String(p.name ?? ''), value: String(p.value ?? '') });
  }
  return out;
}

/**
 * `registration` on a process: how its case's registration moment is fixed. `nextOpening` (the
 * default): an application after hours, on a weekend or a holiday counts from the next opening
 * (seed 000 para 9.1). `asFiled`: from the moment it was handed in (seed 004 para 6 has no such rule).
 */
export const registrationOf = (process: ModdleElement) => propertyOf(process, 'registration');

/** The stages a case's start may post to the monitoring system (src/engine/monitoring.ts). */
export const monitoringStartStages = ['registered', 'complaintReceived'] as const;
export type MonitoringStartStage = (typeof monitoringStartStages)[number];

/**
 * `monitoring.startStage` on a process: the stage its case's start posts to the monitoring system —
 * `registered` (the default: the application accepted and registered) or `complaintReceived` (a
 * complaint's receipt). The diagram says what it is; deploy validation refuses any other value.
 */
export const monitoringStartStageOf = (process: ModdleElement) => propertyOf(process, 'monitoring.startStage');

/**
 * `resultIssued` = `true` on an element: reaching it means the service's result (or refusal) has
 * gone out, so the statutory term is met or missed at that moment, whatever the case waits for
 * afterwards (a complaint window).
 */
export const issuesResult = (element: ModdleElement) => propertyOf(element, 'resultIssued') === 'true';

/**
 * The regulation a process carries out, as `act.<field>` properties on the process, which an analyst
 * edits in the modeler's properties panel: `act.title`, `act.number`, `act.date`, `act.issuedBy`,
 * `act.registration`, `act.inForce`, `act.abolishedBy`, `act.abolishedOn`, `act.abolishedFrom`.
 * `act.title` is in the state language, with `act.title:ru` and `act.title:en` beside it.
 */
export function actOf(process: ModdleElement): Record<string, string> | null {
  const act: Record<string, string> = {};
  // `act.title:ru` and the like translate a field (names.ts: actTitlesOf); they are no field of their own.
  for (const { name, value } of propertiesOf(process)) if (name.startsWith('act.') && !name.includes(':') && value.trim()) act[name.slice(4)] = value.trim();
  return Object.keys(act).length ? act : null;
}

export const actFields = ['title', 'number', 'date', 'issuedBy', 'registration', 'inForce', 'abolishedBy', 'abolishedOn', 'abolishedFrom'] as const;
