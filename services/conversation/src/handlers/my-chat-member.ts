import { leaveDialog } from './dialog.js';
import type { UpdateHandler } from './turn.js';

/**
 * The user blocked (`kicked`) or restarted the bot. Nothing is said — a blocked bot cannot, and
 * a restart comes with its own `/start`, which must decide the role (an invite) rather than a
 * registration here. Blocking ends the chat's session (a wizard in it counts as left unfinished).
 */
export const handleMyChatMember: UpdateHandler<'tg.in.my_chat_member'> = async (turn) => {
  if (turn.update.data.newStatus === 'kicked') {
    await leaveDialog(turn, 'blocked');
    turn.endSession = true;
  }
  return [];
};
