import type { CURRENCY_MINOR_DIGITS, Messages } from '@fieldgram/contracts';
import { DomainError, type RequestHandler } from '@fieldgram/platform';
import { distinctFiles } from '../domain/claim-files.js';
import { mayFileFor } from '../domain/decider.js';
import { loadClaim } from '../store/claim-view.js';
import { findFiledClaim, type ClaimReadDeps } from '../store/claims-store.js';
import type { AskPeersDeps } from '../usecases/ask-peers.js';
import { fileClaim, type FileClaimDeps } from '../usecases/file-claim.js';
import { requireClient } from '../usecases/require-client.js';
import { resolveWaybill } from '../usecases/resolve-waybill.js';

export interface FileClaimHandlerDeps extends FileClaimDeps, AskPeersDeps, ClaimReadDeps {
  /** CLAIMS_CURRENCY: for a filing that names none. */
  currency: keyof typeof CURRENCY_MINOR_DIGITS;
}

/**
 * `claims.file` (S1-03): an active client's claim about one of their waybills (or one made
 * outside the bot), with up to 10 files; answered at once, the files are copied afterwards.
 * A repeat of the same filing answers the claim it made without asking anyone again.
 */
export function fileClaimHandler(deps: FileClaimHandlerDeps): RequestHandler<Messages, 'claims.file'> {
  return async (request) => {
    const { clientId, requestId, waybillNumber, email, description, amount, currency, files } = request.data;
    if (!mayFileFor(request.actor, clientId))
      throw new DomainError('forbidden', 'a client files claims for themselves only', { clientId });
    const earlier = await findFiledClaim(deps.db, clientId, requestId);
    if (earlier) return loadClaim(deps.db, earlier);
    const client = await requireClient(deps, clientId);
    const waybill = await resolveWaybill(deps, clientId, waybillNumber);
    return fileClaim(deps, request, {
      requestId,
      client,
      waybill,
      email,
      description,
      amount,
      currency: currency ?? deps.currency,
      files: distinctFiles(files),
    });
  };
}
