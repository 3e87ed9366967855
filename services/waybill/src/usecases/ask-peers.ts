import type { Messages } from '@fieldgram/contracts';
import type { RpcClient } from '@fieldgram/platform';

/** The request client: identity owns the people (the client, their manager, their chat). */
export interface AskPeersDeps {
  rpc: Pick<RpcClient<Messages>, 'request'>;
}
