import { lineOf, type ModdleElement } from './parse.js';
import { propertiesOf } from './properties.js';
import type { LintFinding } from './lint.js';

/** The languages an element's name is shown in: Kazakh (the state language), Russian, English. */
export const nameLanguages = ['kk', 'ru', 'en'] as const;
export type NameLanguage = (typeof nameLanguages)[number];

/** An element's name in each language the web app speaks. */
export type Names = Record<NameLanguage, string>;

/**
 * An element's names: `name` is the state-language (Kazakh) name; the others come from
 * `<camunda:property name="name:ru" value="…"/>` and `name:en` (and `name:kk`, should the Kazakh
 * differ from `name`) in its `camunda:properties`, which the modeler's properties panel edits. A
 * language without a property, or with a blank one, falls back to `name`, so a diagram translated
 * in part still shows every step. Null when the element has no name in any language.
 */
export function namesOf(element: ModdleElement): Names | null {
  return translationsOf(element, typeof element.name === 'string' ? element.name : null, 'name');
}

/**
 * The title of the act a process carries out in each language: the `act.title` property in the
 * state language, `act.title:ru` and `act.title:en` beside it; as namesOf falls back.
 */
export function actTitlesOf(process: ModdleElement): Names | null {
  return translationsOf(process, propertiesOf(process).find((p) => p.name === 'act.title')?.value ?? null, 'act.title');
}

/**
 * The act that abolished the regulation, in Kazakh, Russian and English, as each language's text of
 * the acts names it (`act.abolishedBy:kk`, `:ru`, `:en`; `act.abolishedBy` where one is missing), or
 * null when none is recorded.
 */
export function actAbolishedByOf(process: ModdleElement): Names | null {
  return translationsOf(process, propertiesOf(process).find((p) => p.name === 'act.abolishedBy')?.value ?? null, 'act.abolishedBy');
}

/** A text in each language: `own` in the state language, `<property>:kk|ru|en` properties for each. */
function translationsOf(element: ModdleElement, text: string | null, property: string): Names | null {
  const own = text?.trim() || null;
  const translated: Partial<Names> = {};
  for (const { name, value } of propertiesOf(element)) {
    const language = name.startsWith(`${property}:`) ? (name.slice(property.length + 1) as NameLanguage) : null;
    if (language && nameLanguages.includes(language) && value.trim() && !translated[language]) translated[language] = value.trim();
  }
  const fallback = own ?? translated.kk ?? translated.ru ?? translated.en;
  if (!fallback) return null;
  return { kk: translated.kk ?? own ?? fallback, ru: translated.ru ?? fallback, en: translated.en ?? fallback };
}

/**
 * The names of every element of a diagram that has one, by id: processes, participants, lanes,
 * flow nodes and flows, inside sub-processes too.
 */
export function namesByElement(definitions: ModdleElement): Map<string, Names> {
  const out = new Map<string, Names>();
  for (const element of elementsOf(definitions)) {
    const names = element.id ? namesOf(element) : null;
    if (names) out.set(element.id!, names);
  }
  return out;
}

/**
 * A deploy-time warning for each `name:kk|ru|en` (or `act.title:…`) property left empty, naming its element: the
 * screen would fall back to the Kazakh name where a translation was meant. A diagram translated
 * into one language and not another is fine.
 */
export function nameWarnings(definitions: ModdleElement, xml: string): LintFinding[] {
  const out: LintFinding[] = [];
  for (const element of elementsOf(definitions)) {
    for (const { name, value } of propertiesOf(element)) {
      if (!translatable.has(name) || value.trim()) continue;
      out.push({
        rule: 'qyzmet/name-translation',
        elementId: element.id,
        line: lineOf(xml, element.id),
        message: `${element.id ?? element.$type} has an empty ${name} property: give the name in that language or remove the property`,
      });
    }
  }
  return out;
}

// helpers

/** The properties that translate a name or an act's title. */
const translatable = new Set(['name', 'act.title'].flatMap((property) => nameLanguages.map((language) => `${property}:${language}`)));

/** Every element that can carry a name shown on screen: root elements, participants, lanes, flow elements. */
function elementsOf(definitions: ModdleElement): ModdleElement[] {
  const out: ModdleElement[] = [];
  const lanes = (laneSets: ModdleElement[] | undefined) => {
    for (const set of laneSets ?? []) {
      for (const lane of (set.lanes ?? []) as ModdleElement[]) {
        out.push(lane);
        if (lane.childLaneSet) lanes([lane.childLaneSet]);
      }
    }
  };
  const container = (element: ModdleElement) => {
    lanes(element.laneSets);
    for (const child of (element.flowElements ?? []) as ModdleElement[]) {
      out.push(child);
      if (child.flowElements) container(child);
    }
  };
  for (const root of (definitions.rootElements ?? []) as ModdleElement[]) {
    out.push(root);
    if (root.$type === 'bpmn:Collaboration') out.push(...((root.participants ?? []) as ModdleElement[]));
    if (root.$type === 'bpmn:Process') container(root);
  }
  return out;
}
