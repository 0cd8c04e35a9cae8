/** The one source of time. Every component asks `clock.now()`; nothing else reads the system time. */
export interface Clock {
  now(): Date;
  readonly movable: boolean;
}

export class SystemClock implements Clock {
  readonly movable = false;
  now(): Date {
    return new Date();
  }
}

/**
 * A clock that stands still until told to move (like Camunda's ClockUtil), for tests and demos:
 * a 30-day timer is reached by setting the clock, not by waiting. It never moves backwards: what
 * already happened (fired timers, history) stays in the past.
 */
export class ManualClock implements Clock {
  readonly movable = true;
  #now: number;

  constructor(start: Date = new Date()) {
    this.#now = start.getTime();
  }

  now(): Date {
    return new Date(this.#now);
  }

  /** Moves to `instant`; RangeError if it is not a date or is before now. */
  set(instant: Date): void {
    if (Number.isNaN(instant.getTime())) throw new RangeError('invalid instant');
    if (instant.getTime() < this.#now) throw new RangeError(`${instant.toISOString()} is before the clock's now, ${this.now().toISOString()}; the clock only moves forward`);
    this.#now = instant.getTime();
  }

  advance(milliseconds: number): void {
    this.set(new Date(this.#now + milliseconds));
  }
}
