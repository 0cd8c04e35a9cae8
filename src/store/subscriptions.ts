import type { Knex } from 'knex';
import { fromColumns, toColumns } from './rows.js';
import type { SubscriptionRow } from './types.js';

const table = 'subscriptions';
const from = (row: Record<string, unknown>) => fromColumns<SubscriptionRow>(row);

export function subscriptionsRepository(db: Knex) {
  return {
    async insertIfNew(row: SubscriptionRow): Promise<boolean> {
      const existing = await db(table).where({ instance_id: row.instanceId, execution_id: row.executionId }).first('id');
      if (existing) return false;
      await db(table).insert(toColumns({ ...row }));
      return true;
    },
    async waitingByInstance(instanceId: string): Promise<SubscriptionRow[]> {
      return (await db(table).where({ instance_id: instanceId, status: 'waiting' })).map(from);
    },
    /** Waiting subscriptions for a message name, with the business key of their instance. */
    async waitingFor(messageName: string, businessKey: string | undefined): Promise<SubscriptionRow[]> {
      const q = db(table)
        .select(`${table}.*`)
        .join('instances', 'instances.id', `${table}.instance_id`)
        .where({ [`${table}.message_name`]: messageName, [`${table}.status`]: 'waiting', 'instances.status': 'running' });
      if (businessKey !== undefined) q.andWhere('instances.business_key', businessKey);
      return (await q).map(from);
    },
    async update(id: string, patch: Partial<SubscriptionRow>): Promise<void> {
      await db(table).where({ id }).update(toColumns(patch));
    },
  };
}
