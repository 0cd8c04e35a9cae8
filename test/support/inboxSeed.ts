import type { Knex } from 'knex';
import type { Dialect } from '../../src/store/index.js';

/**
 * A city's inbox and case list in bulk, written by the database itself (a recursive CTE on SQLite,
 * generate_series on PostgreSQL) in ranges of 100,000: `n` cases with one task each, for the plan
 * test (20,000) and `npm run bench:inbox` (1,000,000). The shape, by case number i:
 *
 * - started every 30 s from 2025-01-01; every tenth case (i % 10 = 0) is running with its task
 *   open, the others completed with their task completed by `executor`;
 * - with k = i / 10 (integer): provider `almaty` for even k (half of everything: one large city),
 *   else `district-(k / 2 % 9)`; the task is offered to one group, in turn `executors`,
 *   `specialists`, `heads`, `commission`, `stateCorporation` (k % 5), and when k % 3 = 0 also to the
 *   user `executor` by name; every 40th open one (k % 40 = 0) is held by `executor`;
 * - due ten days after its creation, except every seventh (none).
 *
 * So at 1,000,000 cases `executor` of `almaty` (groups executors and specialists) sees about 30,000
 * of the 100,000 open tasks (50,000 of `almaty`): 20,000 of their groups, 16,667 offered by name,
 * 2,500 held, overlapping; a head of `almaty` sees 50,000.
 * Rows go in as the store would write them (`due_sort`, `task_candidates`), and through no code of it.
 * Then the database analyses them (`analyze: false` leaves the statistics as they were: none on a new file).
 */
export async function seedInbox(knex: Knex, dialect: Dialect, n: number, log: (line: string) => void = () => undefined, { analyze = true } = {}): Promise<void> {
  const at = '2025-01-01T00:00:00.000Z';
  await knex('definitions').insert({ id: 'seed-def', key: 'housing', version: 1, name: 'Housing', deployment_name: 'seed', xml: '<definitions/>', content_hash: 'seed', deployed_at: at, deployed_by: 'seed' });
  const iso = (seconds: string) =>
    dialect === 'sqlite' ? `strftime('%Y-%m-%dT%H:%M:%fZ', '2025-01-01', '+' || (${seconds}) || ' seconds')` : `to_char(timestamp '2025-01-01' + (${seconds}) * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const numbers = (from: number, to: number) =>
    dialect === 'sqlite' ? `with recursive n(i) as (select ${from} union all select i + 1 from n where i < ${to})` : `with n(i) as (select generate_series(${from}, ${to}))`;
  const provider = `case when (i / 10) % 2 = 0 then 'almaty' else 'district-' || ((i / 20) % 9) end`;
  const open = 'i % 10 = 0';
  const started = iso('i * 30');
  const due = `case when i % 7 = 0 then null else ${iso('i * 30 + 864000')} end`;
  const dueSort = `case when i % 7 = 0 then '9999-12-31T23:59:59.999Z' else ${iso('i * 30 + 864000')} end`;
  const group = `case (i / 10) % 5 when 0 then 'executors' when 1 then 'specialists' when 2 then 'heads' when 3 then 'commission' else 'stateCorporation' end`;
  const status = (running: string, done: string) => `case when ${open} then '${running}' else '${done}' end`;
  const step = 100_000;
  for (let from = 0; from < n; from += step) {
    const to = Math.min(n, from + step) - 1;
    await knex.transaction(async (trx) => {
      await trx.raw(
        `${numbers(from, to)} insert into instances (id, definition_id, definition_key, definition_version, business_key, status, state, revision, started_at, started_by, ended_at, provider, due_at)
         select 'case-' || i, 'seed-def', 'housing', 1, 'ALM-' || i, ${status('running', 'completed')}, '{}', 3, ${started}, 'operator', case when ${open} then null else ${iso('i * 30 + 3600')} end, ${provider}, ${iso('i * 30 + 2592000')} from n`
      );
      await trx.raw(
        `${numbers(from, to)} insert into tasks (id, instance_id, execution_id, element_id, name, status, assignee, candidate_groups, candidate_users, due_at, due_sort, created_at, ended_at, completed_by, provider)
         select 'task-' || i, 'case-' || i, 'review_' || i, 'review', 'Review', ${status('open', 'completed')},
           case when ${open} and (i / 10) % 40 = 0 then 'executor' when ${open} then null else 'executor' end,
           '["' || ${group} || '"]', case when (i / 10) % 3 = 0 then '["executor"]' else '[]' end, ${due}, ${dueSort}, ${started},
           case when ${open} then null else ${iso('i * 30 + 3600')} end, case when ${open} then null else 'executor' end, ${provider} from n`
      );
      await trx.raw(
        `${numbers(from, to)} insert into task_candidates (task_id, kind, name, provider, status, due_sort, created_at)
         select 'task-' || i, 'group', ${group}, ${provider}, ${status('open', 'completed')}, ${dueSort}, ${started} from n
         union all select 'task-' || i, 'user', 'executor', ${provider}, ${status('open', 'completed')}, ${dueSort}, ${started} from n where (i / 10) % 3 = 0`
      );
    });
    log(`${to + 1} cases seeded`);
  }
  // The planner chooses by the statistics: without them it would guess as for an empty table.
  if (analyze) await knex.raw(dialect === 'sqlite' ? 'ANALYZE' : 'VACUUM ANALYZE');
}
