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

/** Due time of one timer value, counted from `now`. */
export function timerExpiry(type: TimerType, value: string, now: Date): { expireAt: Date; repeat?: number } {
  if (type === 'timeDate') return { expireAt: getDate(value) };
  const parsed = new ISOInterval(value).parse();
  return { expireAt: parsed.getExpireAt(now, now), repeat: parsed.repeat };
}

/**
 * bpmn-elements' timer reads the system time; this one reads Qyzmet's clock, so that moving the
 * clock moves every timer. It also never fires a recovered timer during a resume: a due timer is
 * fired by the job executor, which owns the job row, so it fires exactly once. A timer declared as
 * a statutory term (`${workingDays(8)}`) is due when the Kazakhstan calendar says.
 */
export function clockedTimerEventDefinition(clock: Clock, calendar: () => WorkingCalendar) {
  const Base = TimerEventDefinition as unknown as new (activity: unknown, definition: unknown) => object;

  return class ClockedTimerEventDefinition extends Base {
    declare environment: { resolveExpression(expr: string, message: unknown): unknown };

    parse(timerType: TimerType, value: unknown) {
      const now = clock.now();
      if (isTerm(value)) {
        if (timerType === 'timeCycle') throw new TypeError(`timeCycle cannot repeat a statutory term (${describeTerm(value)})`);
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

      for (const type of timerTypes) {
        let value: unknown;
        if (type in content) value = content[type];
        else if (self[type]) value = this.environment.resolveExpression(self[type]!, executeMessage);
        else continue;
        result[type] = value;

        const { expireAt, repeat } = value ? this.parse(type, value) : { expireAt: now, repeat: undefined };
        if (Number.isNaN(expireAt.getTime())) throw new TypeError(`${type} "${String(value)}" does not resolve to a date`);
        if (!result.expireAt || result.expireAt > expireAt) Object.assign(result, { timerType: type, expireAt, repeat });
      }

      if (result.expireAt) {
        result.timeout = result.expireAt.getTime() - now.getTime();
        if (executeMessage.fields.redelivered && result.timeout <= 0) result.timeout = 1;
      } else if ('timeout' in content) {
        result.timeout = content.timeout;
      } else {
        result.timeout = 0;
      }
      if (content.inbound?.[0] && 'repeat' in content.inbound[0]) result.repeat = content.inbound[0].repeat;
      return result;
    }
  };
}
