import type { Messages } from '@fieldgram/contracts';
import type { UnitOfWork } from '@fieldgram/platform';
import { isOverdue } from '../domain/numbering.js';
import { invoicePartition } from '../events/invoice-event-fields.js';
import type { OverdueJob } from '../reminders/overdue-reminders.js';
import { findInvoice, markOverdueNotified } from '../store/invoices-store.js';

export interface DetectOverdueDeps {
  uow: UnitOfWork<Messages>;
}

/**
 * An overdue job came due: re-reads the invoice and, only if it is still pending and past due and
 * was not reported yet, records that and emits `invoice.overdue-detected` (once per invoice).
 */
export async function detectOverdue({ uow }: DetectOverdueDeps, { invoiceId }: OverdueJob): Promise<void> {
  await uow.run(async ({ trx, emit }) => {
    const invoice = await findInvoice(trx, invoiceId, 'update');
    if (!invoice || invoice.overdue_notified_at !== null) return;
    if (!isOverdue(invoice.status, invoice.due_date, new Date())) return;
    await markOverdueNotified(trx, invoiceId);
    await emit(
      'invoice.overdue-detected',
      {
        invoiceId,
        number: invoice.number,
        taskId: invoice.task_id,
        total: Number(invoice.total),
        currency: invoice.currency,
        dueDate: invoice.due_date!,
      },
      invoicePartition(invoiceId),
    );
  });
}
