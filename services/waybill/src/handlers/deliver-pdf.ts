import type { Messages } from '@fieldgram/contracts';
import type { MessageHandler } from '@fieldgram/platform';
import { deliverPdf, type DeliverPdfDeps } from '../usecases/deliver-pdf.js';

/** `waybill.created` (its own event) → the PDF in the client's chat, once (see deliver-pdf). */
export function deliverPdfHandler(deps: DeliverPdfDeps): MessageHandler<Messages, 'waybill.created'> {
  return (event) => deliverPdf(deps, event);
}
