import type { MenuAction, Role } from '@fieldgram/bot-ui';
import type { User } from '@fieldgram/contracts';
import type { Outgoing } from '../core/outgoing.js';
import type { Turn } from '../handlers/turn.js';
import { menuActionReply, staleButtonAnswer } from '../views/replies.js';
import type { MenuRoute, PageRoute } from './flow.js';

export type ShowPage = (
  turn: Turn<'tg.in.message' | 'tg.in.callback'>,
  user: User,
  page: number,
) => Promise<Outgoing[]>;

/**
 * A role's paged list: its main-menu button shows page 1 and the pager's buttons the others.
 * Another role's menu button says it is not there yet; another role's page press is stale.
 */
export function pagedList(
  role: Role,
  action: MenuAction,
  show: ShowPage,
): { menu: MenuRoute; page: PageRoute } {
  return {
    menu: async (turn, user) =>
      user.role === role ? show(turn, user, 1) : [menuActionReply(user, action, turn.lang)],
    page: async (turn, user, page) =>
      user.role === role
        ? show(turn, user, page)
        : [staleButtonAnswer(turn.update.data.callbackQueryId, turn.lang)],
  };
}
