// Ours' way to a waybill's PDF, the waybill service's ensurePdf itself (imported by path, as
// waybill-pdf.ts does): kept apart so the baseline bot does not load the service's store.
import { randomUUID } from 'node:crypto';
import type { Language, Waybill } from '@fieldgram/contracts';
import type { ObjectStorage } from '@fieldgram/platform';
import type { WaybillRow } from '../../services/waybill/src/store/waybills-store.js';
import { ensurePdf } from '../../services/waybill/src/usecases/ensure-pdf.js';
import { DEFAULT_PAYMENT_METHODS, ORGANIZATION } from './waybill-pdf.js';

/**
 * The waybill's PDF as the service makes it before sending it (its ensurePdf): looked up in
 * object storage, rendered, stored for bot-gateway to upload. Resolves with its storage key.
 */
export async function storeWaybillPdf(
  storage: ObjectStorage,
  waybill: Waybill,
  seq: number,
  language: Language,
): Promise<string> {
  const deps = { storage, organization: ORGANIZATION, paymentMethods: DEFAULT_PAYMENT_METHODS };
  return (await ensurePdf(deps, rowOf(waybill, seq), language)).storageKey;
}

/** The waybill as its row in the service's table (numerics as strings, times as Dates). */
function rowOf(waybill: Waybill, seq: number): WaybillRow {
  const createdAt = new Date(waybill.createdAt);
  return {
    id: waybill.id,
    number: waybill.number,
    year: createdAt.getUTCFullYear(),
    seq,
    client_id: waybill.clientId,
    request_id: randomUUID(),
    cargo: waybill.cargo,
    weight_kg: String(waybill.weightKg),
    length_cm: String(waybill.lengthCm),
    width_cm: String(waybill.widthCm),
    height_cm: String(waybill.heightCm),
    pickup_address: waybill.pickupAddress,
    delivery_address: waybill.deliveryAddress,
    payment_method: waybill.paymentMethod,
    status: waybill.status,
    manager_id: null,
    pdf_sent_at: null,
    pdf_delivered: null,
    created_at: createdAt,
    updated_at: new Date(waybill.updatedAt),
    cancelled_at: null,
  };
}
