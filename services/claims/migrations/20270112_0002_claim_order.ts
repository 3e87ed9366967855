import type { Knex } from 'knex';

/**
 * A claim's year and sequence beside its number, so lists go newest first by number (the order
 * numbers were given in, i.e. commit order) rather than by the filing transaction's start time,
 * which concurrent filings can invert.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('claims', (table) => {
    table.integer('year');
    table.integer('seq');
  });
  await knex.raw(
    `update claims set year = split_part(number, '-', 2)::int, seq = split_part(number, '-', 3)::int`,
  );
  await knex.schema.alterTable('claims', (table) => {
    table.integer('year').notNullable().alter();
    table.integer('seq').notNullable().alter();
  });
  await knex.raw('create index claims_newest on claims (year desc, seq desc)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists claims_newest');
  await knex.schema.alterTable('claims', (table) => {
    table.dropColumn('year');
    table.dropColumn('seq');
  });
}
