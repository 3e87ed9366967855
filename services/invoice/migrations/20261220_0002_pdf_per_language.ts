import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // An invoice's PDF exists once per language it was read in (its reader's, or the one the
  // organization forces): which content version each language's file shows.
  await knex.schema.createTable('invoice_pdfs', (table) => {
    table.uuid('invoice_id').notNullable().references('id').inTable('invoices');
    table.text('language').notNullable().checkIn(['ru', 'en']);
    table.integer('content_version').notNullable();
    table.timestamp('rendered_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.primary(['invoice_id', 'language']);
  });
  // The one-language bookkeeping it replaces; its files (invoices/<year>/<number>.pdf) are rendered
  // again under the per-language keys when next asked for.
  await knex.schema.alterTable('invoices', (table) => {
    table.dropColumn('pdf_version');
    table.dropColumn('pdf_rendered_at');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('invoices', (table) => {
    table.integer('pdf_version');
    table.timestamp('pdf_rendered_at', { useTz: true });
  });
  await knex.schema.dropTable('invoice_pdfs');
}
