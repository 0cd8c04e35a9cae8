import type { Knex } from 'knex';

/**
 * The inbox at a million rows (issue 19). A clerk sees the open tasks of their provider offered
 * to one of their groups or to them by name, or held by them, due first. Before, the groups and
 * users were matched with `LIKE '%"group"%'` on JSON text, which no index serves: every page read
 * every task of the provider.
 *
 * `task_candidates` holds one row per candidate group or user of a task (kind `group` | `user`),
 * the role Camunda's ACT_RU_IDENTITYLINK plays there. Unlike it, a row carries what the inbox
 * filters and sorts by (provider, status, due date, creation), so that one index range per group
 * gives that group's tasks already in the inbox's order, and a page reads about as many index
 * entries as it shows. Rows follow their task in the same write batch (src/store/tasks.ts) and
 * stay, with the task's status, after it is closed: the history of a group's tasks is read the same
 * way. The JSON columns of `tasks` stay as the task's own record.
 *
 * `due_sort` is the due date, or `9999-12-31T23:59:59.999Z` for none: tasks without a due date sort
 * last on SQLite and PostgreSQL alike (their NULLs sort at opposite ends), and a cursor compares
 * plain values.
 *
 * The monitor's instance list (newest first) gets indexes that give its common filters in that
 * order: none, provider, status, provider and status, definition key.
 */
export const noDueDate = '9999-12-31T23:59:59.999Z';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tasks', (t) => {
    t.string('due_sort', 30);
  });
  await knex('tasks').update({ due_sort: knex.raw('coalesce(due_at, ?)', [noDueDate]) });
  await knex.schema.alterTable('tasks', (t) => {
    t.index(['provider', 'status', 'due_sort', 'created_at', 'id'], 'tasks_provider_inbox');
    t.index(['provider', 'status', 'assignee', 'due_sort', 'created_at', 'id'], 'tasks_assignee_inbox');
    t.index(['status', 'due_sort', 'created_at', 'id'], 'tasks_inbox');
  });
  await knex.schema.createTable('task_candidates', (t) => {
    t.string('task_id', 64).notNullable().references('tasks.id');
    t.string('kind', 8).notNullable();
    t.string('name', 255).notNullable();
    t.string('provider', 100).notNullable();
    t.string('status', 16).notNullable();
    t.string('due_sort', 30).notNullable();
    t.string('created_at', 30).notNullable();
    t.primary(['task_id', 'kind', 'name']);
    t.index(['provider', 'status', 'kind', 'name', 'due_sort', 'created_at', 'task_id'], 'task_candidates_inbox');
    t.check("?? in ('group', 'user')", ['kind'], 'task_candidates_kind');
  });
  // Existing tasks, a thousand at a time by id, so that a large database is not read at once.
  let after = '';
  for (;;) {
    const rows: Array<{ id: string; candidate_groups: string; candidate_users: string; provider: string; status: string; due_sort: string; created_at: string }> = await knex('tasks')
      .select('id', 'candidate_groups', 'candidate_users', 'provider', 'status', 'due_sort', 'created_at')
      .where('id', '>', after)
      .orderBy('id')
      .limit(1000);
    if (!rows.length) break;
    after = rows[rows.length - 1]!.id;
    const links = rows.flatMap((row) => {
      const of = (kind: string, names: string) => [...new Set(JSON.parse(names) as string[])].map((name) => ({ task_id: row.id, kind, name, provider: row.provider, status: row.status, due_sort: row.due_sort, created_at: row.created_at }));
      return [...of('group', row.candidate_groups), ...of('user', row.candidate_users)];
    });
    // Well under SQLite's 32,766 bound parameters (7 a row).
    for (let i = 0; i < links.length; i += 500) await knex('task_candidates').insert(links.slice(i, i + 500));
  }
  await knex.schema.alterTable('instances', (t) => {
    t.index(['started_at', 'id'], 'instances_list');
    t.index(['provider', 'started_at', 'id'], 'instances_provider_list');
    t.index(['status', 'started_at', 'id'], 'instances_status_list');
    t.index(['provider', 'status', 'started_at', 'id'], 'instances_provider_status_list');
    t.index(['definition_key', 'started_at', 'id'], 'instances_definition_list');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('instances', (t) => {
    for (const name of ['instances_list', 'instances_provider_list', 'instances_status_list', 'instances_provider_status_list', 'instances_definition_list']) t.dropIndex([], name);
  });
  await knex.schema.dropTable('task_candidates');
  await knex.schema.alterTable('tasks', (t) => {
    for (const name of ['tasks_provider_inbox', 'tasks_assignee_inbox', 'tasks_inbox']) t.dropIndex([], name);
  });
  await knex.schema.alterTable('tasks', (t) => {
    t.dropColumn('due_sort');
  });
}
