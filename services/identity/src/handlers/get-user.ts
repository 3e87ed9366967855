import type { Messages } from '@fieldgram/contracts';
import type { RequestHandler } from '@fieldgram/platform';
import { toUser, type PeopleReadDeps } from '../store/users-store.js';
import { requireUser } from '../usecases/require-user.js';

/** `identity.get-user`: an unknown id is not_found. */
export function getUserHandler({ db }: PeopleReadDeps): RequestHandler<Messages, 'identity.get-user'> {
  return async (request) => toUser(await requireUser(db, request.data.userId));
}
