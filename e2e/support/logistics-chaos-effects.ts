// What the waybill and claims services recorded in the logistics chaos run, read from their
// schemas.
import { withPg } from '@fieldgram/testkit';

/** A waybill or claim row: its number and its parts, and who made it under which request. */
export interface NumberedRow {
  id: string;
  number: string;
  year: number;
  seq: number;
  clientId: string;
  requestId: string;
}

export interface ClaimRow extends NumberedRow {
  managerId: string | null;
  waybillNumber: string;
  /** Its files and how many of them are in object storage (the copy state `copied`). */
  files: number;
  copied: number;
}

export interface LogisticsEffects {
  waybills: NumberedRow[];
  claims: ClaimRow[];
}

export async function readLogisticsEffects(databaseUrl: string): Promise<LogisticsEffects> {
  return withPg(databaseUrl, async (db) => {
    const waybills = await db.query<NumberedRow>(
      `select id, number, year, seq, client_id as "clientId", request_id as "requestId"
       from waybill.waybills order by year, seq`,
    );
    const claims = await db.query<ClaimRow>(
      `select c.id, c.number, c.year, c.seq, c.client_id as "clientId", c.request_id as "requestId",
              c.manager_id as "managerId", c.waybill_number as "waybillNumber",
              count(f.file_unique_id)::int as files, count(f.storage_key)::int as copied
       from claims.claims c left join claims.claim_files f on f.claim_id = c.id
       group by c.id order by c.year, c.seq`,
    );
    return { waybills: waybills.rows, claims: claims.rows };
  });
}
