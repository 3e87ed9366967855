import type { Messages } from '@fieldgram/contracts';
import type { RequestHandler } from '@fieldgram/platform';
import { listInvoiceRows, loadInvoice, toInvoice, type InvoiceReadDeps } from '../store/invoices-store.js';
import { requireInvoice } from '../usecases/require-invoice.js';

/** `invoice.get`: the invoice with its items; a deleted invoice is not found. */
export function getInvoiceHandler({ db }: InvoiceReadDeps): RequestHandler<Messages, 'invoice.get'> {
  return async (request) => loadInvoice(db, await requireInvoice(db, request.data.invoiceId));
}

/** `invoice.list`: by status and task; newest first, paged. */
export function listInvoicesHandler({ db }: InvoiceReadDeps): RequestHandler<Messages, 'invoice.list'> {
  return async (request) => {
    const { page, pageSize } = request.data;
    const { rows, items, total } = await listInvoiceRows(db, request.data);
    return { items: rows.map((row) => toInvoice(row, items.get(row.id) ?? [])), total, page, pageSize };
  };
}
