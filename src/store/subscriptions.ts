import type { Knex } from 'knex';
import type { Write } from './batch.js';
import { fromColumns, toColumns } from './rows.js';
import type { SubscriptionRow } from './types.js';

const table = 'subscriptions';
const from = (row: Record<string, unknown>) => fromColumns<SubscriptionRow>(row);

export function subscriptionWrites() {
  return {
    /** Inserts rows the caller knows to be new (not among the instance's open rows). */
    insertMany: (rows: SubscriptionRow[]): Write[] => (rows.length ? [{ statement: { table, insert: rows.map((r) => toColumns({ ...r })) } }] : []),
    /** Ends the waiting subscriptions of these executions (caught, or their event went away), or all of the instance's (null). */
    closeWaiting(instanceId: string, executionIds: readonly string[] | null, status: 'done' | 'canceled'): Write[] {
      const where = { instance_id: instanceId, status: 'waiting' };
      return [{ statement: { table, where, ...(executionIds && { whereIn: { column: 'execution_id', values: executionIds } }), update: { status } } }];
    },
  };
}

/** Reads; subscriptions are written through batches (see subscriptionWrites). */
export function subscriptionsRepository(db: Knex) {
  return {
    /** Waiting subscriptions for a message or signal name, optionally only of instances with a business key. */
    async waitingFor(kind: SubscriptionRow['kind'], messageName: string, businessKey: string | undefined): Promise<SubscriptionRow[]> {
      const q = db(table)
        .select(`${table}.*`)
        .join('instances', 'instances.id', `${table}.instance_id`)
        .where({ [`${table}.kind`]: kind, [`${table}.message_name`]: messageName, [`${table}.status`]: 'waiting', 'instances.status': 'running' });
      if (businessKey !== undefined) q.andWhere('instances.business_key', businessKey);
      return (await q).map(from);
    },
  };
}
