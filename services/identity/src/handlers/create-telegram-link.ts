import type { Messages } from '@fieldgram/contracts';
import type { QueryHandler } from '@fieldgram/platform';
import { insertLink } from '../store/links-store.js';
import { actorId, requireUser, type IdentityContext } from './context.js';

/**
 * `identity.create-telegram-link` (S2-01, S2-02): a one-time token that attaches a Telegram account
 * to an existing person when opened in the bot; expires after TELEGRAM_LINK_TTL_HOURS (24 h).
 */
export function createTelegramLinkHandler({
  runtime,
  links,
  env,
}: IdentityContext): QueryHandler<Messages, 'identity.create-telegram-link'> {
  return async (request) => {
    const { row, token } = await runtime.uow.run(async ({ trx }) => {
      const user = await requireUser(trx, request.data.userId, 'update');
      return insertLink(trx, {
        userId: user.id,
        ttlHours: env.TELEGRAM_LINK_TTL_HOURS,
        createdBy: actorId(request),
      });
    }, request);
    return { token, link: await links.link('link', token), expiresAt: row.expires_at.toISOString() };
  };
}
