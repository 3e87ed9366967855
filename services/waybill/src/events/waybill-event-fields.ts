import type { WaybillRow } from '../store/waybills-store.js';

/** Events about a waybill keep their order: one partition per waybill. */
export function waybillPartition(waybillId: string): { partitionKey: string } {
  return { partitionKey: `waybill:${waybillId}` };
}

/** The common fields of every waybill event; `managerId` is the client's manager when it happened. */
export function eventBasics(row: WaybillRow, managerId: string | null) {
  return { waybillId: row.id, number: row.number, clientId: row.client_id, managerId };
}
