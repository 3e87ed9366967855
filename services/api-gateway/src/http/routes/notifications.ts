import { z } from 'zod';
import { defineRoute, json, sse } from '../route.js';
import { HttpProblem } from '../problem.js';
import { TICKET_TTL_SECONDS } from '../../sse/stream-tickets.js';
import { MAX_STREAMS_PER_USER } from '../../sse/stream-hub.js';
import { EVERYONE, FeedItemView, IdParams, page, pageSize, queryBoolean } from './common.js';

const OWN = 'everyone sees and marks only their own feed';

/** Each person's feed (S0-13): stored by the notification service, live over SSE from here. */
export const notificationRoutes = [
  defineRoute({
    id: 'listNotifications',
    method: 'get',
    path: '/notifications',
    tag: 'notifications',
    summary: "The caller's notifications, newest first",
    access: { roles: EVERYONE, rule: OWN },
    query: z.object({ unread: queryBoolean.optional(), page, pageSize: pageSize(100, 20) }),
    response: json(
      z
        .object({
          items: z.array(FeedItemView),
          total: z.number().int(),
          unread: z.number().int().meta({ description: 'Unread items in the whole feed' }),
          page: z.number().int(),
        })
        .meta({ id: 'FeedPage' }),
      'One page of the feed',
    ),
    handler: (context) =>
      context.call('notification.list', { recipientId: context.caller().userId, ...context.query }),
  }),
  defineRoute({
    id: 'markNotificationRead',
    method: 'post',
    path: '/notifications/:id/read',
    tag: 'notifications',
    summary: "Mark one of the caller's notifications as read",
    access: { roles: EVERYONE, rule: OWN },
    params: IdParams,
    response: json(FeedItemView, 'The item, read'),
    errors: [404],
    handler: (context) =>
      context.call('notification.mark-read', { recipientId: context.caller().userId, id: context.params.id }),
  }),
  defineRoute({
    id: 'createStreamTicket',
    method: 'post',
    path: '/notifications/stream-ticket',
    tag: 'notifications',
    summary: 'A single-use ticket to open the live stream from a browser (EventSource sends no headers)',
    access: { roles: EVERYONE, rule: OWN },
    response: json(
      z.object({ ticket: z.string(), expiresInSeconds: z.number().int() }).meta({ id: 'StreamTicket' }),
      'Use it within 60 s: GET /notifications/stream?ticket=…',
      201,
    ),
    async handler(context) {
      const ticket = await context.gateway.tickets.issue(context.caller());
      return { ticket, expiresInSeconds: TICKET_TTL_SECONDS };
    },
  }),
  defineRoute({
    id: 'streamNotifications',
    method: 'get',
    path: '/notifications/stream',
    tag: 'notifications',
    summary: "The caller's notifications, live (Server-Sent Events)",
    description:
      'Authenticated by the Authorization header or by `?ticket=` (POST /notifications/stream-ticket). ' +
      'First an `unread` event (`{"unread": n}`), then an `event: notification` with a FeedItem as data ' +
      `for each new item, and a comment line every 15 s. At most ${MAX_STREAMS_PER_USER} streams per person.`,
    access: { roles: EVERYONE, rule: OWN, ticket: true },
    query: z.object({ ticket: z.string().max(200).optional().meta({ description: 'A stream ticket' }) }),
    response: sse('An event stream (text/event-stream)'),
    errors: [429],
    async handler(context) {
      const caller = context.caller();
      const { hub, logger } = context.gateway;
      if (hub.count(caller.userId) >= MAX_STREAMS_PER_USER) {
        throw new HttpProblem('rate-limited', `At most ${MAX_STREAMS_PER_USER} open streams per person.`, {
          retryAfterSeconds: 30,
        });
      }
      const stream = hub.open(caller.userId, context.response);
      try {
        const { unread } = await context.call('notification.list', {
          recipientId: caller.userId,
          unread: true,
          pageSize: 1,
        });
        hub.send(stream, 'unread', { unread });
      } catch (error) {
        // The stream is useful without the count: new items still arrive.
        logger.warn({ err: error }, 'could not count unread notifications for a new stream');
      }
    },
  }),
];
