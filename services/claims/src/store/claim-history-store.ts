import type { Knex } from 'knex';
import type { ClaimStatus } from '@fieldgram/contracts';

type Db = Knex | Knex.Transaction;

export interface ClaimHistoryRow {
  claim_id: string;
  from: ClaimStatus | null;
  to: ClaimStatus;
  comment: string | null;
  by_user_id: string | null;
  at: Date;
}

export async function insertHistory(
  trx: Knex.Transaction,
  entry: Omit<ClaimHistoryRow, 'at'>,
): Promise<void> {
  await trx.table('claim_history').insert(entry);
}

/** Oldest first: filed, reviewed, decided. */
export function historyOf(db: Db, claimId: string): Promise<ClaimHistoryRow[]> {
  return db
    .table('claim_history')
    .where({ claim_id: claimId })
    .orderBy('id')
    .select<ClaimHistoryRow[]>('claim_id', 'from', 'to', 'comment', 'by_user_id', 'at');
}
