import type { RequestHandler, ServiceRuntime } from '@fieldgram/platform';
import type { Messages } from '@fieldgram/contracts';
import { listFeed } from '../store/feed-store.js';

/** `notification.list`: a person's feed, newest first, with their unread count. */
export function listNotificationsHandler(
  runtime: ServiceRuntime<Messages>,
): RequestHandler<Messages, 'notification.list'> {
  return async (request) => {
    const { recipientId, unread, page, pageSize } = request.data;
    const result = await listFeed(runtime.db.knex, {
      recipientId,
      page,
      pageSize,
      ...(unread !== undefined ? { unread } : {}),
    });
    return { ...result, page };
  };
}
