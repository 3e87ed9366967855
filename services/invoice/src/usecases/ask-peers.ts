import type { Messages } from '@fieldgram/contracts';
import type { RpcClient } from '@fieldgram/platform';

/** The request client: task owns tasks, identity owns people. */
export interface AskPeersDeps {
  rpc: Pick<RpcClient<Messages>, 'request'>;
}
