import type { Messages } from '@fieldgram/contracts';
import type { RequestHandler, UnitOfWork } from '@fieldgram/platform';
import { actorId } from '../domain/requester.js';
import type { BotLinks } from '../links/bot-links.js';
import { insertLink } from '../store/links-store.js';
import { requireUser } from '../usecases/require-user.js';

/**
 * `identity.create-telegram-link` (S2-01, S2-02): a one-time token that attaches a Telegram account
 * to an existing person when opened in the bot; expires after TELEGRAM_LINK_TTL_HOURS (24 h).
 */
export function createTelegramLinkHandler({
  uow,
  links,
  linkTtlHours,
}: {
  uow: UnitOfWork<Messages>;
  links: Pick<BotLinks, 'link'>;
  /** TELEGRAM_LINK_TTL_HOURS. */
  linkTtlHours: number;
}): RequestHandler<Messages, 'identity.create-telegram-link'> {
  return async (request) => {
    const { row, token } = await uow.run(async ({ trx }) => {
      const user = await requireUser(trx, request.data.userId, 'update');
      return insertLink(trx, {
        userId: user.id,
        ttlHours: linkTtlHours,
        createdBy: actorId(request),
      });
    }, request);
    return { token, link: await links.link('link', token), expiresAt: row.expires_at.toISOString() };
  };
}
