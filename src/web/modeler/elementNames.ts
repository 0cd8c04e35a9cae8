import type { Language } from '../i18n';

/**
 * An element's three names as Qyzmet keeps them (README "names"): `name` is the Kazakh name, the
 * state language's and the one the law names the step by; `name:ru` and `name:en` are
 * camunda:properties. These helpers read and write them on bpmn-moddle business objects, through
 * the modeler's command stack, so each change is one undo step and shows in the diff.
 */

/** The part of a bpmn-moddle element these helpers use. */
export interface NamedObject {
  id?: string;
  name?: string;
  $type?: string;
  $parent?: unknown;
  $instanceOf?(type: string): boolean;
  extensionElements?: ModdleContainer & { values?: (ModdleContainer & { $type?: string; values?: NameProperty[] })[] };
}
interface ModdleContainer {
  $type?: string;
  $parent?: unknown;
}
interface NameProperty extends ModdleContainer {
  name?: string;
  value?: string;
}

/** The elements whose names Qyzmet shows in three languages: flow nodes and flows, lanes, pools, processes. */
export function isNamed(bo: NamedObject | undefined): bo is NamedObject {
  if (!bo?.$instanceOf) return false;
  return ['bpmn:FlowNode', 'bpmn:SequenceFlow', 'bpmn:Lane', 'bpmn:Participant', 'bpmn:Process', 'bpmn:MessageFlow'].some((t) => bo.$instanceOf!(t));
}

function nameProperties(bo: NamedObject): NameProperty[] {
  return (bo.extensionElements?.values ?? []).filter((v) => v.$type === 'camunda:Properties').flatMap((v) => v.values ?? []);
}

/** The element's own name in `language` ('' when it has none): `name` for Kazakh (or a `name:kk` property), else the `name:<language>` property. */
export function nameIn(bo: NamedObject, language: Language): string {
  const property = nameProperties(bo).find((p) => p.name === `name:${language}`)?.value?.trim() ?? '';
  return language === 'kk' ? property || bo.name?.trim() || '' : property;
}

/** What the canvas shows in `language`: its name there, else the Kazakh one, else any other, so no named step is drawn blank. */
export function shownName(bo: NamedObject, language: Language): string {
  return nameIn(bo, language) || nameIn(bo, 'kk') || nameIn(bo, 'ru') || nameIn(bo, 'en');
}

interface Services {
  bpmnFactory: { create(type: string, attrs?: Record<string, unknown>): ModdleContainer & Record<string, any> };
  commandStack: { execute(command: string, context: unknown): void };
  modeling: { updateLabel(element: unknown, text: string | null): void };
}

/**
 * Sets the element's name in `language` (empty: removes it): the Kazakh one with bpmn-js's own
 * label update (which also makes, sizes or drops an external label), the others as `name:ru` /
 * `name:en` camunda:properties, creating the extension elements they live in when missing.
 */
export function setNameIn(services: Services, element: { businessObject: NamedObject; labelTarget?: unknown }, language: Language, value: string) {
  const text = value.trim();
  const owner = (element.labelTarget ?? element) as { businessObject: NamedObject };
  const bo = owner.businessObject;
  if (language === 'kk' && !nameProperties(bo).some((p) => p.name === 'name:kk')) {
    services.modeling.updateLabel(owner, text || null);
    return;
  }
  const { bpmnFactory } = services;
  const commands: { cmd: string; context: Record<string, unknown> }[] = [];
  const update = (moddleElement: unknown, properties: Record<string, unknown>) => commands.push({ cmd: 'element.updateModdleProperties', context: { element: owner, moddleElement, properties } });

  let extension = bo.extensionElements;
  if (!extension) {
    if (!text) return;
    extension = bpmnFactory.create('bpmn:ExtensionElements', { values: [] }) as NonNullable<NamedObject['extensionElements']>;
    extension.$parent = bo;
    update(bo, { extensionElements: extension });
  }
  const values = extension.values ?? [];
  let properties = values.find((v) => v.$type === 'camunda:Properties');
  if (!properties) {
    if (!text) return;
    properties = bpmnFactory.create('camunda:Properties', { values: [] }) as ModdleContainer & { values: NameProperty[] };
    properties.$parent = extension;
    update(extension, { values: [...values, properties] });
  }
  const list = properties.values ?? [];
  const key = `name:${language}`;
  const existing = list.find((p) => p.name === key);
  if (!text) {
    if (existing) update(properties, { values: list.filter((p) => p !== existing) });
  } else if (existing) {
    update(existing, { value: text });
  } else {
    const property = bpmnFactory.create('camunda:Property', { name: key, value: text });
    property.$parent = properties;
    update(properties, { values: [...list, property] });
  }
  if (commands.length) services.commandStack.execute('properties-panel.multi-command-executor', commands);
}
