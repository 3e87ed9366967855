import type { Messages } from '@fieldgram/contracts';
import { DomainError, type QueryHandler } from '@fieldgram/platform';
import { statusChangeRefusal } from '../domain/status.js';
import { loadInvoice, updateInvoice } from '../store/invoices-store.js';
import { eventBasics, invoicePartition, requireInvoice, type InvoiceContext } from './context.js';

/**
 * `invoice.change-status`: pending → paid (S0-11), draft or pending → cancelled; anything else is
 * refused with the reason. Emits `invoice.status-changed`; a settled invoice needs no overdue reminder.
 */
export function changeStatusHandler(
  context: InvoiceContext,
): QueryHandler<Messages, 'invoice.change-status'> {
  const { runtime } = context;
  return async (request) => {
    const { invoiceId, status } = request.data;
    const after = await runtime.uow.run(async ({ trx, emit }) => {
      const before = await requireInvoice(trx, invoiceId, 'update');
      const refusal = statusChangeRefusal(before.number, before.status, status);
      if (refusal) throw new DomainError('conflict', refusal, { from: before.status, to: status });
      const changed = await updateInvoice(trx, invoiceId, {
        status,
        ...(status === 'paid' ? { paid_at: new Date() } : {}),
      });
      await emit(
        'invoice.status-changed',
        { ...eventBasics(changed), from: before.status, to: status },
        invoicePartition(invoiceId),
      );
      return changed;
    }, request);
    await context.reminders.cancel(invoiceId, after.due_date);
    return loadInvoice(runtime.db.knex, after);
  };
}
