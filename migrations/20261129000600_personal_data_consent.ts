import type { Knex } from 'knex';

/**
 * When the applicant consented to the collection and processing of personal data (Law of the
 * Republic of Kazakhstan No. 94-V, article 8): the moment the application carrying the consent was
 * filed. Null for cases filed without one (older cases, definitions without an application form).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('instances', (t) => {
    t.string('consent_at', 30);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('instances', (t) => {
    t.dropColumn('consent_at');
  });
}
