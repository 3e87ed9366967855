import type { Messages } from '@fieldgram/contracts';
import type { QueryHandler } from '@fieldgram/platform';
import { listInvoiceRows, loadInvoice, toInvoice } from '../store/invoices-store.js';
import { requireInvoice, type InvoiceContext } from './context.js';

/** `invoice.get`: the invoice with its items; a deleted invoice is not found. */
export function getInvoiceHandler({ runtime }: InvoiceContext): QueryHandler<Messages, 'invoice.get'> {
  return async (request) =>
    loadInvoice(runtime.db.knex, await requireInvoice(runtime.db.knex, request.data.invoiceId));
}

/** `invoice.list`: by status and task; newest first, paged. */
export function listInvoicesHandler({ runtime }: InvoiceContext): QueryHandler<Messages, 'invoice.list'> {
  return async (request) => {
    const { page, pageSize } = request.data;
    const { rows, items, total } = await listInvoiceRows(runtime.db.knex, request.data);
    return { items: rows.map((row) => toInvoice(row, items.get(row.id) ?? [])), total, page, pageSize };
  };
}
