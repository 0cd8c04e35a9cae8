import { timerExpiry } from '../behaviours/index.js';
import type { CompiledDefinition } from '../definitions/index.js';

/** Attempts and backoff of a service task: `camunda:failedJobRetryTimeCycle` (R5/PT1M) or 3 tries, 10 s doubling. */
export function retryPolicy(compiled: CompiledDefinition, elementId: string): { attempts: number; delayMs(attempt: number): number } {
  const element = compiled.elements.get(elementId);
  const cycle = (element?.extensionElements?.values ?? []).find((v: { $type: string }) => v.$type === 'camunda:FailedJobRetryTimeCycle')?.body as string | undefined;
  const m = cycle && /^R(\d+)\/(P.+)$/.exec(cycle.trim());
  if (m) {
    const interval = timerExpiry('timeDuration', m[2]!, new Date(0)).expireAt.getTime();
    return { attempts: Number(m[1]), delayMs: () => interval };
  }
  return { attempts: 3, delayMs: (attempt) => 10_000 * 2 ** (attempt - 1) };
}

