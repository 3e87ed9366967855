import { z } from 'zod';
import { ErrorText } from './bot-api-error.js';

// Form fields and query strings carry everything as text; Telegram accepts numbers, booleans
// and JSON-serialized objects there, so every parameter schema first turns such text back.

const INTEGER_TEXT = /^-?\d+$/;

function fromIntegerText(value: unknown): unknown {
  return typeof value === 'string' && INTEGER_TEXT.test(value.trim()) ? Number(value) : value;
}

function fromBooleanText(value: unknown): unknown {
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0' || value === '') return false;
  return value;
}

function fromJsonText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

export const integer = z.preprocess(fromIntegerText, z.number().int());
export const integerBetween = (min: number, max: number) =>
  z.preprocess(fromIntegerText, z.number().int().min(min).max(max));
export const boolean = z.preprocess(fromBooleanText, z.boolean());
export const json = <Schema extends z.ZodType>(schema: Schema) => z.preprocess(fromJsonText, schema);

/** A chat id: an integer, or an @username (which the sandbox never finds). */
export const chatId = z.preprocess(fromIntegerText, z.union([z.number().int(), z.string().min(1)]));

export const parseMode = z.enum(['HTML', 'Markdown', 'MarkdownV2'], {
  error: (issue) => `unsupported parse_mode ${JSON.stringify(issue.input)}`,
});

const entity = z.object({
  type: z.string(),
  offset: z.number().int().nonnegative(),
  length: z.number().int().positive(),
  url: z.string().optional(),
  language: z.string().optional(),
  custom_emoji_id: z.string().optional(),
});
export const entities = json(z.array(entity));

const inlineButton = z.object({
  text: z.string(),
  callback_data: z.string().optional(),
  url: z.string().optional(),
  web_app: z.object({ url: z.string() }).optional(),
  login_url: z.object({ url: z.string() }).optional(),
  switch_inline_query: z.string().optional(),
  switch_inline_query_current_chat: z.string().optional(),
  copy_text: z.object({ text: z.string() }).optional(),
  callback_game: z.object({}).optional(),
  pay: z.boolean().optional(),
});
export type InlineButtonParam = z.output<typeof inlineButton>;

const inlineKeyboard = z.object({ inline_keyboard: z.array(z.array(inlineButton)) });

const keyboardButton = z.union([
  z.string().transform((text) => ({ text })),
  z.object({
    text: z.string(),
    request_contact: z.boolean().optional(),
    request_location: z.boolean().optional(),
  }),
]);

const replyKeyboard = z.object({
  keyboard: z.array(z.array(keyboardButton)),
  is_persistent: z.boolean().optional(),
  resize_keyboard: z.boolean().optional(),
  one_time_keyboard: z.boolean().optional(),
  input_field_placeholder: z.string().optional(),
  selective: z.boolean().optional(),
});

const replyKeyboardRemove = z.object({ remove_keyboard: z.literal(true), selective: z.boolean().optional() });

const forceReply = z.object({
  force_reply: z.literal(true),
  input_field_placeholder: z.string().optional(),
  selective: z.boolean().optional(),
});

export const replyMarkup = json(
  z.union([inlineKeyboard, replyKeyboard, replyKeyboardRemove, forceReply], {
    error: ErrorText.replyMarkupUnparsable,
  }),
);
export const inlineKeyboardMarkup = json(
  z.union([inlineKeyboard], { error: ErrorText.replyMarkupUnparsable }),
);
export type ReplyMarkupParam = z.output<typeof replyMarkup>;

export const replyParameters = json(
  z.object({
    message_id: integer,
    chat_id: chatId.optional(),
    allow_sending_without_reply: boolean.optional(),
    quote: z.string().optional(),
  }),
);

/** The parameters every send* method shares about where the message goes and what it answers. */
export const sendingParams = {
  chat_id: chatId,
  message_thread_id: integer.optional(),
  disable_notification: boolean.optional(),
  protect_content: boolean.optional(),
  reply_parameters: replyParameters.optional(),
  reply_to_message_id: integer.optional(),
  allow_sending_without_reply: boolean.optional(),
  reply_markup: replyMarkup.optional(),
};
