import type { Knex } from 'knex';

/** Running cases of one definition key, and how many of them are overdue at the instant asked. */
export interface RunningByProcess {
  definitionKey: string;
  running: number;
  overdue: number;
}

/**
 * Running cases waiting at one step: an open user task (`userTask`) or a service call not yet
 * answered (`service`, retrying or stuck on an incident). `overdue` counts open tasks past their
 * own due date; a service call has none.
 */
export interface RunningByStep {
  definitionKey: string;
  elementId: string;
  kind: 'userTask' | 'service';
  /** The task's name as the diagram gives it; null for service calls (the diagram has it). */
  name: string | null;
  count: number;
  overdue: number;
}

/** Cases started and ended within one UTC hour (`2026-03-02T04`), for the caller to gather into its own days. */
export interface HourCounts {
  hour: string;
  started: number;
  finished: number;
}

/**
 * Aggregates over cases for the monitor's dashboard, computed by the database (GROUP BY) so that
 * they cost the same with ten cases or a million. Every query may be narrowed to one provider.
 * Instants are ISO 8601 UTC strings, which sort and cut as text on SQLite and PostgreSQL alike.
 */
export function statsRepository(db: Knex) {
  const n = (v: unknown) => Number(v ?? 0);
  return {
    async runningByProcess(now: string, provider?: string): Promise<RunningByProcess[]> {
      const q = db('instances')
        .select('definition_key')
        .count({ running: '*' })
        .select(db.raw('SUM(CASE WHEN result_at IS NULL AND due_at IS NOT NULL AND due_at < ? THEN 1 ELSE 0 END) AS overdue', [now]))
        .where('status', 'running')
        .groupBy('definition_key')
        .orderBy('definition_key');
      if (provider) q.where('provider', provider);
      return (await q).map((r: Record<string, unknown>) => ({ definitionKey: String(r.definition_key), running: n(r.running), overdue: n(r.overdue) }));
    },

    async runningByStep(now: string, provider?: string): Promise<RunningByStep[]> {
      const tasks = db('tasks as t')
        .join('instances as i', 'i.id', 't.instance_id')
        .select('i.definition_key', 't.element_id')
        .max({ name: 't.name' })
        .count({ count: '*' })
        .select(db.raw('SUM(CASE WHEN t.due_at IS NOT NULL AND t.due_at < ? THEN 1 ELSE 0 END) AS overdue', [now]))
        .where('t.status', 'open')
        .andWhere('i.status', 'running')
        .groupBy('i.definition_key', 't.element_id');
      const services = db('jobs as j')
        .join('instances as i', 'i.id', 'j.instance_id')
        .select('i.definition_key', 'j.element_id')
        .count({ count: '*' })
        .where('j.kind', 'service')
        .whereIn('j.status', ['waiting', 'failed'])
        .andWhere('i.status', 'running')
        .groupBy('i.definition_key', 'j.element_id');
      if (provider) {
        tasks.where('i.provider', provider);
        services.where('i.provider', provider);
      }
      const [taskRows, serviceRows] = await Promise.all([tasks, services]);
      const out: RunningByStep[] = [
        ...taskRows.map((r: Record<string, unknown>) => ({ definitionKey: String(r.definition_key), elementId: String(r.element_id), kind: 'userTask' as const, name: (r.name as string | null) ?? null, count: n(r.count), overdue: n(r.overdue) })),
        ...serviceRows.map((r: Record<string, unknown>) => ({ definitionKey: String(r.definition_key), elementId: String(r.element_id), kind: 'service' as const, name: null, count: n(r.count), overdue: 0 })),
      ];
      return out.sort((a, b) => a.definitionKey.localeCompare(b.definitionKey) || b.count - a.count || a.elementId.localeCompare(b.elementId));
    },

    /** Cases started and ended per UTC hour within [from, to), oldest first; hours with neither are absent. */
    async perHour(from: string, to: string, provider?: string): Promise<HourCounts[]> {
      const hourly = (column: 'started_at' | 'ended_at') => {
        const q = db('instances')
          .select(db.raw(`SUBSTR(${column}, 1, 13) AS hour`))
          .count({ n: '*' })
          .where(column, '>=', from)
          .andWhere(column, '<', to)
          .groupByRaw(`SUBSTR(${column}, 1, 13)`);
        if (provider) q.where('provider', provider);
        return q;
      };
      const [started, finished] = await Promise.all([hourly('started_at'), hourly('ended_at')]);
      const byHour = new Map<string, HourCounts>();
      const at = (hour: string) => byHour.get(hour) ?? byHour.set(hour, { hour, started: 0, finished: 0 }).get(hour)!;
      for (const r of started as Record<string, unknown>[]) at(String(r.hour)).started = n(r.n);
      for (const r of finished as Record<string, unknown>[]) at(String(r.hour)).finished = n(r.n);
      return [...byHour.values()].sort((a, b) => a.hour.localeCompare(b.hour));
    },
  };
}
