import { z } from 'zod';

/**
 * The part of Telegram's Update we read (https://core.telegram.org/bots/api#update). Unknown
 * fields pass through unread; an update that does not fit is ignored, never a crash.
 */
const User = z.object({
  id: z.number().int(),
  is_bot: z.boolean().optional(),
  first_name: z.string(),
  last_name: z.string().optional(),
  username: z.string().optional(),
  language_code: z.string().optional(),
});
const Chat = z.object({
  id: z.number().int(),
  type: z.enum(['private', 'group', 'supergroup', 'channel']),
  title: z.string().optional(),
});
const FileFields = {
  file_id: z.string().min(1),
  file_unique_id: z.string().min(1),
  file_size: z.number().int().optional(),
};
const Document = z.object({
  ...FileFields,
  file_name: z.string().optional(),
  mime_type: z.string().optional(),
});
const Entity = z.object({ type: z.string(), offset: z.number().int(), length: z.number().int() });
export const TelegramMessageSchema = z.object({
  message_id: z.number().int(),
  date: z.number().int(),
  chat: Chat,
  from: User.optional(),
  text: z.string().optional(),
  entities: z.array(Entity).optional(),
  caption: z.string().optional(),
  media_group_id: z.string().optional(),
  reply_to_message: z.object({ message_id: z.number().int() }).optional(),
  contact: z.object({ phone_number: z.string().min(1), user_id: z.number().int().optional() }).optional(),
  photo: z
    .array(z.object({ ...FileFields, width: z.number(), height: z.number() }))
    .min(1)
    .optional(),
  document: Document.optional(),
  voice: Document.optional(),
  video: Document.optional(),
  audio: Document.optional(),
  video_note: Document.optional(),
  animation: Document.optional(),
  sticker: Document.optional(),
});
export type TelegramMessage = z.infer<typeof TelegramMessageSchema>;

const ChatMember = z.object({ status: z.string() });
export const TelegramUpdateSchema = z.object({
  update_id: z.number().int().nonnegative(),
  message: TelegramMessageSchema.optional(),
  callback_query: z
    .object({
      id: z.string().min(1),
      from: User,
      message: TelegramMessageSchema.optional(),
      data: z.string().max(64).optional(),
    })
    .optional(),
  my_chat_member: z
    .object({
      chat: Chat,
      from: User,
      date: z.number().int(),
      old_chat_member: ChatMember,
      new_chat_member: ChatMember,
    })
    .optional(),
});
export type TelegramUpdate = z.infer<typeof TelegramUpdateSchema>;
export type TelegramUser = z.infer<typeof User>;
