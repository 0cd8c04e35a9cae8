import { ISOInterval, getDate } from '@0dep/piso';
import { TimerEventDefinition } from 'bpmn-elements';
import type { WorkingCalendar } from '../../calendar/index.js';
import type { Clock } from '../../clock/index.js';
import { describeTerm, isTerm } from '../terms.js';

type TimerType = 'timeDuration' | 'timeDate' | 'timeCycle';
const timerTypes: TimerType[] = ['timeDuration', 'timeDate', 'timeCycle'];

interface ExecuteMessage {
  fields: { redelivered?: boolean };
  content: Record<string, any>;
}

export interface ResolvedTimer {
  expireAt?: Date;
  timerType?: TimerType;
  repeat?: number;
  timeout?: number;
  [type: string]: unknown;
}

/** Due time of one timer value, counted from `now`; `repeat` is a cycle's count (-1: `R/`, for ever). */
export function timerExpiry(type: TimerType, value: string, now: Date): { expireAt: Date; repeat?: number } {
  if (type === 'timeDate') return { expireAt: getDate(value) };
  const parsed = new ISOInterval(value).parse();
  return { expireAt: parsed.getExpireAt(now, now), repeat: parsed.repeat };
}

/**
 * What a fired cycle hands to its next repetition. bpmn-elements passes only `repeat` from a fired
 * timer to the boundary event's next run, so Qyzmet passes the fired due time in it as well: the
 * next due time is counted from it, not from when the job happened to run.
 */
interface CycleRepeat {
  /** Repetitions left, this next one included; -1 for ever. */
  remaining: number;
  /** ISO instant the previous repetition was due. */
  previousDue: string;
}

const kTimerContent = Symbol.for('timerContent');

/**
 * bpmn-elements' timer reads the system time; this one reads Qyzmet's clock, so that moving the
 * clock moves every timer. It also never fires a recovered timer during a resume: a due timer is
 * fired by the job executor, which owns the job row, so it fires exactly once. A timer declared as
 * a statutory term (`${workingDays(8)}`) is due when the Kazakhstan calendar says.
 *
 * A cycle (`R3/PT1H`, `R/P1D`; ISO 8601-1:2019 §5.6.2) on a non-interrupting boundary event
 * repeats on its schedule: the first repetition is due one period after the timer started, each
 * next one a period after the previous *due time* (as Camunda 7 counts), never after the moment
 * the job ran. A repetition whose due time has already passed when the previous one fires (the
 * clock jumped, the server was down) is still a job of its own, due at its own time, which the
 * executor runs at once: every missed repetition fires once, in order, and `R3` fires exactly three
 * times. Elsewhere (start, intermediate catch, interrupting boundary) bpmn-elements does not repeat,
 * so a cycle fires once, at its first due time.
 */
