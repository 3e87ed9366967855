import type { Language, PaymentMethod } from '@fieldgram/contracts';
import type { ObjectStorage } from '@fieldgram/platform';
import { renderPdf } from '@fieldgram/pdf';
import { pdfStorageKey } from '../domain/numbering.js';
import { waybillDocument, type Organization } from '../pdf/waybill-document.js';
import { toWaybill, type WaybillRow } from '../store/waybills-store.js';

export const PDF_CONTENT_TYPE = 'application/pdf';

export interface WaybillPdf {
  storageKey: string;
  fileName: string;
  contentType: typeof PDF_CONTENT_TYPE;
}

export interface EnsurePdfDeps {
  storage: ObjectStorage;
  /** Who issues the waybills (ORG_NAME, ORG_DETAILS): the PDF's header. */
  organization: Organization;
  /** The payment methods' labels (WAYBILL_PAYMENT_METHODS). */
  paymentMethods: readonly PaymentMethod[];
}

/**
 * The waybill's PDF in `language` in object storage, rendered only when that file is not there
 * yet: one file per content (as created, or cancelled) and language (see pdfStorageKey).
 */
export async function ensurePdf(
  deps: EnsurePdfDeps,
  row: WaybillRow,
  language: Language,
): Promise<WaybillPdf> {
  const storageKey = pdfStorageKey(row.year, row.number, row.status, language);
  const pdf: WaybillPdf = { storageKey, fileName: `${row.number}.pdf`, contentType: PDF_CONTENT_TYPE };
  if (await deps.storage.get(storageKey)) return pdf;
  const document = waybillDocument(toWaybill(row), deps.organization, deps.paymentMethods, language);
  await deps.storage.put(storageKey, await renderPdf(document), PDF_CONTENT_TYPE);
  return pdf;
}
