import type { Knex } from 'knex';

export const runningBusinessKeyIndex = 'instances_running_business_key';

/**
 * A business key is unique among the running cases of one definition key: two running cases
 * numbered ALM-1 are a filing error, and a message correlated by that number would not know which
 * to reach. A partial unique index holds it also when two nodes start the same number at once
 * (PostgreSQL and SQLite both have them). Instances started by call activities share their
 * caller's key — several at once from a multi-instance call — and are left out; so are cases
 * without a key.
 *
 * A database that already holds such duplicates cannot take the index: the migration stops and
 * names them, for an admin to cancel or finish one of each pair first.
 */
export async function up(knex: Knex): Promise<void> {
  const duplicates: Array<{ definition_key: string; business_key: string; n: number | string }> = await knex('instances')
    .select('definition_key', 'business_key')
    .count({ n: '*' })
    .where({ status: 'running' })
    .whereNull('parent_instance_id')
    .whereNotNull('business_key')
    .groupBy('definition_key', 'business_key')
    .havingRaw('count(*) > 1');
  if (duplicates.length) {
    const list = duplicates.map((d) => `${d.definition_key} "${d.business_key}" (${d.n} running)`).join(', ');
    throw new Error(`cannot make business keys unique among running cases: ${list}. Cancel or complete all but one of each, then migrate again`);
  }
  await knex.raw(`CREATE UNIQUE INDEX ${runningBusinessKeyIndex} ON instances (definition_key, business_key) WHERE status = 'running' AND parent_instance_id IS NULL AND business_key IS NOT NULL`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP INDEX ${runningBusinessKeyIndex}`);
}
