import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('definitions', (t) => {
    t.string('id', 64).primary();
    t.string('key', 255).notNullable();
    t.integer('version').notNullable();
    t.string('name', 255);
    t.string('deployment_name', 255).notNullable();
    t.text('xml').notNullable();
    t.string('content_hash', 64).notNullable();
    t.string('deployed_at', 30).notNullable();
    t.string('deployed_by', 255).notNullable();
    t.string('effective_from', 30);
    t.unique(['key', 'version']);
  });

  await knex.schema.createTable('instances', (t) => {
    t.string('id', 64).primary();
    t.string('definition_id', 64).notNullable().references('definitions.id');
    t.string('definition_key', 255).notNullable();
    t.integer('definition_version').notNullable();
    t.string('business_key', 255);
    t.string('status', 16).notNullable();
    t.text('state').notNullable();
    t.integer('revision').notNullable();
    t.string('started_at', 30).notNullable();
    t.string('started_by', 255).notNullable();
    t.string('ended_at', 30);
    t.index(['definition_key', 'status']);
    t.index(['business_key']);
    t.index(['status']);
  });

  await knex.schema.createTable('tasks', (t) => {
    t.string('id', 64).primary();
    t.string('instance_id', 64).notNullable().references('instances.id');
    t.string('execution_id', 255).notNullable();
    t.string('element_id', 255).notNullable();
    t.string('name', 255);
    t.string('status', 16).notNullable();
    t.string('assignee', 255);
    t.text('candidate_groups').notNullable();
    t.text('candidate_users').notNullable();
    t.string('form_key', 255);
    t.string('due_at', 30);
    t.string('created_at', 30).notNullable();
    t.string('claimed_at', 30);
    t.string('ended_at', 30);
    t.string('completed_by', 255);
    t.unique(['instance_id', 'execution_id']);
    t.index(['status', 'assignee']);
  });

  await knex.schema.createTable('jobs', (t) => {
    t.string('id', 64).primary();
    t.string('instance_id', 64).notNullable().references('instances.id');
    t.string('execution_id', 255).notNullable();
    t.string('element_id', 255).notNullable();
    t.string('kind', 16).notNullable();
    t.string('topic', 255);
    t.string('status', 16).notNullable();
    t.string('due_at', 30).notNullable();
    t.string('lock_owner', 255);
    t.string('lock_expires_at', 30);
    t.integer('attempts').notNullable().defaultTo(0);
    t.integer('max_attempts').notNullable();
    t.text('last_error');
    t.string('created_at', 30).notNullable();
    t.unique(['instance_id', 'execution_id']);
    t.index(['status', 'due_at']);
  });

  await knex.schema.createTable('subscriptions', (t) => {
    t.string('id', 64).primary();
    t.string('instance_id', 64).notNullable().references('instances.id');
    t.string('execution_id', 255).notNullable();
    t.string('element_id', 255).notNullable();
    t.string('message_name', 255).notNullable();
    t.string('status', 16).notNullable();
    t.string('created_at', 30).notNullable();
    t.unique(['instance_id', 'execution_id']);
    t.index(['message_name', 'status']);
  });

  await knex.schema.createTable('incidents', (t) => {
    t.string('id', 64).primary();
    t.string('instance_id', 64).notNullable().references('instances.id');
    t.string('job_id', 64).notNullable().references('jobs.id');
    t.string('element_id', 255).notNullable();
    t.string('kind', 32).notNullable();
    t.text('message').notNullable();
    t.string('status', 16).notNullable();
    t.string('created_at', 30).notNullable();
    t.string('resolved_at', 30);
    t.index(['status']);
  });

  await knex.schema.createTable('history', (t) => {
    t.bigIncrements('id');
    t.string('instance_id', 64).notNullable().references('instances.id');
    t.string('definition_id', 64).notNullable();
    t.integer('definition_version').notNullable();
    t.string('type', 32).notNullable();
    t.string('element_id', 255);
    t.string('element_type', 64);
    t.string('execution_id', 255);
    t.string('actor', 255).notNullable();
    t.string('at', 30).notNullable();
    t.text('data');
    t.index(['instance_id', 'id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['history', 'incidents', 'subscriptions', 'jobs', 'tasks', 'instances', 'definitions']) {
    await knex.schema.dropTableIfExists(table);
  }
}
