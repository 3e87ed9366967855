import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // The files a Telegram delivery carried (S1-03: a claim's photos as an album), by file_id.
  await knex.schema.alterTable('deliveries', (table) => {
    table.jsonb('attachments');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('deliveries', (table) => {
    table.dropColumn('attachments');
  });
}
