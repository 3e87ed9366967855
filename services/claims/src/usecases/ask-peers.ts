import type { Messages } from '@fieldgram/contracts';
import type { RpcClient } from '@fieldgram/platform';

/** The request client: identity owns people, waybill the waybills, bot-gateway Telegram's files. */
export interface AskPeersDeps {
  rpc: Pick<RpcClient<Messages>, 'request'>;
}
