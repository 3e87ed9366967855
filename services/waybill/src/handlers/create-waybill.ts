import type { Actor, Messages, PaymentMethod } from '@fieldgram/contracts';
import { DomainError, type RequestHandler } from '@fieldgram/platform';
import { waybillInputProblem } from '../domain/waybill-rules.js';
import { findByRequest, toWaybill, type WaybillReadDeps } from '../store/waybills-store.js';
import type { AskPeersDeps } from '../usecases/ask-peers.js';
import { recordWaybill, sameRequestAnswer, type RecordWaybillDeps } from '../usecases/record-waybill.js';
import { requireClient } from '../usecases/require-client.js';

/** A client asks for themselves only; staff and the bot's services may name any client. */
function refuseOtherClient(actor: Actor, clientId: string): void {
  if (actor.kind === 'user' && actor.role === 'client' && actor.userId !== clientId)
    throw new DomainError('forbidden', 'a client makes waybills for themselves only', { field: 'clientId' });
}

/**
 * `waybill.create` (S1-02): an active client's waybill with the next number of the year; its PDF
 * reaches the client's chat within seconds (deliver-pdf, from `waybill.created`). Idempotent per
 * (clientId, requestId): a repeated confirm answers the same waybill. Every range is checked
 * again here and the payment method must be one of the organization's (validation, naming the field).
 */
export function createWaybillHandler(
  deps: RecordWaybillDeps & WaybillReadDeps & AskPeersDeps & { paymentMethods: readonly PaymentMethod[] },
): RequestHandler<Messages, 'waybill.create'> {
  return async (request) => {
    const { clientId, requestId, ...input } = request.data;
    refuseOtherClient(request.actor, clientId);
    // A repeat needs neither the checks nor identity: it answers what the first confirm made.
    const made = await findByRequest(deps.db, clientId, requestId);
    if (made) return toWaybill(sameRequestAnswer(made, input, requestId));
    const problem = waybillInputProblem(input, deps.paymentMethods);
    if (problem) throw new DomainError('validation', problem.message, { field: problem.field });
    const client = await requireClient(deps, clientId);
    return toWaybill(await recordWaybill(deps, request, client));
  };
}
