import { z } from 'zod';
import { command, event, query } from '../registry.js';

/** A button on a feed item: what the admin can do next (S0-05 "review/edit"). */
export const FeedActionSchema = z.object({
  label: z.string(),
  /** A REST resource the console opens or acts on, e.g. `/api/v1/users/<id>`. */
  href: z.string(),
});

/** One item of a person's feed (S0-13: text + sound). */
export const FeedItemSchema = z.object({
  id: z.string(),
  recipientId: z.string(),
  /** The event that caused it (`user.registered`). */
  type: z.string(),
  /** What it is about (`user:<id>`, `task:<id>`). */
  subject: z.string().nullable(),
  text: z.string(),
  sound: z.boolean(),
  actions: z.array(FeedActionSchema),
  read: z.boolean(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type FeedItem = z.infer<typeof FeedItemSchema>;

export const notificationMessages = {
  'notification.list': query(
    z.object({
      recipientId: z.string(),
      unread: z.boolean().optional(),
      page: z.number().int().min(1).default(1),
      pageSize: z.number().int().min(1).max(100).default(20),
    }),
    z.object({
      items: z.array(FeedItemSchema),
      total: z.number().int(),
      unread: z.number().int(),
      page: z.number().int(),
    }),
  ),
  'notification.mark-read': command(z.object({ recipientId: z.string(), id: z.string() }), FeedItemSchema),
  /** A feed item was stored; the api-gateway pushes it to the recipient's live streams (SSE). */
  'notification.created': event(FeedItemSchema),
} as const;
