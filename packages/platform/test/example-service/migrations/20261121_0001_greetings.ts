import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('greetings', (table) => {
    table.increments('id').primary();
    table.uuid('message_id').notNullable();
    table.text('name').notNullable();
    table.text('text').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  // Names the handler refuses to greet: a switch for poison-message tests.
  await knex.schema.createTable('broken_names', (table) => {
    table.text('name').primary();
  });
  await knex.schema.createTable('greeted_log', (table) => {
    table.increments('id').primary();
    table.uuid('event_id').notNullable();
    table.integer('greeting_id').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('greeted_log');
  await knex.schema.dropTable('broken_names');
  await knex.schema.dropTable('greetings');
}
