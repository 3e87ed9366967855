import type { DataOf, Envelope, Invoice, Language, Messages, Task } from '@fieldgram/contracts';
import type { UnitOfWork } from '@fieldgram/platform';
import type { computeTotals } from '../domain/money.js';
import { invoiceNumber } from '../domain/numbering.js';
import { eventBasics, invoicePartition } from '../events/invoice-event-fields.js';
import { subjectWithoutTask } from '../pdf/invoice-document.js';
import { insertInvoice, loadInvoice, nextSequence } from '../store/invoices-store.js';

export interface IssueInvoiceDeps {
  uow: UnitOfWork<Messages>;
  /** The language of a subject stored once for every reader: the forced one, else the organization's. */
  subjectLanguage: Language;
}

/**
 * Records a draft invoice with the next number of the year and emits `invoice.created`. It
 * becomes "Pending" (S0-11) when it is sent.
 */
export async function issueInvoice(
  { uow, subjectLanguage }: IssueInvoiceDeps,
  request: Envelope<'invoice.create', DataOf<Messages, 'invoice.create'>>,
  billed: { task: Pick<Task, 'number' | 'title'> | null; totals: ReturnType<typeof computeTotals> },
): Promise<Invoice> {
  const { taskId, clientId, items, currency, taxRate, dueDate } = request.data;
  const { task, totals } = billed;
  return uow.run(async ({ trx, emit }) => {
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
      subject: task?.title ?? subjectWithoutTask(subjectLanguage),
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
}
