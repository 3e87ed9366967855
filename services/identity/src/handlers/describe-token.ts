import type { Messages, ResultOf } from '@fieldgram/contracts';
import { DomainError, type RequestHandler } from '@fieldgram/platform';
import { inviteIsValid } from '../domain/registration.js';
import { tokenCandidates } from '../domain/tokens.js';
import { findInviteByToken } from '../store/invites-store.js';
import { databaseNow, findLinkByToken } from '../store/links-store.js';
import type { BotLinks } from '../links/bot-links.js';
import type { PeopleReadDeps } from '../store/users-store.js';

type Description = ResultOf<Messages, 'identity.describe-token'>;

/**
 * `identity.describe-token`: what a deep-link token is, for its QR code and status page. Takes the
 * bare token or its `i_`/`l_` payload; an unknown token is not_found.
 */
export function describeTokenHandler({
  db,
  links,
}: PeopleReadDeps & { links: Pick<BotLinks, 'link'> }): RequestHandler<Messages, 'identity.describe-token'> {
  return async (request) => {
    const now = await databaseNow(db);
    for (const { kind, token } of tokenCandidates(request.data.token)) {
      let description: Omit<Description, 'link'> | undefined;
      if (kind === 'invite') {
        const invite = await findInviteByToken(db, token);
        if (invite)
          description = {
            kind: 'invite',
            role: invite.role,
            userId: null,
            expiresAt: invite.expires_at?.toISOString() ?? null,
            valid: inviteIsValid(
              { maxUses: invite.max_uses, uses: invite.uses, expiresAt: invite.expires_at },
              now,
            ),
          };
      } else {
        const link = await findLinkByToken(db, token);
        if (link)
          description = {
            kind: 'telegram-link',
            role: null,
            userId: link.user_id,
            expiresAt: link.expires_at.toISOString(),
            valid: link.used_at === null && link.expires_at > now,
          };
      }
      if (description) return { ...description, link: await links.link(kind, token) };
    }
    throw new DomainError('not_found', 'unknown token', { field: 'token' });
  };
}
