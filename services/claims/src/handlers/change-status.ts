import type { Messages } from '@fieldgram/contracts';
import type { RequestHandler } from '@fieldgram/platform';
import { changeClaimStatus, type ChangeClaimStatusDeps } from '../usecases/change-claim-status.js';

/**
 * `claims.change-status` (S1-06): `new → in_review → resolved | rejected` (or decided at once),
 * with a comment; the claim's manager or an admin only. Emits `claim.status-changed`.
 */
export function changeStatusHandler(
  deps: ChangeClaimStatusDeps,
): RequestHandler<Messages, 'claims.change-status'> {
  return (request) => changeClaimStatus(deps, request, request.data);
}
