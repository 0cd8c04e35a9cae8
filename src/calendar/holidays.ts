import Holidays from 'date-holidays';
import { addDays, isWeekend } from './days.js';

export interface HolidayName {
  kk: string;
  ru: string;
  en: string;
}

/** A day off by law: a public holiday, or a weekend day off moved to a working day. */
export interface StatutoryDayOff {
  date: string;
  kind: 'holiday' | 'substitute';
  name: HolidayName;
  /** A substitute: the holiday whose weekend it replaces. */
  for?: string;
}

/**
 * Religious holidays are days off only on the day itself: the Labour Code (art. 85) does not move
 * them when they fall on a weekend.
 */
const notTransferred = new Set(['Orthodox Christmas', 'Eid al-Adha']);

const holidays = new Holidays('KZ');

/**
 * Kazakh names the package lacks (it gives the Russian one): the Kazakh text of the Law "On holidays
 * in the Republic of Kazakhstan" (No. 267-II of 13 December 2001, art. 1) names 7 January so.
 */
const kazakhNames: ReadonlyMap<string, string> = new Map([['Orthodox Christmas', 'Православиелік Рождество']]);

/**
 * Holidays of the package that the law in force does not have, each with its source. Checked for
 * every holiday of its KZ data (see the README's calendar section).
 */
const notHolidays: ReadonlyMap<string, string> = new Map([
  [
    '2026-03-15',
    'Constitution Day moved to 15 March with the Constitution adopted at the referendum of 15 March 2026 (in force 1 July 2026); it is a holiday from 2027, and in 2026 neither 15 March nor 30 August is one (Ministry of Labour and Social Protection, March 2026)',
  ],
]);

function publicHolidays(year: number) {
  const inLanguage = (language: string) => holidays.getHolidays(year, language).filter((h) => h.type === 'public' && !(h as { substitute?: boolean }).substitute);
  const [kk, ru, en] = ['kk', 'ru', 'en'].map(inLanguage) as [ReturnType<typeof inLanguage>, ReturnType<typeof inLanguage>, ReturnType<typeof inLanguage>];
  const byDate = new Map<string, { date: string; name: HolidayName }>();
  en.forEach((h, i) => {
    const date = h.date.slice(0, 10);
    if (!byDate.has(date) && !notHolidays.has(date)) byDate.set(date, { date, name: { kk: kazakhNames.get(h.name) ?? kk[i]!.name, ru: ru[i]!.name, en: h.name } });
  });
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

const cache = new Map<number, ReadonlyMap<string, StatutoryDayOff>>();

/**
 * Public holidays of a year and the days off they move, by date.
 *
 * The holiday dates come from `date-holidays` (country KZ): the fixed holidays of the Law on
 * holidays and Kurban Ait by the Hijri calendar. Its substitute days are not used: they are
 * written per date ("if Saturday then next Monday") and so land on a day that is itself a holiday
 * when a weekend holiday is followed by another one (2026: it gives Nauryz 21–24 March; the law
 * gives 21–25). The project applies the Labour Code's rule instead (art. 85): a day off that
 * coincides with a holiday moves to the next working day after the holiday, religious holidays
 * excepted. Corrections the government decrees each year are overrides, not code.
 */
export function statutoryDaysOff(year: number): ReadonlyMap<string, StatutoryDayOff> {
  let days = cache.get(year);
  if (days) return days;
  const out = new Map<string, StatutoryDayOff>();
  // A December holiday on a weekend could move a day off into January.
  const all = [...publicHolidays(year - 1), ...publicHolidays(year)];
  const holidayDates = new Set(all.map((h) => h.date));
  for (const holiday of all) {
    out.set(holiday.date, { date: holiday.date, kind: 'holiday', name: holiday.name });
  }
  for (const holiday of all) {
    if (!isWeekend(holiday.date) || notTransferred.has(holiday.name.en)) continue;
    let day = addDays(holiday.date, 1);
    while (isWeekend(day) || holidayDates.has(day) || out.has(day)) day = addDays(day, 1);
    out.set(day, { date: day, kind: 'substitute', name: holiday.name, for: holiday.date });
  }
  days = new Map([...out].filter(([date]) => date.startsWith(String(year))).sort(([a], [b]) => a.localeCompare(b)));
  cache.set(year, days);
  return days;
}
