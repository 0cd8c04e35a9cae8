import { createRequire } from 'node:module';
import type sqlite3 from 'sqlite3';

const sqlite = createRequire(import.meta.url)('sqlite3') as typeof sqlite3;

/** The history lines (see historyLines) of a case of test/fixtures/faults.bpmn that went all the way, sorted: each job's rows once. */
export const finishedFaultsCase: readonly string[] = [
  'instance.started',
  'activity.entered start',
  'activity.entered identity',
  'activity.left start',
  'service.completed identity',
  'activity.left identity',
  'activity.entered pause',
  'timer.fired pause',
  'activity.left pause',
  'activity.entered sms',
  'service.completed sms',
  'activity.entered end',
  'activity.left end',
  'activity.left sms',
  'instance.ended',
].sort();

/** Resolves once `probe` answers something truthy; fails with `what` and the last answer after `ms`. */
export async function waitFor<T>(what: string, probe: () => Promise<T>, ms = 30_000, everyMs = 100): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const answer = await probe();
      if (answer) return answer as NonNullable<T>;
      last = answer;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Runs `work` over `items`, at most `width` at a time, answers in the items' order. */
export async function inParallel<T, R>(items: T[], width: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i]!, i);
      }
    })
  );
  return out;
}

/** `PRAGMA integrity_check` of a SQLite file, opened on its own connection (after a crash this also replays its WAL). */
export function sqliteIntegrity(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const db = new sqlite.Database(file, (err) => {
      if (err) return reject(err);
      db.all('PRAGMA integrity_check', (e, rows: Array<{ integrity_check: string }>) => {
        db.close();
        if (e) reject(e);
        else resolve(rows.map((r) => r.integrity_check).join('; '));
      });
    });
  });
}

/** What the history of a case holds, as `type element` lines in order. */
export function historyLines(details: { history: Array<{ type: string; elementId: string | null }> }): string[] {
  return details.history.map((h) => `${h.type}${h.elementId ? ` ${h.elementId}` : ''}`);
}
