import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import kk from './locales/kk.json';
import ru from './locales/ru.json';
import { singleFullStops } from './sentence';

/** The three languages of the product, in the order the switcher shows them. */
export const languages = [
  { code: 'kk', label: 'Қазақша' },
  { code: 'ru', label: 'Русский' },
  { code: 'en', label: 'English' },
] as const;
export type Language = (typeof languages)[number]['code'];

/** Where the chosen language is remembered between visits (the detector's localStorage key). */
export const languageKey = 'qyzmet.lang';

// The browser's language when it is one of ours, whatever its region (en-US and en-GB are English,
// ru-KZ Russian); Russian when it states none we have. The choice, once made, is kept in
// localStorage and wins over the browser's.
void i18n
  // A value that ends in a full stop (a date `… 2027 г.`) does not double the sentence's own.
  .use({ type: 'postProcessor', name: 'singleFullStops', process: (value: string) => singleFullStops(value) })
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: { en: { translation: en }, kk: { translation: kk }, ru: { translation: ru } },
    supportedLngs: ['kk', 'ru', 'en'],
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    fallbackLng: 'ru',
    interpolation: { escapeValue: false },
    postProcess: ['singleFullStops'],
    detection: { order: ['localStorage', 'navigator'], lookupLocalStorage: languageKey, caches: ['localStorage'] },
  });

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});
document.documentElement.lang = i18n.resolvedLanguage ?? 'ru';

/** The current language as one of ours (kk, ru, en). */
export function currentLanguage(): Language {
  const l = i18n.resolvedLanguage;
  return l === 'kk' || l === 'en' ? l : 'ru';
}

export default i18n;

/**
 * Adds one area's strings (a page's own `locales/<area>/{kk,ru,en}.json`, keys under the area's
 * name) to every language, so each page keeps its words beside it and loads them with its code.
 */
export function addStrings(bundles: Record<Language, object>): void {
  for (const [lng, bundle] of Object.entries(bundles)) i18n.addResourceBundle(lng, 'translation', bundle, true, false);
}
