import type { Messages } from '@fieldgram/contracts';
import { DomainError, type RequestHandler } from '@fieldgram/platform';
import { documentLanguage, type DocumentLanguageSettings } from '@fieldgram/bot-ui';
import { sendRefusal } from '../domain/status.js';
import type { OverdueReminders } from '../reminders/overdue-reminders.js';
import { loadInvoice } from '../store/invoices-store.js';
import type { AskPeersDeps } from '../usecases/ask-peers.js';
import { deliverInvoice, type DeliverInvoiceDeps } from '../usecases/deliver-invoice.js';
import { ensurePdf, type EnsurePdfDeps } from '../usecases/ensure-pdf.js';
import { findRecipient } from '../usecases/find-recipient.js';
import { requireInvoice } from '../usecases/require-invoice.js';

/**
 * `invoice.send` (S0-11): the PDF goes to the task's technician through the bot (a `tg.out`
 * sendDocument, through the outbox), it and its caption in the technician's language unless the
 * organization forces one; a draft becomes pending, a pending invoice may be sent again.
 * Emits `invoice.sent`; with a due date, schedules the overdue reminder.
 */
export function sendInvoiceHandler(
  deps: DeliverInvoiceDeps &
    EnsurePdfDeps &
    AskPeersDeps & { documents: DocumentLanguageSettings; reminders: OverdueReminders },
): RequestHandler<Messages, 'invoice.send'> {
  return async (request) => {
    const { invoiceId } = request.data;
    const current = await requireInvoice(deps.db, invoiceId);
    const refusal = sendRefusal(current.number, current.status);
    if (refusal) throw new DomainError('conflict', refusal, { status: current.status });
    const recipient = await findRecipient(deps, current);
    const language = documentLanguage(deps.documents, { person: recipient.person });
    const pdf = await ensurePdf(deps, current, language);
    const sent = await deliverInvoice(deps, request, invoiceId, { recipient, pdf, language });
    if (sent.due_date !== null) await deps.reminders.schedule(invoiceId, sent.due_date);
    return loadInvoice(deps.db, sent);
  };
}
