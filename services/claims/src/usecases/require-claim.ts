import type { Knex } from 'knex';
import { DomainError } from '@fieldgram/platform';
import { findClaim, type ClaimRow } from '../store/claims-store.js';

/** The claim, or `not_found`. */
export async function requireClaim(
  db: Knex | Knex.Transaction,
  claimId: string,
  lock?: 'update',
): Promise<ClaimRow> {
  const row = await findClaim(db, claimId, lock);
  if (!row) throw new DomainError('not_found', `no claim ${claimId}`, { claimId });
  return row;
}
