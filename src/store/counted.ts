/**
 * How far a list counts its matches (X-Total-Count): exact up to 1,000, beyond that "more than
 * 1,000". Counting every match reads every match: with 100,000 cases everyone's list took 38 ms
 * at p50 on PostgreSQL (README, Measured), nearly all of it the count, and it grows with the matches. Past a thousand a clerk
 * narrows the filter rather than pages by number; pages beyond are reached by cursor. At this
 * bound PostgreSQL's planner reads the matches through the list's own index even when half the
 * rows match (at 10,000 it preferred reading the whole table then).
 */
export const countLimit = 1000;

/** A count of matches: exact when `capped` is false, else `total` is countLimit and more match. */
export interface Counted {
  total: number;
  capped: boolean;
}

/** The count of a query that read at most countLimit + 1 matches. */
export function counted(n: number): Counted {
  return n > countLimit ? { total: countLimit, capped: true } : { total: n, capped: false };
}
