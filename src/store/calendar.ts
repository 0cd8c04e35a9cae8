import type { Knex } from 'knex';
import { fromColumns, toColumns } from './rows.js';
import type { CalendarOverrideRow } from './types.js';

const table = 'calendar_overrides';
const from = (row: Record<string, unknown>) => fromColumns<CalendarOverrideRow>(row);

export function calendarRepository(db: Knex) {
  return {
    async list(): Promise<CalendarOverrideRow[]> {
      return (await db(table).orderBy('date')).map(from);
    },
    async get(date: string): Promise<CalendarOverrideRow | undefined> {
      const row = await db(table).where({ date }).first();
      return row && from(row);
    },
    async put(row: CalendarOverrideRow): Promise<void> {
      await db(table).insert(toColumns({ ...row })).onConflict('date').merge();
    },
    async remove(date: string): Promise<boolean> {
      return (await db(table).where({ date }).delete()) > 0;
    },
  };
}
