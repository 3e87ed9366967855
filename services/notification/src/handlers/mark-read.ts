import { DomainError, type RequestHandler, type ServiceRuntime } from '@fieldgram/platform';
import type { Messages } from '@fieldgram/contracts';
import { isUuid } from '../domain/delivery-keys.js';
import { markRead } from '../store/feed-store.js';

/** `notification.mark-read`: one of the recipient's items → read; anyone else's is not_found. */
export function markReadHandler(
  runtime: ServiceRuntime<Messages>,
): RequestHandler<Messages, 'notification.mark-read'> {
  return async (request) => {
    const { recipientId, id } = request.data;
    const item = isUuid(id) ? await markRead(runtime.db.knex, recipientId, id) : undefined;
    if (!item) throw new DomainError('not_found', `notification ${id} not found`);
    return item;
  };
}
