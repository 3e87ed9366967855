import type { Messages } from '@fieldgram/contracts';
import type { RequestHandler } from '@fieldgram/platform';
import { documentLanguage, type DocumentLanguageSettings } from '@fieldgram/bot-ui';
import type { AskPeersDeps } from '../usecases/ask-peers.js';
import { ensurePdf, type EnsurePdfDeps } from '../usecases/ensure-pdf.js';
import { lookupPerson } from '../usecases/lookup-person.js';
import { requireInvoice } from '../usecases/require-invoice.js';

/**
 * `invoice.pdf`: where the invoice's PDF is (rendered first if needed), in the language the
 * organization forces, else the one asked for, else its reader's.
 */
export function invoicePdfHandler(
  deps: EnsurePdfDeps & AskPeersDeps & { documents: DocumentLanguageSettings },
): RequestHandler<Messages, 'invoice.pdf'> {
  return async (request) => {
    const { invoiceId, language: asked, readerId } = request.data;
    const row = await requireInvoice(deps.db, invoiceId);
    // Identity is asked only when the reader's own language can decide.
    const person = readerId && !deps.documents.forced && !asked ? await lookupPerson(deps, readerId) : null;
    return ensurePdf(deps, row, documentLanguage(deps.documents, { asked, person }));
  };
}
