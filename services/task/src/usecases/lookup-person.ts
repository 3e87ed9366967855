import type { Messages, User } from '@fieldgram/contracts';
import { RemoteError, type RpcClient } from '@fieldgram/platform';

export interface LookupPersonDeps {
  /** The request client: identity owns people. */
  rpc: Pick<RpcClient<Messages>, 'request'>;
}

/** A person from identity; null for an id it does not know or cannot read. Outages propagate. */
export async function lookupPerson({ rpc }: LookupPersonDeps, userId: string): Promise<User | null> {
  return rpc.request('identity.get-user', { userId }).catch((error: unknown) => {
    if (error instanceof RemoteError && (error.code === 'not_found' || error.code === 'validation'))
      return null;
    throw error;
  });
}
