import type { ClaimRow } from '../store/claims-store.js';

/** Events about a claim keep their order: one partition per claim. */
export function claimPartition(claimId: string): { partitionKey: string } {
  return { partitionKey: `claim:${claimId}` };
}

/** The common fields of every claim event. */
export function eventBasics(row: ClaimRow) {
  return {
    claimId: row.id,
    number: row.number,
    clientId: row.client_id,
    clientName: row.client_name,
    managerId: row.manager_id,
    waybillNumber: row.waybill_number,
    waybillFound: row.waybill_id !== null,
  };
}
