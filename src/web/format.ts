import { currentLanguage } from './i18n';

/** Every date and time the app shows is Almaty's, whatever the browser's own zone. */
export const timeZone = 'Asia/Almaty';

const locales = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' } as const;

/**
 * A moment as a date and time in Almaty, `04.12.2026, 18:00`, in every language: the numeric form
 * Kazakhstan writes and the date fields take (dd.mm.yyyy), so an English page does not show
 * `04/12/2026` beside a form's `04.12.2026`. (Chromium's ICU has no Kazakh format and would print
 * `2026-12-04 18:00`.)
 */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat('ru-RU', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}

/** Kazakh month names, as a date writes them ("5 желтоқсан"). */
const kazakhMonths = ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'];

/**
 * A moment's calendar date in Almaty, in the current language: `5 дек. 2026 г.`, `5 Dec 2026`,
 * `2026 ж. 5 желтоқсан`. Kazakh is written here: Chromium's ICU has no Kazakh month names and
 * prints `2026 M12 5`.
 */
export function date(iso: string | null | undefined): string {
  if (!iso) return '—';
  const language = currentLanguage();
  if (language === 'kk') {
    const parts = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(new Date(iso));
    const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
    return `${part('year')} ж. ${part('day')} ${kazakhMonths[part('month') - 1]}`;
  }
  return new Intl.DateTimeFormat(locales[language], { timeZone, dateStyle: 'medium' }).format(new Date(iso));
}
