import type { User } from '@fieldgram/contracts';
import { askOrRetryLater, DomainError, RemoteError } from '@fieldgram/platform';
import type { AskPeersDeps } from './ask-peers.js';

/**
 * The person filing, from identity: an active client (S1-01; an inactive one is blocked
 * everywhere, S3-07). identity not answering is an outage the caller may retry.
 */
export async function requireClient({ rpc }: AskPeersDeps, clientId: string): Promise<User> {
  const user = await askOrRetryLater(() => rpc.request('identity.get-user', { userId: clientId })).catch(
    (error: unknown) => {
      if (error instanceof RemoteError && error.code === 'not_found')
        throw new DomainError('not_found', `no client ${clientId}`, { field: 'clientId' });
      throw error;
    },
  );
  if (user.role !== 'client')
    throw new DomainError('validation', 'clientId: only a client files claims', { field: 'clientId' });
  if (!user.active) throw new DomainError('forbidden', 'this client is deactivated', { clientId });
  return user;
}
