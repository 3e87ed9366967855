import type { Knex } from 'knex';
import type { DataOf, Envelope, Messages } from '@fieldgram/contracts';
import { PermanentError, type UnitOfWork } from '@fieldgram/platform';
import { claimPartition } from '../events/claim-event-fields.js';
import { filesOf, recordCopy } from '../store/claim-files-store.js';
import { findClaim } from '../store/claims-store.js';
import type { AskPeersDeps } from './ask-peers.js';
import { copyFile } from './copy-file.js';

export interface CopyClaimFilesDeps extends AskPeersDeps {
  uow: UnitOfWork<Messages>;
  db: Knex;
}

/**
 * What a filed claim's `claim.filed` sets off (S1-03): each file not copied yet is copied and
 * recorded at once with `claim.file-stored`, so a crash half way loses nothing and copies nothing
 * twice on the redelivery. A failure fails the message, which its consumer retries.
 */
export async function copyClaimFiles(
  deps: CopyClaimFilesDeps,
  filed: Envelope<'claim.filed', DataOf<Messages, 'claim.filed'>>,
): Promise<void> {
  const claim = await findClaim(deps.db, filed.data.claimId);
  // Published from the outbox after its commit, so the claim is there; if not, no retry helps.
  if (!claim) throw new PermanentError(`claim ${filed.data.claimId} is not in the database`);
  for (const file of await filesOf(deps.db, claim.id)) {
    if (file.storage_key !== null || file.copy_failure !== null) continue;
    const outcome = await copyFile(deps, claim.number, file, filed);
    await deps.uow.run(async ({ trx, emit }) => {
      if (!(await recordCopy(trx, claim.id, file.file_unique_id, outcome))) return;
      await emit(
        'claim.file-stored',
        {
          claimId: claim.id,
          fileUniqueId: file.file_unique_id,
          storageKey: outcome.storageKey,
          ...(outcome.storageKey === null ? { reason: outcome.reason } : {}),
        },
        claimPartition(claim.id),
      );
    }, filed);
  }
}
