/**
 * Wall-clock time in Almaty. Kazakhstan keeps one offset all year (UTC+5 since 1 March 2024,
 * UTC+6 before), which Node's bundled time-zone data knows; instants are stored in UTC.
 */
export const timeZone = 'Asia/Almaty';

const minuteMs = 60_000;
const dayMs = 86_400_000;

const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });

/** Almaty's offset from UTC at an instant, in milliseconds. */
function offsetAt(instant: Date): number {
  const name = offsetFormat.formatToParts(instant).find((p) => p.type === 'timeZoneName')!.value; // "GMT+05:00"
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * minuteMs;
}

/** The Almaty date of an instant and how far into that day it is, in milliseconds. */
export function localTime(instant: Date): { date: string; ms: number } {
  const shifted = instant.getTime() + offsetAt(instant);
  const date = new Date(Math.floor(shifted / dayMs) * dayMs).toISOString().slice(0, 10);
  return { date, ms: shifted - Math.floor(shifted / dayMs) * dayMs };
}

/** The instant at `ms` into an Almaty date. */
export function instantOf(date: string, ms: number): Date {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  // The offset at noon of that day: Kazakhstan has no daylight saving, so it holds all day.
  return new Date(utcMidnight + ms - offsetAt(new Date(utcMidnight + dayMs / 2)));
}

/** ISO 8601 with Almaty's offset, e.g. `2026-03-10T09:00:00+05:00`. */
export function formatLocal(instant: Date): string {
  const offset = offsetAt(instant);
  const local = new Date(instant.getTime() + offset).toISOString().slice(0, 19);
  const minutes = Math.abs(offset) / minuteMs;
  const sign = offset < 0 ? '-' : '+';
  return `${local}${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
