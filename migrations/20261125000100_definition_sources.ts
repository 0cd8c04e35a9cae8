import type { Knex } from 'knex';

/**
 * Where each definition version came from: `file` (deployed from a BPMN file by `qyzmet serve` or
 * `qyzmet deploy`, with the file's name) or `api` (POST /api/deployments). `serve` compares a file
 * with the last version deployed from that same file, so that a restart never redeploys a file
 * over a newer version an analyst deployed through the API.
 *
 * Rows from before: `serve` and `deploy` recorded who deployed as `qyzmet serve` and `cli:USER`,
 * with the file's name as the deployment name; every other row came through the API.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('definitions', (t) => {
    t.string('source', 8).notNullable().defaultTo('api');
    t.string('source_file', 255);
  });
  await knex('definitions')
    .where('deployed_by', 'qyzmet serve')
    .orWhere('deployed_by', 'like', 'cli:%')
    .update({ source: 'file', source_file: knex.ref('deployment_name') });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('definitions', (t) => {
    t.dropColumn('source');
    t.dropColumn('source_file');
  });
}
