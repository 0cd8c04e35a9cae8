import type { Knex } from 'knex';
import { fromColumns, toColumns } from './rows.js';
import type { DocumentRow } from './types.js';

const table = 'documents';
const from = (row: Record<string, unknown>) => fromColumns<DocumentRow>(row);
const listed = ['id', 'instance_id', 'element_id', 'kind', 'file_name', 'media_type', 'size', 'sha256', 'idempotency_key', 'created_at'];

export function documentsRepository(db: Knex) {
  return {
    async insert(row: DocumentRow): Promise<void> {
      await db(table).insert(toColumns({ ...row }));
    },
    /** With its content. */
    async get(id: string): Promise<DocumentRow | undefined> {
      const row = await db(table).where({ id }).first();
      return row && { ...from(row), content: Buffer.from(row.content) };
    },
    async byIdempotencyKey(key: string): Promise<Omit<DocumentRow, 'content'> | undefined> {
      const row = await db(table).select(listed).where({ idempotency_key: key }).first();
      return row && from(row);
    },
    /** Without content. */
    async byInstance(instanceId: string): Promise<Omit<DocumentRow, 'content'>[]> {
      return (await db(table).select(listed).where({ instance_id: instanceId }).orderBy('created_at')).map(from);
    },
  };
}

/** The row mapping, for a document read back from the archive (src/store/archive.ts). */
export { from as documentFromColumns };
