import type { Messages } from '@fieldgram/contracts';
import { DomainError, type RequestHandler, type UnitOfWork } from '@fieldgram/platform';
import { statusChangeRefusal } from '../domain/status.js';
import { eventBasics, invoicePartition } from '../events/invoice-event-fields.js';
import type { OverdueReminders } from '../reminders/overdue-reminders.js';
import { loadInvoice, updateInvoice, type InvoiceReadDeps } from '../store/invoices-store.js';
import { requireInvoice } from '../usecases/require-invoice.js';

/**
 * `invoice.change-status`: pending → paid (S0-11), draft or pending → cancelled; anything else is
 * refused with the reason. Emits `invoice.status-changed`; a settled invoice needs no overdue reminder.
 */
export function changeStatusHandler(
  deps: InvoiceReadDeps & { uow: UnitOfWork<Messages>; reminders: OverdueReminders },
): RequestHandler<Messages, 'invoice.change-status'> {
  return async (request) => {
    const { invoiceId, status } = request.data;
    const after = await deps.uow.run(async ({ trx, emit }) => {
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
    await deps.reminders.cancel(invoiceId, after.due_date);
    return loadInvoice(deps.db, after);
  };
}
