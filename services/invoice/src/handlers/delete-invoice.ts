import type { Messages } from '@fieldgram/contracts';
import type { RequestHandler, UnitOfWork } from '@fieldgram/platform';
import { eventBasics, invoicePartition } from '../events/invoice-event-fields.js';
import type { OverdueReminders } from '../reminders/overdue-reminders.js';
import { updateInvoice } from '../store/invoices-store.js';
import { requireInvoice } from '../usecases/require-invoice.js';

/** `invoice.delete`: soft; the number stays taken (no gaps). Emits `invoice.deleted`. */
export function deleteInvoiceHandler(deps: {
  uow: UnitOfWork<Messages>;
  reminders: OverdueReminders;
}): RequestHandler<Messages, 'invoice.delete'> {
  return async (request) => {
    const { invoiceId } = request.data;
    const deleted = await deps.uow.run(async ({ trx, emit }) => {
      const row = await requireInvoice(trx, invoiceId, 'update');
      await updateInvoice(trx, invoiceId, { deleted_at: new Date() });
      await emit('invoice.deleted', eventBasics(row), invoicePartition(invoiceId));
      return row;
    }, request);
    await deps.reminders.cancel(invoiceId, deleted.due_date);
    return { deleted: true as const };
  };
}
