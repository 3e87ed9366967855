import { askOrRetryLater, DomainError } from '@fieldgram/platform';
import { claimWaybill, type ClaimWaybill } from '../domain/claim-waybill.js';
import type { AskPeersDeps } from './ask-peers.js';

/**
 * The waybill a client names (S1-03), asked of the waybill service: theirs, or one it does not
 * know (made outside the bot). Another client's is `not_found`, never saying whose it is.
 */
export async function resolveWaybill(
  { rpc }: AskPeersDeps,
  clientId: string,
  typed: string,
): Promise<Exclude<ClaimWaybill, { kind: 'not_yours' }>> {
  const { waybill } = await askOrRetryLater(() => rpc.request('waybill.find', { number: typed }));
  const found = claimWaybill(typed, waybill, clientId);
  if (found.kind === 'not_yours')
    throw new DomainError('not_found', `no waybill ${typed.trim()} among yours`, { field: 'waybillNumber' });
  return found;
}
