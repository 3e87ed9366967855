import type { Messages } from '@fieldgram/contracts';
import { DomainError, type RequestHandler, type UnitOfWork } from '@fieldgram/platform';
import { userPartition } from '../events/user-event-fields.js';
import { toUser, updateUserRow } from '../store/users-store.js';
import { requireUser } from '../usecases/require-user.js';

/**
 * `identity.disconnect-telegram` (S2-01, S2-02): the person keeps everything but their Telegram
 * account (and its @username); emits `user.telegram-unlinked`.
 */
export function disconnectTelegramHandler({
  uow,
}: {
  uow: UnitOfWork<Messages>;
}): RequestHandler<Messages, 'identity.disconnect-telegram'> {
  return (request) =>
    uow.run(async ({ trx, emit }) => {
      const row = await requireUser(trx, request.data.userId, 'update');
      if (row.telegram_id === null)
        throw new DomainError('conflict', 'not connected: this person has no Telegram account linked', {
          userId: row.id,
        });
      const user = toUser(await updateUserRow(trx, row.id, { telegram_id: null, username: null }));
      await emit(
        'user.telegram-unlinked',
        { userId: user.id, telegramId: Number(row.telegram_id), name: user.name },
        userPartition(user.id),
      );
      return user;
    }, request);
}
