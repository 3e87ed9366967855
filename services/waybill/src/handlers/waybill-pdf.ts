import { documentLanguage, type DocumentLanguageSettings } from '@fieldgram/bot-ui';
import type { Messages } from '@fieldgram/contracts';
import type { RequestHandler } from '@fieldgram/platform';
import type { WaybillReadDeps } from '../store/waybills-store.js';
import type { AskPeersDeps } from '../usecases/ask-peers.js';
import { ensurePdf, type EnsurePdfDeps } from '../usecases/ensure-pdf.js';
import { lookupPerson } from '../usecases/lookup-person.js';
import { requireWaybill } from '../usecases/require-waybill.js';

/**
 * `waybill.pdf`: where the waybill's PDF is (rendered first if needed), in the language the
 * organization forces, else the one asked for, else its reader's, else the organization's.
 */
export function waybillPdfHandler(
  deps: EnsurePdfDeps & AskPeersDeps & WaybillReadDeps & { documents: DocumentLanguageSettings },
): RequestHandler<Messages, 'waybill.pdf'> {
  return async (request) => {
    const { waybillId, language: asked, readerId } = request.data;
    const row = await requireWaybill(deps.db, waybillId, { actor: request.actor });
    // Identity is asked only when the reader's own language can decide.
    const person = readerId && !deps.documents.forced && !asked ? await lookupPerson(deps, readerId) : null;
    return ensurePdf(deps, row, documentLanguage(deps.documents, { asked, person }));
  };
}
