import { currentLanguage } from './i18n';

/** Every date and time the app shows is Almaty's, whatever the browser's own zone. */
export const timeZone = 'Asia/Almaty';

const locales = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' } as const;

/** A moment as a date and time in Almaty, in the current language (`04.12.2026, 18:00`). */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locales[currentLanguage()], { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}

/** A moment's calendar date in Almaty, in the current language. */
export function date(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locales[currentLanguage()], { timeZone, dateStyle: 'medium' }).format(new Date(iso));
}
