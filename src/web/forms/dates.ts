/**
 * Dates as clerks in Almaty write them, dd.mm.yyyy, and as the API takes them, ISO `YYYY-MM-DD`
 * (JSON Schema's `format: "date"`, RFC 3339 full-date).
 */
export type TypedDate = { kind: 'empty' } | { kind: 'date'; iso: string } | { kind: 'impossible' } | { kind: 'unreadable' };

/**
 * What a clerk typed: `25.03.2026` (also `5.3.2026`, `/` or `-` between the parts, or the eight
 * digits `25032026`), or an ISO date pasted from elsewhere. `impossible` when the parts read as a
 * date that the calendar has not (31.02.2026, 29.02.2027, month 13); `unreadable` when the text
 * is not a whole date yet.
 */
export function readTypedDate(text: string): TypedDate {
  const s = text.trim();
  if (!s) return { kind: 'empty' };
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const typed = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(s) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(s);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]].map(Number) : typed ? [typed[3], typed[2], typed[1]].map(Number) : [];
  if (year === undefined || month === undefined || day === undefined) return { kind: 'unreadable' };
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return { kind: 'impossible' };
  return { kind: 'date', iso: `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}` };
}

/** An ISO date as dd.mm.yyyy; any other text as it is (what the clerk typed and has yet to fix). */
export function shownDate(value: unknown): string {
  if (typeof value !== 'string') return '';
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return iso ? `${iso[3]}.${iso[2]}.${iso[1]}` : value;
}

function daysIn(year: number, month: number): number {
  // The Gregorian calendar's leap years (2000 was one, 2100 will not be).
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
