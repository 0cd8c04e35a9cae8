import type { Knex } from 'knex';

/**
 * Retention (issue 19): finished cases leave the hot tables for `archived_instances`, one row per
 * case, so that the inbox, the case list and the job queue read only what is still alive.
 *
 * `record` is the whole case as its rows stood in the hot tables (the instance; its history,
 * tasks, task candidates, jobs, subscriptions, incidents and documents, contents included), as
 * gzip-compressed JSON (src/store/archive.ts describes the format). It is read back through the
 * same mappings as the hot rows, so the API answers for an archived case as it did before, and the
 * history chain in it verifies as it did (src/store/audit.ts).
 *
 * The other columns are copied out of the record for lookup and listing only: the case's id,
 * business key, definition, provider, status, start and end (and its term and result, which the
 * list's filters read). `summary` is the instance row without its engine state, as the case list
 * shows it, in plain JSON so that a page of archived cases needs no decompression.
 *
 * `archived_subjects` lists the IINs each archived case's state holds (any 12 digits standing
 * alone), so that subject access (GET /api/subjects/:iin/export) finds archived cases by index
 * instead of opening every record.
 *
 * Finished cases are found by their end: `instances_ended` (a running case has none, so is not in
 * the index's range).
 *
 * `archived_documents` holds the archived documents' files (`content`, as in `documents`; PDFs do
 * not compress, so they stay out of the record) by document id, with the case they belong to, for
 * GET /api/documents/:id; the record holds the rest of each document's row.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('archived_instances', (t) => {
    t.string('id', 64).primary();
    t.string('definition_id', 64).notNullable();
    t.string('definition_key', 255).notNullable();
    t.integer('definition_version').notNullable();
    t.string('business_key', 255);
    t.string('provider', 100).notNullable();
    t.string('status', 16).notNullable();
    t.string('started_at', 30).notNullable();
    t.string('ended_at', 30).notNullable();
    t.string('due_at', 30);
    t.string('result_at', 30);
    t.string('parent_instance_id', 64);
    t.string('archived_at', 30).notNullable();
    t.text('summary').notNullable();
    t.binary('record').notNullable();
    t.index(['started_at', 'id'], 'archived_instances_list');
    t.index(['provider', 'started_at', 'id'], 'archived_instances_provider_list');
    t.index(['definition_key', 'started_at', 'id'], 'archived_instances_definition_list');
    t.index(['business_key'], 'archived_instances_business_key');
    t.index(['parent_instance_id'], 'archived_instances_parent');
  });
  await knex.schema.createTable('archived_subjects', (t) => {
    t.string('iin', 12).notNullable();
    t.string('instance_id', 64).notNullable().references('archived_instances.id');
    t.primary(['iin', 'instance_id']);
  });
  await knex.schema.alterTable('instances', (t) => {
    t.index(['ended_at', 'id'], 'instances_ended');
  });
  await knex.schema.createTable('archived_documents', (t) => {
    t.string('id', 64).primary();
    t.string('instance_id', 64).notNullable().references('archived_instances.id');
    t.binary('content').notNullable();
    t.index(['instance_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('archived_documents');
  await knex.schema.dropTable('archived_subjects');
  await knex.schema.alterTable('instances', (t) => {
    t.dropIndex([], 'instances_ended');
  });
  await knex.schema.dropTable('archived_instances');
}
