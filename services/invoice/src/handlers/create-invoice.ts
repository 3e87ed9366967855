import type { Messages } from '@fieldgram/contracts';
import { DomainError, type QueryHandler } from '@fieldgram/platform';
import { AmountTooLargeError, computeTotals } from '../domain/money.js';
import { invoiceNumber } from '../domain/numbering.js';
import { subjectWithoutTask } from '../pdf/invoice-document.js';
import { insertInvoice, loadInvoice, nextSequence } from '../store/invoices-store.js';
import { eventBasics, fetchTask, invoicePartition, type InvoiceContext } from './context.js';

/**
 * `invoice.create` (S0-11): an invoice for a completed task (or, for integrations, a client), with
 * exact totals and the next number of the year. It starts as a draft: it becomes "Pending" (S0-11)
 * when it is sent. Emits `invoice.created`.
 */
export function createInvoiceHandler(context: InvoiceContext): QueryHandler<Messages, 'invoice.create'> {
  const { runtime, env } = context;
  return async (request) => {
    const { taskId, clientId, items, currency, taxRate, dueDate } = request.data;
    if (taskId === undefined && clientId === undefined)
      throw new DomainError('validation', 'taskId: an invoice needs a task (or a client)', {
        field: 'taskId',
      });
    let task: { number: number; title: string } | null = null;
    if (taskId !== undefined) {
      const found = await fetchTask(context, taskId);
      if (found.status !== 'completed')
        throw new DomainError(
          'conflict',
          `task #${found.number} is not completed (status ${found.status}): only a completed task can be invoiced`,
          { taskId, status: found.status },
        );
      task = found;
    }
    let totals: ReturnType<typeof computeTotals>;
    try {
      totals = computeTotals(items, taxRate ?? null);
    } catch (error) {
      if (error instanceof AmountTooLargeError)
        throw new DomainError('validation', 'items: the invoice total is too large', { field: 'items' });
      throw error;
    }

    return runtime.uow.run(async ({ trx, emit }) => {
      const issuedAt = new Date();
      const year = issuedAt.getUTCFullYear();
      // Taken last: the counter row stays locked for as short a time as possible.
      const seq = await nextSequence(trx, year);
      const row = await insertInvoice(trx, {
        number: invoiceNumber(year, seq),
        year,
        issuedAt,
        taskId: taskId ?? null,
        taskNumber: task?.number ?? null,
        clientId: clientId ?? null,
        // Stored once for every reader: the forced document language, else the organization's.
        subject: task?.title ?? subjectWithoutTask(env.DOCUMENT_LANGUAGE ?? env.ORG_LANGUAGE),
        currency,
        taxRate: taxRate ?? null,
        subtotal: totals.subtotal,
        tax: totals.tax,
        total: totals.total,
        status: 'draft',
        dueDate: dueDate ?? null,
        items: items.map((item, index) => ({ ...item, amount: totals.amounts[index]! })),
      });
      await emit('invoice.created', eventBasics(row), invoicePartition(row.id));
      return loadInvoice(trx, row);
    }, request);
  };
}
