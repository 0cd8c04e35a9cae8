import { currentLanguage } from '../i18n';
import kk from '../locales/modeler/diagram.kk.json';
import ru from '../locales/modeler/diagram.ru.json';

const dictionaries: Record<string, Record<string, string>> = { kk, ru };

/**
 * diagram-js's `translate` service (its customTranslate pattern: a module overriding `translate`)
 * for the modeler — palette, context pad, replace menu, search — the properties panel (group
 * headers and the element type in its header) and the lint overlays: their English texts (the
 * keys of locales/modeler/diagram.{kk,ru}.json) in the current language, read at each call, so a
 * language switch shows on the next redraw (Editor fires `i18n.changed` for the palette). Texts
 * not in the dictionary stay English.
 */
function translate(template: string, replacements: Record<string, string> = {}): string {
  const text = dictionaries[currentLanguage()]?.[template] ?? template;
  return text.replace(/{([^}]+)}/g, (all, key: string) => replacements[key] ?? all);
}

export const translateModule = { translate: ['value', translate] };
