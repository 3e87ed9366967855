import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // One row per tg.out command carried out: a redelivered command finds its row and is skipped.
  await knex.schema.createTable('processed_commands', (table) => {
    table.text('idempotency_key').primary();
    table.bigInteger('chat_id').notNullable();
    table.text('method').notNullable();
    table.text('status').notNullable(); // sent | failed
    table.bigInteger('message_id');
    table.integer('error_code');
    table.text('error');
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.index(['created_at']);
  });
  // "That message" by a caller-chosen key (task:42:offer), for later edits and deletions.
  await knex.schema.createTable('sent_messages', (table) => {
    table.text('message_key').primary();
    table.bigInteger('chat_id').notNullable();
    table.bigInteger('message_id').notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  // A file sent once is sent again by Telegram's file_id: no second upload.
  await knex.schema.createTable('telegram_files', (table) => {
    table.text('storage_key').primary();
    table.text('file_id').notNullable();
    table.text('file_unique_id');
    table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  // The bot token set at run time (S0-01), encrypted; one row.
  await knex.schema.createTable('bot_settings', (table) => {
    table.integer('id').primary().checkPositive();
    table.text('sealed_token').notNullable();
    table.bigInteger('bot_id').notNullable();
    table.text('username').notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['bot_settings', 'telegram_files', 'sent_messages', 'processed_commands']) {
    await knex.schema.dropTable(table);
  }
}
