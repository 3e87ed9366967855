import type { Messages } from '@fieldgram/contracts';
import type { MessageHandler } from '@fieldgram/platform';
import { renameClient } from '../store/clients-store.js';
import type { ClaimReadDeps } from '../store/claims-store.js';

/**
 * identity's `user.updated`: a client's new name, searched by from now on (S1-06). Only clients
 * claims knows are touched, and an older rename never wins, so a redelivery changes nothing.
 */
export function userUpdatedHandler({ db }: ClaimReadDeps): MessageHandler<Messages, 'user.updated'> {
  return async (updated) => {
    await renameClient(db, updated.data.userId, updated.data.name, new Date(updated.occurredAt));
  };
}
