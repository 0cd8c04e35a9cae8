import { useTranslation } from 'react-i18next';
import { currentLanguage, type Language } from './i18n';

/**
 * An element's name in Kazakh, Russian and English as the API gives it beside `name`: the diagram's
 * `name` (the state language) and its `name:ru` / `name:en` camunda:properties.
 */
export type Names = Record<Language, string>;

/** Anything the API names: a process, step, lane or history row. */
export interface Named {
  name?: string | null;
  names?: Names | null;
}

/** The name to show in `language`: `names[language]`, else the diagram's own `name`, else `fallback`. */
export function localName(item: Named | null | undefined, language: Language, fallback = ''): string {
  return item?.names?.[language] || item?.name || fallback;
}

/** `localName` in the language the user chose; the component renders again when it changes. */
export function useLocalName(): (item: Named | null | undefined, fallback?: string) => string {
  useTranslation();
  const language = currentLanguage();
  return (item, fallback) => localName(item, language, fallback);
}

const camunda = 'http://camunda.org/schema/1.0/bpmn';

/**
 * Element id → name in `language`, from a BPMN file's XML (for screens that read the diagram
 * itself: the steps a filter offers, a diagram's elements): its `name:<language>` camunda:property,
 * else its `name`. The server reads the same properties (src/engine/definitions/names.ts).
 */
export function elementNamesIn(xml: string, language: Language): Map<string, string> {
  const names = new Map<string, string>();
  if (!xml) return names;
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  for (const el of Array.from(doc.querySelectorAll('[id][name]'))) names.set(el.getAttribute('id')!, el.getAttribute('name')!);
  // <owner><extensionElements><camunda:properties><camunda:property name="name:ru" value="…"/>
  for (const property of Array.from(doc.getElementsByTagNameNS(camunda, 'property'))) {
    const owner = property.parentElement?.parentElement?.parentElement;
    const value = property.getAttribute('value')?.trim();
    if (property.getAttribute('name') === `name:${language}` && value && owner?.getAttribute('id')) names.set(owner.getAttribute('id')!, value);
  }
  return names;
}

/**
 * The diagram's XML with every named element's `name` in `language` (as {@link elementNamesIn}
 * reads it), for the viewer to draw the steps, lanes and flows in the reader's language. Kazakh,
 * and XML the browser cannot read, come back as they are.
 */
export function diagramInLanguage(xml: string, language: Language): string {
  if (language === 'kk' || !xml) return xml;
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length) return xml;
  const names = elementNamesIn(xml, language);
  for (const el of Array.from(doc.querySelectorAll('[id][name]'))) {
    const name = names.get(el.getAttribute('id')!);
    if (name) el.setAttribute('name', name);
  }
  return new XMLSerializer().serializeToString(doc);
}

/** A bpmn-moddle element as bpmn-js and bpmn-moddle give it: its name and its extension elements. */
interface ModdleElement {
  name?: string;
  extensionElements?: { values?: { $type?: string; values?: { name?: string; value?: string }[] }[] };
}

/** The names of a bpmn-moddle element (the modeler's business objects): `name`, and `name:<language>` camunda:properties. */
export function moddleNames(element: ModdleElement | undefined): Names | null {
  if (!element) return null;
  const own = element.name?.trim() ?? '';
  const property = (language: Language) =>
    element.extensionElements?.values
      ?.filter((v) => v.$type === 'camunda:Properties')
      .flatMap((v) => v.values ?? [])
      .find((p) => p.name === `name:${language}` && p.value?.trim())
      ?.value?.trim();
  const names = { kk: property('kk') || own, ru: property('ru') || own, en: property('en') || own };
  return names.kk || names.ru || names.en ? names : null;
}
