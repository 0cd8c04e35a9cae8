import { BpmnModdle } from 'bpmn-moddle';
import { diff } from 'bpmn-js-differ';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json';
import { connectFlows } from '../../lint/connectFlows';
import { moddleNames, type Names } from '../names';

export type ChangeKind = 'added' | 'removed' | 'changed' | 'layout';

/** One element that differs between the deployed version and the diagram being edited. */
export interface Change {
  id: string;
  kind: ChangeKind;
  /** BPMN type without its prefix (`UserTask`). */
  type: string;
  /** The element's name in the edited diagram (in the deployed one, if removed). */
  name: string;
  /** That name in each language (its name:ru / name:en properties). */
  names: Names | null;
  /** For `changed`: each property that differs, deployed value → edited value, as text. */
  properties: { name: string; before: string; after: string }[];
}

interface Element {
  $type: string;
  id?: string;
  name?: string;
  get?(name: string): unknown;
  [key: string]: unknown;
}

async function read(xml: string): Promise<Element> {
  // The camunda descriptor makes camunda:* attributes properties the differ compares.
  const { rootElement } = await new BpmnModdle({ camunda }).fromXML(xml);
  // The editor lists flows on their ends (for bpmnlint); the deployed XML may not: not a change.
  connectFlows(rootElement);
  return rootElement as unknown as Element;
}

/**
 * What changed from `deployedXml` to `editedXml`, by element, computed by bpmn-js-differ: added,
 * removed, changed (with the properties that differ) and moved only (`layout`). The differ's own
 * old/new values are not shown: for nested values it reports them inconsistently, so each
 * property is read again from both diagrams.
 */
export async function diagramChanges(deployedXml: string, editedXml: string): Promise<Change[]> {
  const [before, after] = await Promise.all([read(deployedXml), read(editedXml)]);
  const result = diff(before, after);
  const beforeById = index(before);
  const afterById = index(after);
  const describe = (id: string, kind: ChangeKind, element: Element | undefined, properties: Change['properties'] = []): Change => ({
    id,
    kind,
    type: (element?.$type ?? '').replace(/^bpmn:/, ''),
    name: element?.name ?? '',
    names: moddleNames(element as Parameters<typeof moddleNames>[0]),
    properties,
  });
  const changes: Change[] = [];
  for (const id of Object.keys(result._added)) changes.push(describe(id, 'added', afterById.get(id)));
  for (const id of Object.keys(result._removed)) changes.push(describe(id, 'removed', beforeById.get(id)));
  for (const [id, change] of Object.entries(result._changed)) {
    const old = beforeById.get(id);
    const now = afterById.get(id);
    const properties = Object.keys(change.attrs).map((path) => ({ name: path.replace(/\[\d+\]$/, ''), before: text(valueAt(old, path)), after: text(valueAt(now, path)) }));
    changes.push(describe(id, 'changed', now ?? old, properties));
  }
  for (const id of Object.keys(result._layoutChanged)) if (!result._changed[id]) changes.push(describe(id, 'layout', afterById.get(id)));
  // The process and definitions themselves change with any child; only elements on the canvas are listed.
  return changes.filter((c) => c.type !== 'Definitions' && c.id !== '');
}

// helpers

function index(root: Element): Map<string, Element> {
  const byId = new Map<string, Element>();
  const seen = new Set<unknown>();
  const visit = (value: unknown): void => {
    if (!value || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) return value.forEach(visit);
    const element = value as Element;
    if (!element.$type) return;
    if (element.id && !byId.has(element.id)) byId.set(element.id, element);
    for (const [key, child] of Object.entries(element)) if (!key.startsWith('$') && !/Ref$|^(incoming|outgoing|default)$/.test(key)) visit(child);
  };
  visit(root);
  return byId;
}

function valueAt(element: Element | undefined, path: string): unknown {
  const [, name, at] = /^([^[]+)(?:\[(\d+)\])?$/.exec(path) ?? [];
  if (!element || !name) return undefined;
  const value = element[name] ?? (typeof element.get === 'function' ? element.get(name) : undefined);
  return at !== undefined && Array.isArray(value) ? value[Number(at)] : value;
}

/** A property's value as an analyst reads it: an expression's text, a timer's duration, a reference's id. */
function text(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return value.map(text).join(', ');
  const element = value as Element;
  if (typeof element.body === 'string') return element.body;
  for (const key of ['timeDuration', 'timeDate', 'timeCycle', 'messageRef', 'errorRef', 'signalRef']) {
    const inner = element[key] as Element | undefined;
    if (inner) return `${text(inner.body ?? inner.name ?? inner.id)}`;
  }
  if (element.id) return element.id;
  if (Array.isArray(element.values)) return element.values.map((v) => text((v as Element).value ?? (v as Element).$type)).join(', ');
  return element.$type.replace(/^\w+:/, '');
}
