import type { Messages } from '@fieldgram/contracts';
import type { RequestHandler } from '@fieldgram/platform';
import { loadClaim } from '../store/claim-view.js';
import type { ClaimReadDeps } from '../store/claims-store.js';
import { requireClaim } from '../usecases/require-claim.js';

/** `claims.get`: every field, its files (with where each copy stands) and its history. */
export function getClaimHandler({ db }: ClaimReadDeps): RequestHandler<Messages, 'claims.get'> {
  return async (request) => loadClaim(db, await requireClaim(db, request.data.claimId));
}
