import type { Knex } from 'knex';

const STATUSES = ['draft', 'pending', 'paid', 'cancelled'];

export async function up(knex: Knex): Promise<void> {
  // One row per year: `update … set last = last + 1 returning last` in the creating transaction
  // gives numbers without gaps (a rollback gives its number back) or duplicates (the row lock).
  await knex.schema.createTable('invoice_counters', (table) => {
    table.integer('year').primary();
    table.integer('last').notNullable();
  });
  await knex.schema.createTable('invoices', (table) => {
    table.uuid('id').primary();
    table.text('number').notNullable().unique();
    table.integer('year').notNullable();
    table.text('task_id');
    /** The task's #number, for the PDF's reference. */
    table.integer('task_number');
    table.text('client_id');
    table.text('subject').notNullable();
    table.text('currency').notNullable();
    /** Percent with two decimals; null = no tax line. */
    table.decimal('tax_rate', 5, 2);
    table.bigInteger('subtotal').notNullable();
    table.bigInteger('tax').notNullable();
    table.bigInteger('total').notNullable();
    table.text('status').notNullable().checkIn(STATUSES);
    table.date('due_date');
    table.timestamp('issued_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.timestamp('sent_at', { useTz: true });
    table.timestamp('paid_at', { useTz: true });
    /** How many times it was sent; keys the tg.out idempotency key of each send. */
    table.integer('send_count').notNullable().defaultTo(0);
    /** Who received it last (the task's technician). */
    table.text('recipient_id');
    /** Bumped by every change of what the PDF shows; the PDF is re-rendered when it is ahead. */
    table.integer('content_version').notNullable().defaultTo(1);
    table.integer('pdf_version');
    table.timestamp('pdf_rendered_at', { useTz: true });
    /** The overdue reminder was emitted (once per invoice). */
    table.timestamp('overdue_notified_at', { useTz: true });
    table.timestamp('deleted_at', { useTz: true });
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(
    'create index invoices_live_created on invoices (created_at desc, number desc) where deleted_at is null',
  );
  await knex.raw('create index invoices_task on invoices (task_id) where deleted_at is null');

  await knex.schema.createTable('invoice_items', (table) => {
    table.bigIncrements('id').primary();
    table.uuid('invoice_id').notNullable().references('id').inTable('invoices');
    table.integer('position').notNullable();
    table.text('description').notNullable();
    table.decimal('quantity', 12, 3).notNullable();
    table.bigInteger('unit_price').notNullable();
    table.bigInteger('amount').notNullable();
    table.unique(['invoice_id', 'position']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('invoice_items');
  await knex.schema.dropTable('invoices');
  await knex.schema.dropTable('invoice_counters');
}
