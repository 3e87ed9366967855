import type { InvoiceRow } from '../store/invoices-store.js';

/** Events about an invoice keep their order: one partition per invoice. */
export function invoicePartition(invoiceId: string): { partitionKey: string } {
  return { partitionKey: `invoice:${invoiceId}` };
}

/** The common fields of every invoice event. */
export function eventBasics(row: InvoiceRow) {
  return {
    invoiceId: row.id,
    number: row.number,
    taskId: row.task_id,
    total: Number(row.total),
    currency: row.currency,
  };
}
