import type { Messages } from '@fieldgram/contracts';
import type { QueryHandler } from '@fieldgram/platform';
import { listUserRows, toUser } from '../store/users-store.js';
import type { IdentityContext } from './context.js';

/** `identity.list-users`: filtered by role, active and a search text; newest first, paged. */
export function listUsersHandler({
  runtime,
}: IdentityContext): QueryHandler<Messages, 'identity.list-users'> {
  return async (request) => {
    const { page, pageSize } = request.data;
    const { rows, total } = await listUserRows(runtime.db.knex, request.data);
    return { items: rows.map(toUser), total, page, pageSize };
  };
}
