import type { Language, Messages } from '@fieldgram/contracts';
import type { QueryHandler } from '@fieldgram/platform';
import { renderPdf } from '@fieldgram/pdf';
import { documentLanguage } from '../domain/document-language.js';
import { pdfStorageKey } from '../domain/numbering.js';
import { invoiceDocument } from '../pdf/invoice-document.js';
import { loadInvoice, type InvoiceRow } from '../store/invoices-store.js';
import { markPdfRendered, renderedPdfVersion } from '../store/pdfs-store.js';
import { documentSettings, findPerson, requireInvoice, type InvoiceContext } from './context.js';

export const PDF_CONTENT_TYPE = 'application/pdf';

export interface InvoicePdf {
  storageKey: string;
  fileName: string;
  contentType: typeof PDF_CONTENT_TYPE;
}

/**
 * The invoice's PDF in `language` in object storage (`invoices/<year>/<number>.<language>.pdf`),
 * rendered only when what it shows changed since that language's last render (content_version
 * ahead) or the file is gone. Each language has its own file, so copies never overwrite each other.
 */
export async function ensurePdf(
  context: InvoiceContext,
  row: InvoiceRow,
  language: Language,
): Promise<InvoicePdf> {
  const { runtime, storage, env } = context;
  const storageKey = pdfStorageKey(row.year, row.number, language);
  const pdf: InvoicePdf = { storageKey, fileName: `${row.number}.pdf`, contentType: PDF_CONTENT_TYPE };
  const rendered = await renderedPdfVersion(runtime.db.knex, row.id, language);
  if (rendered === row.content_version && (await storage.get(storageKey))) return pdf;
  const invoice = await loadInvoice(runtime.db.knex, row);
  const document = invoiceDocument(
    invoice,
    row.task_number,
    { name: env.ORG_NAME, details: env.ORG_DETAILS },
    language,
  );
  await storage.put(storageKey, await renderPdf(document), PDF_CONTENT_TYPE);
  await markPdfRendered(runtime.db.knex, row.id, language, row.content_version);
  return pdf;
}

/**
 * `invoice.pdf`: where the invoice's PDF is (rendered first if needed), in the language the
 * organization forces, else the one asked for, else its reader's.
 */
export function invoicePdfHandler(context: InvoiceContext): QueryHandler<Messages, 'invoice.pdf'> {
  return async (request) => {
    const { invoiceId, language: asked, readerId } = request.data;
    const row = await requireInvoice(context.runtime.db.knex, invoiceId);
    const settings = documentSettings(context.env);
    // Identity is asked only when the reader's own language can decide.
    const person = readerId && !settings.forced && !asked ? await findPerson(context, readerId) : null;
    return ensurePdf(context, row, documentLanguage(settings, { asked, person }));
  };
}
