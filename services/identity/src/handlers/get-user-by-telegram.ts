import type { Messages } from '@fieldgram/contracts';
import type { QueryHandler } from '@fieldgram/platform';
import { findUserByTelegramId, toUser } from '../store/users-store.js';
import type { IdentityContext } from './context.js';

/** `identity.get-user-by-telegram`: the person behind a Telegram account, or null. */
export function getUserByTelegramHandler({
  runtime,
}: IdentityContext): QueryHandler<Messages, 'identity.get-user-by-telegram'> {
  return async (request) => {
    const row = await findUserByTelegramId(runtime.db.knex, request.data.telegramId);
    return { user: row ? toUser(row) : null };
  };
}
