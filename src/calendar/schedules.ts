/** Office hours, in minutes after midnight Almaty time. */
export interface Schedule {
  name: ScheduleName;
  opens: number;
  closes: number;
  /** Breaks inside office hours (lunch). */
  breaks: readonly (readonly [number, number])[];
  /** Whether the office also receives on Saturdays that are not days off by law. */
  saturdays: boolean;
}

export type ScheduleName = 'provider' | 'stateCorporation';

const at = (hours: number, minutes = 0) => hours * 60 + minutes;

/**
 * The default office hours. The State Corporation's are in seed 000 itself (Appendix 2 row 7,
 * point 1). Seed 000 gives the service provider no clock hours ("from Monday to Friday, in
 * accordance with the established work schedule ... with a lunch break", Appendix 2 row 7,
 * point 3): 09:00–18:30 with lunch 13:00–14:30 is what the ministry's sibling acts state for the
 * same local executive bodies — seed 001 (Order No. 441 of 13 August 2021) Appendix 2 row 7 and
 * seed 003 (Order No. 130 of 17 April 2025) Appendix 1 row 7. Each provider sets its own
 * established schedule with QYZMET_PROVIDER_HOURS (see `parseOfficeHours`).
 */
export const schedules: Readonly<Record<ScheduleName, Schedule>> = {
  /** The service provider: Monday–Friday 09:00–18:30, lunch 13:00–14:30 (seeds 001 and 003). */
  provider: { name: 'provider', opens: at(9), closes: at(18, 30), breaks: [[at(13), at(14, 30)]], saturdays: false },
  /** The State Corporation: Monday–Saturday 09:00–20:00 without a lunch break, except Sundays and holidays (seed 000 Appendix 2 row 7). */
  stateCorporation: { name: 'stateCorporation', opens: at(9), closes: at(20), breaks: [], saturdays: true },
};

export const scheduleNames = Object.keys(schedules) as ScheduleName[];

const clock = /^([01]\d|2[0-3]):([0-5]\d)$/;
const minutesOf = (text: string): number | undefined => {
  const m = clock.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
};

/**
 * A provider's established office hours, written `09:00-18:30` or with breaks
 * `09:00-18:30 lunch 13:00-14:30` (several breaks: `lunch 13:00-14:00 lunch 16:00-16:15`). Throws
 * naming what is wrong: a time that is not HH:MM, a closing before the opening, a break outside
 * office hours or overlapping another.
 */
export function parseOfficeHours(text: string, name: ScheduleName = 'provider', saturdays = false): Schedule {
  const parts = text.trim().split(/\s+/);
  const span = (part: string | undefined): [number, number] => {
    const [from, to] = (part ?? '').split('-');
    const a = minutesOf(from ?? '');
    const b = minutesOf(to ?? '');
    if (a === undefined || b === undefined) throw new Error(`"${part ?? ''}" is not a span of time HH:MM-HH:MM`);
    if (b <= a) throw new Error(`"${part}" ends before it begins`);
    return [a, b];
  };
  const [opens, closes] = span(parts[0]);
  const breaks: [number, number][] = [];
  for (let i = 1; i < parts.length; i += 2) {
    if (parts[i] !== 'lunch') throw new Error(`expected "lunch HH:MM-HH:MM" after the office hours, got "${parts[i]}"`);
    const [from, to] = span(parts[i + 1]);
    if (from <= opens || to >= closes) throw new Error(`the break ${parts[i + 1]} is not inside the office hours ${parts[0]}`);
    if (breaks.length && from < breaks[breaks.length - 1]![1]) throw new Error(`the break ${parts[i + 1]} overlaps or precedes the one before`);
    breaks.push([from, to]);
  }
  return { name, opens, closes, breaks, saturdays };
}

/** The working intervals of an open day, in minutes: office hours minus breaks. */
export function intervalsOf(schedule: Schedule): [number, number][] {
  const out: [number, number][] = [];
  let from = schedule.opens;
  for (const [start, end] of schedule.breaks) {
    out.push([from, start]);
    from = end;
  }
  out.push([from, schedule.closes]);
  return out;
}
