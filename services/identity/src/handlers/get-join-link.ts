import type { Messages } from '@fieldgram/contracts';
import type { RequestHandler, UnitOfWork } from '@fieldgram/platform';
import { actorId } from '../domain/requester.js';
import type { BotLinks } from '../links/bot-links.js';
import { findStandingInvite, insertStandingInvite } from '../store/invites-store.js';
import type { PeopleReadDeps } from '../store/users-store.js';

/**
 * `identity.get-join-link`: the standing multi-use, never-expiring invite of a role — the
 * technicians' join link of S0-02. Made on the first ask (once, even when asked concurrently).
 */
export function getJoinLinkHandler({
  db,
  uow,
  links,
}: PeopleReadDeps & {
  uow: UnitOfWork<Messages>;
  links: Pick<BotLinks, 'link'>;
}): RequestHandler<Messages, 'identity.get-join-link'> {
  return async (request) => {
    const { role } = request.data;
    const invite =
      (await findStandingInvite(db, role)) ??
      (await uow.run(async ({ trx, emit }) => {
        const created = await insertStandingInvite(trx, role, actorId(request));
        if (!created) return (await findStandingInvite(trx, role))!;
        await emit(
          'invite.created',
          { inviteId: created.id, role, maxUses: null, expiresAt: null },
          { partitionKey: `invite:${created.id}` },
        );
        return created;
      }, request));
    return { token: invite.token, link: await links.link('invite', invite.token), expiresAt: null };
  };
}
