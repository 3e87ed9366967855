import { z } from 'zod';

/** The body of a reply on direct reply-to: the result, or an error the caller can act on. */
export const ReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  }),
]);
export type Reply = z.infer<typeof ReplySchema>;

export const DIRECT_REPLY_TO = 'amq.rabbitmq.reply-to';

/** The service that owns a message type: `identity.get-user` → `identity`. */
export function targetOf(type: string): string {
  return type.split('.')[0] ?? type;
}
