import type { Waybill } from '@fieldgram/contracts';

/** The waybill a claim is about, as the client named it and as the waybill service knows it. */
export type ClaimWaybill =
  | { kind: 'own'; waybillId: string; waybillNumber: string }
  /** Made outside the bot: kept as typed, flagged "not found" for the manager. */
  | { kind: 'unknown'; waybillId: null; waybillNumber: string }
  /** Another client's: refused as if it did not exist. */
  | { kind: 'not_yours' };

/** Reads `waybill.find`'s answer for a filing of `clientId` (S1-03). */
export function claimWaybill(typed: string, found: Waybill | null, clientId: string): ClaimWaybill {
  if (found === null) return { kind: 'unknown', waybillId: null, waybillNumber: typed.trim() };
  if (found.clientId !== clientId) return { kind: 'not_yours' };
  return { kind: 'own', waybillId: found.id, waybillNumber: found.number };
}
