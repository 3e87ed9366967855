import type { Messages } from '@fieldgram/contracts';
import type { QueryHandler } from '@fieldgram/platform';
import { toUser } from '../store/users-store.js';
import { requireUser, type IdentityContext } from './context.js';

/** `identity.get-user`: an unknown id is not_found. */
export function getUserHandler({ runtime }: IdentityContext): QueryHandler<Messages, 'identity.get-user'> {
  return async (request) => toUser(await requireUser(runtime.db.knex, request.data.userId));
}
