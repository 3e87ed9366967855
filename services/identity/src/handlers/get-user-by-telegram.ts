import type { Messages } from '@fieldgram/contracts';
import type { RequestHandler } from '@fieldgram/platform';
import { findUserByTelegramId, toUser, type PeopleReadDeps } from '../store/users-store.js';

/** `identity.get-user-by-telegram`: the person behind a Telegram account, or null. */
export function getUserByTelegramHandler({
  db,
}: PeopleReadDeps): RequestHandler<Messages, 'identity.get-user-by-telegram'> {
  return async (request) => {
    const row = await findUserByTelegramId(db, request.data.telegramId);
    return { user: row ? toUser(row) : null };
  };
}
