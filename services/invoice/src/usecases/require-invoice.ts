import { DomainError } from '@fieldgram/platform';
import type { Knex } from 'knex';
import { findInvoice, type InvoiceRow } from '../store/invoices-store.js';

/** An invoice that exists and is not deleted; anything else is `not_found`. */
export async function requireInvoice(
  db: Knex | Knex.Transaction,
  invoiceId: string,
  lock?: 'update',
): Promise<InvoiceRow> {
  const row = await findInvoice(db, invoiceId, lock);
  if (!row) throw new DomainError('not_found', `no invoice ${invoiceId}`, { invoiceId });
  return row;
}
