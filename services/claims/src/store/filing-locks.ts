import type { Knex } from 'knex';
import { nextYearlyNumber } from '@fieldgram/platform';

/** Repeats of one filing queue here, so the second finds the claim the first made. */
export async function lockFiling(trx: Knex.Transaction, clientId: string, requestId: string): Promise<void> {
  await trx.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [
    `claims:filing:${clientId}:${requestId}`,
  ]);
}

/** The next claim number of `year`, in the caller's transaction (no gaps, no duplicates). */
export function nextClaimNumber(trx: Knex.Transaction, year: number): Promise<number> {
  return nextYearlyNumber(trx, 'claim_counters', year);
}
