import { z } from 'zod';
import { telegram } from '../registry.js';

/**
 * Telegram traffic, normalized by bot-gateway (DESIGN §1). Only the gateway, conversation and
 * notification see these; domain services never do. Ids are numbers as in the Bot API
 * (chat ids exceed 2^31 but stay below 2^53).
 */
export const TgUserSchema = z.object({
  id: z.number().int(),
  isBot: z.boolean().default(false),
  firstName: z.string(),
  lastName: z.string().optional(),
  username: z.string().optional(),
  languageCode: z.string().optional(),
});
export const TgChatSchema = z.object({
  id: z.number().int(),
  type: z.enum(['private', 'group', 'supergroup', 'channel']),
  title: z.string().optional(),
});
const inbound = {
  updateId: z.number().int().nonnegative(),
  chat: TgChatSchema,
  from: TgUserSchema,
  date: z.number().int(),
};
export const TgFileSchema = z.object({
  kind: z.enum(['photo', 'document', 'voice', 'video', 'audio', 'video_note', 'animation', 'sticker']),
  fileId: z.string().min(1),
  fileUniqueId: z.string().min(1),
  fileName: z.string().optional(),
  mimeType: z.string().optional(),
  fileSize: z.number().int().nonnegative().optional(),
});

export const TgOutMethodSchema = z.enum([
  'sendMessage',
  'editMessageText',
  'editMessageReplyMarkup',
  'editMessageCaption',
  'deleteMessage',
  'sendPhoto',
  'sendDocument',
  'sendVoice',
  'sendVideo',
  'sendMediaGroup',
  'copyMessage',
  'forwardMessage',
  'pinChatMessage',
  'unpinChatMessage',
  'answerCallbackQuery',
  'sendChatAction',
]);
export type TgOutMethod = z.infer<typeof TgOutMethodSchema>;

export const telegramMessages = {
  'tg.in.message': telegram.in(
    z.object({
      ...inbound,
      messageId: z.number().int(),
      text: z.string(),
      replyToMessageId: z.number().int().optional(),
    }),
  ),
  'tg.in.command': telegram.in(
    z.object({ ...inbound, messageId: z.number().int(), command: z.string().min(1), payload: z.string() }),
  ),
  'tg.in.callback': telegram.in(
    z.object({
      ...inbound,
      callbackQueryId: z.string().min(1),
      messageId: z.number().int().optional(),
      data: z.string().max(64),
    }),
  ),
  'tg.in.contact': telegram.in(
    z.object({
      ...inbound,
      messageId: z.number().int(),
      phoneNumber: z.string().min(1),
      contactUserId: z.number().int().optional(),
    }),
  ),
  'tg.in.media': telegram.in(
    z.object({
      ...inbound,
      messageIds: z.array(z.number().int()).min(1),
      mediaGroupId: z.string().optional(),
      caption: z.string().optional(),
      files: z.array(TgFileSchema).min(1),
    }),
  ),
  'tg.in.my_chat_member': telegram.in(z.object({ ...inbound, oldStatus: z.string(), newStatus: z.string() })),
  /** One Bot API call for the gateway to make, paced under the flood limits. */
  'tg.out': telegram.out(
    z.object({
      /** A redelivered command with a known idempotency key is not sent twice. */
      idempotencyKey: z.string().min(1).max(200),
      chatId: z.number().int(),
      method: TgOutMethodSchema,
      /**
       * Bot API parameters (snake_case, as Telegram takes them). A file parameter (photo,
       * document, voice, video, or media[].media) may be `{ storageKey }` — a file in object
       * storage, sent by its Telegram file_id once known — or a file_id string.
       */
      params: z.record(z.string(), z.unknown()),
      /**
       * Caller-chosen name of a message (`task:42:offer`). For a send, it names the result; for
       * an edit, delete, pin or unpin, it designates the message to act on.
       */
      messageKey: z.string().min(1).max(200).optional(),
      /**
       * The caller wants `tg.out.sent` when it went through (notification's delivery log).
       * Without it a send is only recorded, which keeps a plain reply's cost down (issue 15); a
       * refusal's `tg.out.failed` is always published.
       */
      reportSent: z.boolean().optional(),
    }),
  ),
  /** A `tg.out` command went through (asked for with `reportSent`); `messageId` is Telegram's (absent for non-message calls). */
  'tg.out.sent': telegram.in(
    z.object({
      idempotencyKey: z.string(),
      chatId: z.number().int(),
      method: z.string(),
      messageId: z.number().int().optional(),
      messageKey: z.string().optional(),
    }),
  ),
  /** A `tg.out` command was refused by Telegram for good (bad request, blocked, unknown message key). */
  'tg.out.failed': telegram.in(
    z.object({
      idempotencyKey: z.string(),
      chatId: z.number().int(),
      method: z.string(),
      errorCode: z.number().int(),
      description: z.string(),
    }),
  ),
  'tg.user.blocked': telegram.in(z.object({ chatId: z.number().int(), description: z.string() })),
} as const;
