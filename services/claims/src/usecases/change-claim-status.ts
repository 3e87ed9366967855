import type { Claim, ClaimStatus, Envelope, Messages } from '@fieldgram/contracts';
import { DomainError, type UnitOfWork } from '@fieldgram/platform';
import { statusChangeRefusal } from '../domain/claim-status.js';
import { actorId, mayDecide } from '../domain/decider.js';
import { claimPartition, eventBasics } from '../events/claim-event-fields.js';
import { insertHistory } from '../store/claim-history-store.js';
import { loadClaim } from '../store/claim-view.js';
import { updateClaim } from '../store/claims-store.js';
import { requireClaim } from './require-claim.js';

export interface ChangeClaimStatusDeps {
  uow: UnitOfWork<Messages>;
}

/**
 * A manager's (or an admin's) step on a claim (S1-06), with the comment the client is told: the
 * claim locked, the person and the step checked, the status, comment and history entry written
 * and `claim.status-changed` emitted, in one transaction.
 */
export function changeClaimStatus(
  { uow }: ChangeClaimStatusDeps,
  request: Envelope,
  change: { claimId: string; status: ClaimStatus; comment: string },
): Promise<Claim> {
  return uow.run(async ({ trx, emit }) => {
    const before = await requireClaim(trx, change.claimId, 'update');
    if (!mayDecide(request.actor, before.manager_id))
      throw new DomainError('forbidden', "only the client's manager or an admin decides a claim", {
        claimId: before.id,
      });
    const refusal = statusChangeRefusal(before.status, change.status);
    if (refusal) throw new DomainError('conflict', refusal, { claimId: before.id, status: before.status });
    const after = await updateClaim(trx, before.id, { status: change.status, comment: change.comment });
    const byUserId = actorId(request.actor);
    await insertHistory(trx, {
      claim_id: after.id,
      from: before.status,
      to: after.status,
      comment: change.comment,
      by_user_id: byUserId,
    });
    await emit(
      'claim.status-changed',
      { ...eventBasics(after), from: before.status, to: after.status, comment: change.comment, byUserId },
      claimPartition(after.id),
    );
    return loadClaim(trx, after);
  }, request);
}
