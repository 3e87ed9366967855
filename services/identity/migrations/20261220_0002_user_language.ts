import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // The language staff chose for a person, over their Telegram app's (null = none chosen).
  await knex.schema.alterTable('users', (table) => {
    table.text('language').checkIn(['ru', 'en']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (table) => {
    table.dropColumn('language');
  });
}