export function clockedTimerEventDefinition(clock: Clock, calendar: () => WorkingCalendar) {
  const Base = TimerEventDefinition as unknown as new (activity: unknown, definition: unknown) => object;

  return class ClockedTimerEventDefinition extends Base {
    declare environment: { resolveExpression(expr: string, message: unknown): unknown };

    parse(timerType: TimerType, value: unknown) {
      const now = clock.now();
      if (isTerm(value)) {
        if (timerType === 'timeCycle') throw new TypeError(`timeCycle cannot repeat a statutory term (${describeTerm(value)})`);
        if (value.from) throw new TypeError(`a timer counts from when it starts; sinceRegistration(…) is for task due dates (${describeTerm(value)})`);
        const expireAt = calendar().deadline(now, value).dueAt;
        return { expireAt, repeat: undefined, delay: expireAt.getTime() - now.getTime() };
      }
      const { expireAt, repeat } = timerExpiry(timerType, String(value), now);
      return { expireAt, repeat, delay: expireAt.getTime() - now.getTime() };
    }

    _getTimers(executeMessage: ExecuteMessage): ResolvedTimer {
      const content = executeMessage.content;
      const now = clock.now();
      const result: ResolvedTimer = 'expireAt' in content ? { expireAt: new Date(content.expireAt) } : {};
      const self = this as unknown as Record<TimerType, string | undefined>;
      // A repetition of a fired cycle: stored states from before carry a bare count instead.
      const repeated: unknown = content.inbound?.[0]?.repeat;
      const cycle = typeof repeated === 'object' && repeated !== null ? (repeated as CycleRepeat) : undefined;

      for (const type of timerTypes) {
        let value: unknown;
        if (type in content) value = content[type];
        else if (self[type]) value = this.environment.resolveExpression(self[type]!, executeMessage);
        else continue;
        result[type] = value;

        const { expireAt, repeat } =
          type === 'timeCycle' && cycle && value ? nextRepetition(String(value), cycle) : value ? this.parse(type, value) : { expireAt: now, repeat: undefined };
        if (Number.isNaN(expireAt.getTime())) throw new TypeError(`${type} "${String(value)}" does not resolve to a date`);
        if (!result.expireAt || result.expireAt > expireAt) Object.assign(result, { timerType: type, expireAt, repeat });
      }

      if (result.expireAt) {
        result.timeout = result.expireAt.getTime() - now.getTime();
        // Already due: still a job of its own, which the executor fires (at once).
        if ((executeMessage.fields.redelivered || cycle) && result.timeout <= 0) result.timeout = 1;
      } else if ('timeout' in content) {
        result.timeout = content.timeout;
      } else {
        result.timeout = 0;
      }
      if (cycle) result.repeat = cycle.remaining;
      else if (content.inbound?.[0] && 'repeat' in content.inbound[0]) result.repeat = content.inbound[0].repeat;
      return result;
    }

    /**
     * The timer fired (or was cancelled through the API): as bpmn-elements does, it announces the
     * timeout, asks a repeating boundary event for its next repetition, and completes; the request
     * for the next repetition carries this one's due time (see CycleRepeat).
     */
    _completed(completeContent?: Record<string, unknown>, options?: unknown) {
      const self = this as unknown as TimerInternals;
      self._stop();
      const timerContent = self[kTimerContent];
      const stoppedAt = clock.now();
      const content = { stoppedAt, runningTime: stoppedAt.getTime() - new Date(self.startedAt).getTime(), state: 'timeout', ...completeContent };
      self.broker.publish('event', 'activity.timeout', messageContent(timerContent, content), options);
      const repeat = timerContent.repeat;
      const remaining = typeof repeat === 'number' && repeat > 1 ? repeat - 1 : repeat === -1 ? -1 : undefined;
      if (remaining !== undefined) {
        const next: CycleRepeat = { remaining, previousDue: new Date(timerContent.expireAt).toISOString() };
        self.broker.publish('execution', 'execute.repeat', messageContent(timerContent, { ...content, repeat: next }), options);
      }
      self.broker.publish('execution', 'execute.completed', messageContent(timerContent, content), options);
    }
  };
}

/** The parts of bpmn-elements' TimerEventDefinition that `_completed` uses (17.3.0). */
interface TimerInternals {
  [kTimerContent]: Record<string, any>;
  startedAt: Date | string;
  broker: { publish(exchange: string, routingKey: string, content: unknown, options?: unknown): void };
  _stop(): void;
}

/** The due time of a cycle's next repetition: the first one on its schedule after the previous due time. */
function nextRepetition(value: string, cycle: CycleRepeat): { expireAt: Date; repeat: number } {
  const previous = new Date(cycle.previousDue);
  return { expireAt: new ISOInterval(value).parse().getExpireAt(previous, previous), repeat: cycle.remaining };
}

/** A message's own content: listeners that change theirs must not change the timer's. */
function messageContent(timerContent: Record<string, any>, extra: Record<string, unknown>): Record<string, unknown> {
  const { parent, inbound } = timerContent;
  return {
    ...timerContent,
    ...extra,
    ...(parent && { parent: { ...parent, ...(parent.path && { path: parent.path.map((p: object) => ({ ...p })) }) } }),
    ...(inbound && { inbound: inbound.map((c: object) => ({ ...c })) }),
  };
}
