import type { Language } from '@fieldgram/contracts';
import type { ObjectStorage } from '@fieldgram/platform';
import { renderPdf } from '@fieldgram/pdf';
import type { Knex } from 'knex';
import { pdfStorageKey } from '../domain/numbering.js';
import { invoiceDocument, type Organization } from '../pdf/invoice-document.js';
import { loadInvoice, type InvoiceRow } from '../store/invoices-store.js';
import { markPdfRendered, renderedPdfVersion } from '../store/pdfs-store.js';

export const PDF_CONTENT_TYPE = 'application/pdf';

export interface InvoicePdf {
  storageKey: string;
  fileName: string;
  contentType: typeof PDF_CONTENT_TYPE;
}

export interface EnsurePdfDeps {
  db: Knex;
  storage: ObjectStorage;
  /** Who issues the invoices (ORG_NAME, ORG_DETAILS): the PDF's header. */
  organization: Organization;
}

/**
 * The invoice's PDF in `language` in object storage (`invoices/<year>/<number>.<language>.pdf`),
 * rendered only when what it shows changed since that language's last render (content_version
 * ahead) or the file is gone. Each language has its own file, so copies never overwrite each other.
 */
export async function ensurePdf(
  { db, storage, organization }: EnsurePdfDeps,
  row: InvoiceRow,
  language: Language,
): Promise<InvoicePdf> {
  const storageKey = pdfStorageKey(row.year, row.number, language);
  const pdf: InvoicePdf = { storageKey, fileName: `${row.number}.pdf`, contentType: PDF_CONTENT_TYPE };
  const rendered = await renderedPdfVersion(db, row.id, language);
  if (rendered === row.content_version && (await storage.get(storageKey))) return pdf;
  const invoice = await loadInvoice(db, row);
  const document = invoiceDocument(invoice, row.task_number, organization, language);
  await storage.put(storageKey, await renderPdf(document), PDF_CONTENT_TYPE);
  await markPdfRendered(db, row.id, language, row.content_version);
  return pdf;
}
