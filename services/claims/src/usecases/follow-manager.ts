import type { DataOf, Envelope, Messages } from '@fieldgram/contracts';
import type { UnitOfWork } from '@fieldgram/platform';
import { claimPartition, eventBasics } from '../events/claim-event-fields.js';
import { rememberClient } from '../store/clients-store.js';
import { openClaimsNotOf, updateClaim } from '../store/claims-store.js';

export interface FollowManagerDeps {
  uow: UnitOfWork<Messages>;
}

/**
 * A client got another manager (S1-01): their undecided claims go to the new one, each with
 * `claim.reassigned`; decided claims stay with whoever decided them. An assignment older than
 * what claims already knows changes nothing; a redelivery neither (inbox).
 */
export function followManager(
  { uow }: FollowManagerDeps,
  assigned: Envelope<'user.manager-assigned', DataOf<Messages, 'user.manager-assigned'>>,
): Promise<{ duplicate: boolean }> {
  const { userId, name, managerId } = assigned.data;
  return uow.once('claims.follow-manager', assigned, async ({ trx, emit }) => {
    const known = await rememberClient(trx, {
      clientId: userId,
      name,
      managerId,
      at: new Date(assigned.occurredAt),
    });
    if (known.managerId !== managerId) return;
    for (const before of await openClaimsNotOf(trx, userId, managerId)) {
      const after = await updateClaim(trx, before.id, { manager_id: managerId });
      await emit(
        'claim.reassigned',
        { ...eventBasics(after), previousManagerId: before.manager_id },
        claimPartition(after.id),
      );
    }
  });
}
