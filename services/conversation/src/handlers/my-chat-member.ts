import type { UpdateHandler } from './turn.js';

/**
 * The user blocked (`kicked`) or restarted the bot. Nothing is said — a blocked bot cannot, and
 * a restart comes with its own `/start`, which must decide the role (an invite) rather than a
 * registration here. Blocking ends the chat's session.
 */
export const handleMyChatMember: UpdateHandler<'tg.in.my_chat_member'> = (turn) => {
  if (turn.update.data.newStatus === 'kicked') turn.endSession = true;
  return Promise.resolve([]);
};
