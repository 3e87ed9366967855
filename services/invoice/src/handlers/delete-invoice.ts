import type { Messages } from '@fieldgram/contracts';
import type { QueryHandler } from '@fieldgram/platform';
import { updateInvoice } from '../store/invoices-store.js';
import { eventBasics, invoicePartition, requireInvoice, type InvoiceContext } from './context.js';

/** `invoice.delete`: soft; the number stays taken (no gaps). Emits `invoice.deleted`. */
export function deleteInvoiceHandler(context: InvoiceContext): QueryHandler<Messages, 'invoice.delete'> {
  const { runtime } = context;
  return async (request) => {
    const { invoiceId } = request.data;
    const deleted = await runtime.uow.run(async ({ trx, emit }) => {
      const row = await requireInvoice(trx, invoiceId, 'update');
      await updateInvoice(trx, invoiceId, { deleted_at: new Date() });
      await emit('invoice.deleted', eventBasics(row), invoicePartition(invoiceId));
      return row;
    }, request);
    await context.reminders.cancel(invoiceId, deleted.due_date);
    return { deleted: true as const };
  };
}
