import type { User } from '@fieldgram/contracts';
import { RemoteError } from '@fieldgram/platform';
import type { AskPeersDeps } from './ask-peers.js';

/** A person from identity; null for someone it does not know. Outages propagate. */
export async function lookupPerson({ rpc }: AskPeersDeps, userId: string): Promise<User | null> {
  return rpc.request('identity.get-user', { userId }).catch((error: unknown) => {
    if (error instanceof RemoteError && error.code === 'not_found') return null;
    throw error;
  });
}
