import type { Envelope, Language, Messages } from '@fieldgram/contracts';
import { DomainError, type UnitOfWork } from '@fieldgram/platform';
import { formatMoney } from '../domain/money.js';
import { sendRefusal } from '../domain/status.js';
import { eventBasics, invoicePartition } from '../events/invoice-event-fields.js';
import { invoiceWord } from '../pdf/invoice-document.js';
import { updateInvoice, type InvoiceRow } from '../store/invoices-store.js';
import type { InvoicePdf } from './ensure-pdf.js';
import type { Recipient } from './find-recipient.js';
import { requireInvoice } from './require-invoice.js';

export interface DeliverInvoiceDeps {
  uow: UnitOfWork<Messages>;
}

/**
 * In one transaction: the invoice becomes pending (sent once more), the bot is told to send the
 * PDF with its caption (a `tg.out` sendDocument through the outbox), and `invoice.sent` goes out.
 * Re-checked under the lock: an invoice paid or cancelled meanwhile is refused.
 */
export async function deliverInvoice(
  { uow }: DeliverInvoiceDeps,
  request: Envelope,
  invoiceId: string,
  delivery: { recipient: Recipient; pdf: InvoicePdf; language: Language },
): Promise<InvoiceRow> {
  const { recipient, pdf, language } = delivery;
  return uow.run(async ({ trx, emit }) => {
    const before = await requireInvoice(trx, invoiceId, 'update');
    const refusal = sendRefusal(before.number, before.status);
    if (refusal) throw new DomainError('conflict', refusal, { status: before.status });
    const sendCount = before.send_count + 1;
    const after = await updateInvoice(trx, invoiceId, {
      status: 'pending',
      sent_at: new Date(),
      send_count: sendCount,
      recipient_id: recipient.person.id,
    });
    const total = formatMoney(Number(after.total), after.currency, language);
    await emit('tg.out', {
      idempotencyKey: `invoice:${invoiceId}:send:${sendCount}`,
      chatId: recipient.chatId,
      method: 'sendDocument',
      params: {
        document: { storageKey: pdf.storageKey, fileName: pdf.fileName },
        caption: `${invoiceWord(language)} ${after.number}: ${total}`,
      },
      messageKey: `invoice:${invoiceId}:send:${sendCount}`,
    });
    await emit(
      'invoice.sent',
      { ...eventBasics(after), recipientId: recipient.person.id },
      invoicePartition(invoiceId),
    );
    return after;
  }, request);
}
