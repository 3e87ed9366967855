import type { Messages } from '@fieldgram/contracts';
import type { RequestHandler, UnitOfWork } from '@fieldgram/platform';
import { actorId } from '../domain/requester.js';
import type { BotLinks } from '../links/bot-links.js';
import { insertInvite } from '../store/invites-store.js';

/** `identity.create-invite`: a deep-link invite that decides the role on joining (S0-02). */
export function createInviteHandler({
  uow,
  links,
}: {
  uow: UnitOfWork<Messages>;
  links: Pick<BotLinks, 'link'>;
}): RequestHandler<Messages, 'identity.create-invite'> {
  return async (request) => {
    const { role, maxUses, expiresInHours } = request.data;
    const invite = await uow.run(async ({ trx, emit }) => {
      const row = await insertInvite(trx, {
        role,
        maxUses: maxUses ?? null,
        expiresInHours: expiresInHours ?? null,
        createdBy: actorId(request),
      });
      await emit(
        'invite.created',
        {
          inviteId: row.id,
          role: row.role,
          maxUses: row.max_uses,
          expiresAt: row.expires_at?.toISOString() ?? null,
        },
        { partitionKey: `invite:${row.id}` },
      );
      return row;
    }, request);
    return {
      token: invite.token,
      link: await links.link('invite', invite.token),
      expiresAt: invite.expires_at?.toISOString() ?? null,
      maxUses: invite.max_uses,
      role: invite.role,
    };
  };
}
