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

/** Seed 000, Appendix 2 row 7. */
export const schedules: Readonly<Record<ScheduleName, Schedule>> = {
  /** The service provider: Monday–Friday 09:00–18:30, lunch 13:00–14:30. */
  provider: { name: 'provider', opens: at(9), closes: at(18, 30), breaks: [[at(13), at(14, 30)]], saturdays: false },
  /** The State Corporation: Monday–Saturday 09:00–20:00 without a lunch break, except Sundays and holidays. */
  stateCorporation: { name: 'stateCorporation', opens: at(9), closes: at(20), breaks: [], saturdays: true },
};

export const scheduleNames = Object.keys(schedules) as ScheduleName[];

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
