import type { Language } from '../i18n';
import { timeZone } from '../format';

/** A date as GET /api/calendar/:year gives it. */
export interface CalendarDay {
  date: string;
  kind: DayKind;
  working: boolean;
  /** Holidays and the days off they move: the holiday's name in kk/ru/en. */
  name?: Partial<Record<Language, string>> | string;
  /** Decrees: the decree. */
  reason?: string;
}
export type DayKind = 'working' | 'weekend' | 'holiday' | 'substitute' | 'decreedWorkingDay' | 'decreedDayOff';
export const dayKinds: DayKind[] = ['working', 'weekend', 'holiday', 'substitute', 'decreedWorkingDay', 'decreedDayOff'];

/** A decree as GET /api/calendar/overrides lists it. */
export interface Decree {
  date: string;
  kind: 'workingDay' | 'dayOff';
  reason: string;
  updatedAt?: string;
  updatedBy?: string;
}

const locales: Record<Language, string> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };

/** The holiday's name in the language, or as the API gives it. */
export function nameIn(name: CalendarDay['name'], lang: Language): string | undefined {
  if (!name) return undefined;
  if (typeof name === 'string') return name;
  return name[lang] ?? name.en ?? name.ru ?? name.kk;
}

/** The instant at noon of a calendar date in UTC: any zone's formatter, Almaty's included, shows that date. */
const noon = (date: string) => new Date(`${date}T12:00:00Z`);

/**
 * Kazakh names written out: browsers' date data for kk is often missing (Chromium shows "M12" and
 * "Mon"), so the page does not rely on it.
 */
const kazakhMonths = ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'];
const kazakhWeekdays = [
  { short: 'Дс', long: 'дүйсенбі' },
  { short: 'Сс', long: 'сейсенбі' },
  { short: 'Ср', long: 'сәрсенбі' },
  { short: 'Бс', long: 'бейсенбі' },
  { short: 'Жм', long: 'жұма' },
  { short: 'Сб', long: 'сенбі' },
  { short: 'Жс', long: 'жексенбі' },
];

/** The month's name for a heading ("December" / "Желтоқсан"), capitalised. */
export function monthName(year: number, month: number, lang: Language): string {
  if (lang === 'kk') return capitalise(kazakhMonths[month - 1]!, lang);
  const text = new Intl.DateTimeFormat(locales[lang], { timeZone, month: 'long' }).format(noon(`${year}-${String(month).padStart(2, '0')}-15`));
  return capitalise(text, lang);
}

function capitalise(text: string, lang: Language): string {
  return text.charAt(0).toLocaleUpperCase(locales[lang]) + text.slice(1);
}

/** Monday-first short weekday names, as the Kazakh working week starts on Monday. */
export function weekdayNames(lang: Language): { short: string; long: string }[] {
  if (lang === 'kk') return kazakhWeekdays;
  // 2026-01-05 is a Monday.
  return Array.from({ length: 7 }, (_, i) => {
    const d = noon(`2026-01-${String(5 + i).padStart(2, '0')}`);
    return { short: new Intl.DateTimeFormat(locales[lang], { timeZone, weekday: 'short' }).format(d), long: new Intl.DateTimeFormat(locales[lang], { timeZone, weekday: 'long' }).format(d) };
  });
}

/** A date in words ("16 December 2026", "2026 жылғы 16 желтоқсан"). */
export function longDate(date: string, lang: Language): string {
  if (lang === 'kk') return `${date.slice(0, 4)} жылғы ${Number(date.slice(8, 10))} ${kazakhMonths[Number(date.slice(5, 7)) - 1]}`;
  return new Intl.DateTimeFormat(locales[lang], { timeZone, day: 'numeric', month: 'long', year: 'numeric' }).format(noon(date));
}

/** The weeks of a month as rows of seven cells, Monday first; null pads the first and last week. */
export function weeksOf(days: CalendarDay[]): (CalendarDay | null)[][] {
  if (!days.length) return [];
  const first = noon(days[0]!.date).getUTCDay(); // 0 = Sunday
  const cells: (CalendarDay | null)[] = [...Array((first + 6) % 7).fill(null), ...days];
  while (cells.length % 7) cells.push(null);
  const weeks: (CalendarDay | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}
