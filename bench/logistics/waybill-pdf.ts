// The waybill service's own PDF (its document definition, its payment methods, the project's PDF
// package), so the baseline and the render bench do exactly the render work the service does.
// Imported by path: the service's package exports only its runtime.
import { randomUUID } from 'node:crypto';
import type { Language, Waybill, WaybillInput } from '@fieldgram/contracts';
import { renderPdf } from '../../packages/pdf/src/index.js';
import { DEFAULT_PAYMENT_METHODS } from '../../services/waybill/src/domain/payment-methods.js';
import { waybillCaption, waybillDocument } from '../../services/waybill/src/pdf/waybill-document.js';

export { DEFAULT_PAYMENT_METHODS, waybillCaption };

/** What the service's PDF shows in its header with ORG_NAME unset and no ORG_DETAILS. */
export const ORGANIZATION = { name: 'fieldgram' };

/** A waybill as the service would have stored it: number `seq` of this year, created now. */
export function waybillRecord(input: WaybillInput, clientId: string, seq: number): Waybill {
  const now = new Date().toISOString();
  return {
    ...input,
    id: randomUUID(),
    number: `WB-${new Date().getUTCFullYear()}-${String(seq).padStart(6, '0')}`,
    clientId,
    status: 'created',
    createdAt: now,
    updatedAt: now,
    cancelledAt: null,
  };
}

/** The waybill's PDF in `language`, rendered as the service renders it (the baseline's whole job). */
export function renderWaybillPdf(waybill: Waybill, language: Language): Promise<Buffer> {
  return renderPdf(waybillDocument(waybill, ORGANIZATION, DEFAULT_PAYMENT_METHODS, language));
}

/** Pages in a PDF: its page objects (`/Type /Page`, not the `/Pages` tree). */
export function pageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
}
