import type { Knex } from 'knex';
import { createYearlyCounterTable } from '@fieldgram/platform';

const STATUSES = ['new', 'in_review', 'resolved', 'rejected'];

export async function up(knex: Knex): Promise<void> {
  // CL-<year>-<seq>: bumped in the filing transaction, so numbers have no gaps.
  await createYearlyCounterTable(knex, 'claim_counters');

  // What claims knows of the clients who file (identity owns them): the name to search by and the
  // manager their claims go to, each with the time identity said so, so an older word never wins.
  await knex.schema.createTable('claim_clients', (table) => {
    table.text('client_id').primary();
    table.text('name').notNullable();
    table.timestamp('name_at', { useTz: true }).notNullable();
    table.text('manager_id');
    table.timestamp('manager_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('claims', (table) => {
    table.uuid('id').primary();
    table.text('number').notNullable().unique();
    table.text('client_id').notNullable().references('client_id').inTable('claim_clients');
    /** The wizard run that filed it: a repeat of the same filing answers the same claim. */
    table.text('request_id').notNullable();
    table.text('manager_id');
    table.text('waybill_number').notNullable();
    /** One of the client's own waybills; null = a number the waybill service does not know. */
    table.text('waybill_id');
    table.text('email').notNullable();
    table.text('description').notNullable();
    table.bigInteger('amount').notNullable();
    table.text('currency').notNullable();
    table.text('status').notNullable().checkIn(STATUSES);
    table.text('comment');
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.unique(['client_id', 'request_id']);
  });
  await knex.raw('create index claims_created on claims (created_at desc, number desc)');
  await knex.raw('create index claims_manager on claims (manager_id, created_at desc)');
  await knex.raw('create index claims_client on claims (client_id, status)');

  await knex.schema.createTable('claim_files', (table) => {
    table.uuid('claim_id').notNullable().references('id').inTable('claims');
    table.text('file_unique_id').notNullable();
    table.integer('position').notNullable();
    table.text('kind').notNullable().checkIn(['photo', 'document']);
    table.text('file_id').notNullable();
    table.text('file_name');
    table.text('mime_type');
    table.bigInteger('file_size');
    /** Set once the copy is in object storage. */
    table.text('storage_key');
    /** Set when Telegram would not hand the file over (`too_big`): it stays reachable by file_id. */
    table.text('copy_failure');
    table.timestamp('copied_at', { useTz: true });
    table.primary(['claim_id', 'file_unique_id']);
  });

  await knex.schema.createTable('claim_history', (table) => {
    table.bigIncrements('id').primary();
    table.uuid('claim_id').notNullable().references('id').inTable('claims');
    table.text('from').checkIn(STATUSES);
    table.text('to').notNullable().checkIn(STATUSES);
    table.text('comment');
    table.text('by_user_id');
    table.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.index(['claim_id', 'id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('claim_history');
  await knex.schema.dropTable('claim_files');
  await knex.schema.dropTable('claims');
  await knex.schema.dropTable('claim_clients');
  await knex.schema.dropTable('claim_counters');
}
