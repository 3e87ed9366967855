import type { Messages } from '@fieldgram/contracts';
import type { RequestHandler } from '@fieldgram/platform';
import { listUserRows, toUser, type PeopleReadDeps } from '../store/users-store.js';

/**
 * `identity.list-users`: filtered by role, active, a manager's clients, what a manager may see and a
 * search text; newest first, paged.
 */
export function listUsersHandler({ db }: PeopleReadDeps): RequestHandler<Messages, 'identity.list-users'> {
  return async (request) => {
    const { page, pageSize } = request.data;
    const { rows, total } = await listUserRows(db, request.data);
    return { items: rows.map(toUser), total, page, pageSize };
  };
}
