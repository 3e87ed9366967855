import type { Knex } from 'knex';
import { createYearlyCounterTable } from '@fieldgram/platform';

export async function up(knex: Knex): Promise<void> {
  // WB-<year>-<seq> without gaps or duplicates (platform's yearly numbers, as invoice's).
  await createYearlyCounterTable(knex, 'waybill_counters');
  await knex.schema.createTable('waybills', (table) => {
    table.uuid('id').primary();
    table.text('number').notNullable().unique();
    table.integer('year').notNullable();
    table.integer('seq').notNullable();
    table.text('client_id').notNullable();
    /** The wizard run that confirmed it: a repeated confirm finds it instead of making another. */
    table.text('request_id').notNullable();
    table.text('cargo').notNullable();
    table.decimal('weight_kg', 9, 3).notNullable();
    table.decimal('length_cm', 6, 1).notNullable();
    table.decimal('width_cm', 6, 1).notNullable();
    table.decimal('height_cm', 6, 1).notNullable();
    table.text('pickup_address').notNullable();
    table.text('delivery_address').notNullable();
    table.text('payment_method').notNullable();
    table.text('status').notNullable().checkIn(['created', 'cancelled']);
    /** The client's manager at creation (S1-01), as waybill.created said. */
    table.text('manager_id');
    /** The PDF went to the client's chat (or could not: no Telegram); once per waybill. */
    table.timestamp('pdf_sent_at', { useTz: true });
    table.boolean('pdf_delivered');
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.timestamp('cancelled_at', { useTz: true });
    table.unique(['client_id', 'request_id']);
  });
  // Newest first is by number: numbers are taken in commit order (the counter row's lock).
  await knex.raw('create index waybills_newest on waybills (year desc, seq desc)');
  await knex.raw('create index waybills_created on waybills (created_at)');
  await knex.raw('create index waybills_client_newest on waybills (client_id, year desc, seq desc)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('waybills');
  await knex.schema.dropTable('waybill_counters');
}
