import { PAGE_SIZE, isClaimFilter, type ClaimFilter } from '@fieldgram/bot-ui';
import type { User } from '@fieldgram/contracts';
import type { Outgoing } from '../../core/outgoing.js';
import { startPrompt } from '../../handlers/dialog.js';
import type { InboundType, Turn } from '../../handlers/turn.js';
import { menuActionReply, staleButtonAnswer } from '../../views/replies.js';
import type { MenuRoute, PageRoute, PromptRoute } from '../flow.js';
import { listStateOf, searchOf, searchPrompt, type ListState } from './list-state.js';
import { claimListReply, refusalText } from './manager-views.js';
import type { ClaimsPort } from './port.js';

/**
 * The manager's "📑 Claims" (S1-06): the claims of their own clients (the claims service is asked
 * for the presser's, as them), newest first, 10 a page, by status, searched by what they type
 * while the list is open. Only managers have it.
 */
export interface ClaimList {
  menu: MenuRoute;
  page: PageRoute;
  /** The search prompt: a text typed while the list is open. */
  search: PromptRoute;
  /** A page of the list for a filter (and the search kept, or not). */
  show(turn: Turn<InboundType>, user: User, page: number, state: ListState): Promise<Outgoing[]>;
}

export function claimList(claims: ClaimsPort): ClaimList {
  const show: ClaimList['show'] = async (turn, user, page, state) => {
    const listed = await claims.list(
      {
        managerId: user.id,
        ...(state.filter !== 'all' ? { status: state.filter } : {}),
        ...(state.q !== undefined ? { q: state.q } : {}),
        page,
        pageSize: PAGE_SIZE,
      },
      user,
      turn.update,
    );
    // The list is open: the chat's next text searches it.
    await startPrompt(turn, searchPrompt(state));
    if (!listed.ok) return [{ kind: 'message', text: refusalText(listed.refusal, turn.lang) }];
    return [claimListReply(listed.value, state, turn.lang)];
  };
  return {
    show,
    menu: async (turn, user) =>
      user.role === 'manager'
        ? show(turn, user, 1, { filter: 'all' })
        : [menuActionReply(user, 'claims', turn.lang)],
    page: async (turn, user, page, arg) => {
      if (user.role !== 'manager' || !isClaimFilter(arg))
        return [staleButtonAnswer(turn.update.data.callbackQueryId, turn.lang)];
      return show(turn, user, page, withFilter(listStateOf(turn.session), arg));
    },
    search: async (turn, user) => {
      const { filter } = listStateOf(turn.session);
      const q = searchOf(turn.update.data.text);
      return show(turn, user, 1, q ? { filter, q } : { filter });
    },
  };
}

/** The list state with another filter, the search kept. */
export function withFilter(state: ListState, filter: ClaimFilter): ListState {
  return state.q !== undefined ? { filter, q: state.q } : { filter };
}
