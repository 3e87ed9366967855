import type { Messages } from '@fieldgram/contracts';
import type { QueryHandler } from '@fieldgram/platform';
import { insertInvite } from '../store/invites-store.js';
import { actorId, type IdentityContext } from './context.js';

/** `identity.create-invite`: a deep-link invite that decides the role on joining (S0-02). */
export function createInviteHandler({
  runtime,
  links,
}: IdentityContext): QueryHandler<Messages, 'identity.create-invite'> {
  return async (request) => {
    const { role, maxUses, expiresInHours } = request.data;
    const invite = await runtime.uow.run(async ({ trx, emit }) => {
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
