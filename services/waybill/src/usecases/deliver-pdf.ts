import { documentLanguage, type DocumentLanguageSettings } from '@fieldgram/bot-ui';
import type { Envelope, Messages, DataOf } from '@fieldgram/contracts';
import { PermanentError, type UnitOfWork } from '@fieldgram/platform';
import type { Knex } from 'knex';
import { eventBasics, waybillPartition } from '../events/waybill-event-fields.js';
import { waybillCaption } from '../pdf/waybill-document.js';
import { findWaybill, markPdfSent } from '../store/waybills-store.js';
import type { AskPeersDeps } from './ask-peers.js';
import { ensurePdf, type EnsurePdfDeps } from './ensure-pdf.js';
import { lookupPerson } from './lookup-person.js';

/** The inbox name of the consumer that delivers new waybills' PDFs. */
export const PDF_DELIVERY = 'waybill.pdf-delivery';

export interface DeliverPdfDeps extends EnsurePdfDeps, AskPeersDeps {
  uow: UnitOfWork<Messages>;
  db: Knex;
  documents: DocumentLanguageSettings;
}

/** The idempotency (and message) key of a waybill's PDF in the client's chat: one send per waybill. */
export function pdfMessageKey(waybillId: string): string {
  return `waybill:${waybillId}:pdf`;
}

/**
 * What follows a committed `waybill.created` (S1-02: the client gets the PDF within seconds): the
 * PDF is rendered in the client's language, then one transaction records the delivery, tells the
 * bot to send it (a `tg.out` sendDocument through the outbox) and emits `waybill.pdf-sent`. It
 * runs once per event (inbox) and once per waybill (`pdf_sent_at`, under the row's lock), so a
 * redelivered or repeated event sends nothing more; a crash before the commit leaves the event
 * unacknowledged and it is handled again. A client without Telegram (or deactivated meanwhile)
 * gets no PDF: `delivered: false`. Identity being down fails the attempt, which is retried.
 */
export async function deliverPdf(
  deps: DeliverPdfDeps,
  event: Envelope<'waybill.created', DataOf<Messages, 'waybill.created'>>,
): Promise<{ duplicate: boolean }> {
  const { waybillId, managerId } = event.data;
  const row = await findWaybill(deps.db, waybillId);
  if (!row) throw new PermanentError(`waybill.created names ${waybillId}, which does not exist`);
  if (row.pdf_sent_at) return { duplicate: true };
  const client = await lookupPerson(deps, row.client_id);
  const chatId = client?.active && client.telegramId !== null ? client.telegramId : null;
  const language = documentLanguage(deps.documents, { person: client });
  // Rendered before the transaction: a render is slow and repeatable, the send is not.
  const pdf = chatId === null ? null : await ensurePdf(deps, row, language);
  return deps.uow.once(PDF_DELIVERY, event, async ({ trx, emit }) => {
    const locked = await findWaybill(trx, waybillId, 'update');
    if (!locked || locked.pdf_sent_at) return;
    await markPdfSent(trx, waybillId, pdf !== null);
    if (pdf && chatId !== null)
      await emit('tg.out', {
        idempotencyKey: pdfMessageKey(waybillId),
        chatId,
        method: 'sendDocument',
        params: {
          document: { storageKey: pdf.storageKey, fileName: pdf.fileName },
          caption: waybillCaption(locked.number, language),
        },
        messageKey: pdfMessageKey(waybillId),
      });
    await emit(
      'waybill.pdf-sent',
      { ...eventBasics(locked, managerId), delivered: pdf !== null },
      waybillPartition(waybillId),
    );
  });
}
