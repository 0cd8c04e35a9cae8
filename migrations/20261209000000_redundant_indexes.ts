import type { Knex } from 'knex';

/**
 * Drops the indexes whose columns lead a longer index of the same table (storage per case, issue
 * 19): the longer one finds the same rows by the same columns, so the shorter one was only written,
 * on every insert and on every change of its columns, and kept for as long as the rows are.
 * - instances (status): instances_status_list is (status, started_at, id);
 * - instances (provider, status): instances_provider_status_list is (provider, status, started_at, id);
 * - tasks (provider, status): tasks_provider_inbox is (provider, status, due_sort, created_at, id).
 * Down makes them again.
 */
const dropped = [
  { table: 'instances', columns: ['status'], name: 'instances_status_index' },
  { table: 'instances', columns: ['provider', 'status'], name: 'instances_provider_status_index' },
  { table: 'tasks', columns: ['provider', 'status'], name: 'tasks_provider_status_index' },
];

export async function up(knex: Knex): Promise<void> {
  for (const { table, columns, name } of dropped) {
    await knex.schema.alterTable(table, (t) => {
      t.dropIndex(columns, name);
    });
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const { table, columns, name } of dropped) {
    await knex.schema.alterTable(table, (t) => {
      t.index(columns, name);
    });
  }
}
