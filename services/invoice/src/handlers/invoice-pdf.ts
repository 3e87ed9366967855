import type { Messages } from '@fieldgram/contracts';
import type { QueryHandler } from '@fieldgram/platform';
import { renderPdf } from '@fieldgram/pdf';
import { pdfStorageKey } from '../domain/numbering.js';
import { invoiceDocument } from '../pdf/invoice-document.js';
import { loadInvoice, markPdfRendered, type InvoiceRow } from '../store/invoices-store.js';
import { requireInvoice, type InvoiceContext } from './context.js';

export const PDF_CONTENT_TYPE = 'application/pdf';

export interface InvoicePdf {
  storageKey: string;
  fileName: string;
  contentType: typeof PDF_CONTENT_TYPE;
}

/**
 * The invoice's PDF in object storage (`invoices/<year>/<number>.pdf`), rendered only when what it
 * shows changed since the last render (content_version ahead of pdf_version) or the file is gone.
 */
export async function ensurePdf(context: InvoiceContext, row: InvoiceRow): Promise<InvoicePdf> {
  const { runtime, storage, env } = context;
  const storageKey = pdfStorageKey(row.year, row.number);
  const pdf: InvoicePdf = { storageKey, fileName: `${row.number}.pdf`, contentType: PDF_CONTENT_TYPE };
  if (row.pdf_version === row.content_version && (await storage.get(storageKey))) return pdf;
  const invoice = await loadInvoice(runtime.db.knex, row);
  const bytes = await renderPdf(
    invoiceDocument(invoice, row.task_number, {
      name: env.ORG_NAME,
      details: env.ORG_DETAILS,
      language: env.ORG_LANGUAGE,
    }),
  );
  await storage.put(storageKey, bytes, PDF_CONTENT_TYPE);
  await markPdfRendered(runtime.db.knex, row.id, row.content_version);
  return pdf;
}

/** `invoice.pdf`: where the invoice's PDF is (rendered first if needed). */
export function invoicePdfHandler(context: InvoiceContext): QueryHandler<Messages, 'invoice.pdf'> {
  return async (request) =>
    ensurePdf(context, await requireInvoice(context.runtime.db.knex, request.data.invoiceId));
}
