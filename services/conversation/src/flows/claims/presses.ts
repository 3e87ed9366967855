import { CLAIM_BUTTONS, isClaimFilter } from '@fieldgram/bot-ui';
import { staleButtonAnswer } from '../../views/replies.js';
import type { CallbackRoute } from '../flow.js';
import { listStateOf } from './list-state.js';
import { askForComment, cancelComment, openClaim } from './manager-claim.js';
import { withFilter, type ClaimList } from './manager-list.js';
import type { ClaimsPort } from './port.js';

/**
 * The manager's `cl:` buttons (S1-06): open a claim, filter or clear the list, move a claim (the
 * comment first), cancel the comment. Only managers press them; anyone else's press is stale.
 */
export function claimPresses(claims: ClaimsPort, list: ClaimList): CallbackRoute {
  return async (turn, user) => {
    const button = CLAIM_BUTTONS.parse(turn.update.data.data);
    const stale = [staleButtonAnswer(turn.update.data.callbackQueryId, turn.lang)];
    if (!button || user.role !== 'manager') return stale;
    switch (button.action) {
      case 'open': {
        const page = Number(button.arg ?? 1);
        return Number.isInteger(page) && page >= 1 ? openClaim(claims, turn, user, button.id, page) : stale;
      }
      case 'filter':
        return isClaimFilter(button.id)
          ? list.show(turn, user, 1, withFilter(listStateOf(turn.session), button.id))
          : stale;
      case 'clear':
        return isClaimFilter(button.id) ? list.show(turn, user, 1, { filter: button.id }) : stale;
      case 'review':
      case 'resolve':
      case 'reject':
        return askForComment(claims, turn, user, button.id, button.action);
      case 'cancel':
        return cancelComment(turn, button.id);
    }
  };
}
