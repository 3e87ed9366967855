import { botUserJson, chatJson, type ChatRecord } from '../state/directory.js';
import type { TelegramInlineKeyboardMarkup, TelegramMessage } from '../telegram-types.js';
import { BotApiError, ErrorText } from './bot-api-error.js';
import { chatIdOf } from './chat-access.js';
import type { MethodContext } from './method.js';
import type { InlineButtonParam, ReplyMarkupParam } from './params.js';

/** What a message carries, apart from who, where and when. */
export type MessageContent = Omit<
  TelegramMessage,
  'message_id' | 'from' | 'chat' | 'date' | 'reply_to_message' | 'reply_markup'
>;

export interface ReplyTarget {
  message_id: number;
  allow_sending_without_reply?: boolean | undefined;
}

export interface PostOptions {
  method: string;
  params: Record<string, unknown>;
  replyTo?: ReplyTarget | undefined;
  replyMarkup?: ReplyMarkupParam | undefined;
}

export const MAX_TEXT_LENGTH = 4096;
export const MAX_CAPTION_LENGTH = 1024;

/** Adds a message from the bot to the chat, logs it, and returns it as Telegram would. */
export function postBotMessage(
  context: MethodContext,
  chat: ChatRecord,
  content: MessageContent,
  options: PostOptions,
): TelegramMessage {
  const chatId = chatIdOf(chat);
  const history = context.core.chats.history(context.bot.id, chatId);
  const replied =
    options.replyTo === undefined ? undefined : history.messages.get(options.replyTo.message_id);
  if (
    options.replyTo !== undefined &&
    replied === undefined &&
    options.replyTo.allow_sending_without_reply !== true
  ) {
    throw new BotApiError(400, ErrorText.replyNotFound);
  }
  const inlineKeyboard = inlineKeyboardOf(options.replyMarkup);
  const message: TelegramMessage = {
    message_id: history.allocateMessageId(),
    from: botUserJson(context.bot),
    chat: chatJson(chat),
    date: unixTime(context.core.now()),
    ...content,
    ...(replied !== undefined && { reply_to_message: withoutReply(replied) }),
    ...(inlineKeyboard !== undefined && { reply_markup: inlineKeyboard }),
  };
  history.messages.set(message.message_id, message);
  const markup = options.replyMarkup;
  if (markup !== undefined && 'keyboard' in markup) history.replyKeyboard = markup;
  if (markup !== undefined && 'remove_keyboard' in markup) history.replyKeyboard = undefined;
  context.core.chats.record(context.bot.id, chatId, {
    method: options.method,
    kind: 'message',
    messageId: message.message_id,
    message,
    params: options.params,
  });
  return message;
}

/** A message the bot sent in the chat, for editing; 400 with `notFound` otherwise. */
export function editableMessage(context: MethodContext, chatId: number, messageId: number): TelegramMessage {
  const message = context.core.chats.history(context.bot.id, chatId).messages.get(messageId);
  if (message === undefined) throw new BotApiError(400, ErrorText.messageToEditNotFound);
  if (message.from?.id !== context.bot.id) throw new BotApiError(400, ErrorText.messageCantBeEdited);
  return message;
}

/** Checks what Telegram checks in an inline keyboard before accepting it. */
export function validateReplyMarkup(markup: ReplyMarkupParam | undefined): void {
  if (markup === undefined || !('inline_keyboard' in markup)) return;
  for (const row of markup.inline_keyboard) for (const button of row) validateInlineButton(button);
}

function validateInlineButton(button: InlineButtonParam): void {
  const actions = [
    button.callback_data,
    button.url,
    button.web_app,
    button.login_url,
    button.switch_inline_query,
    button.switch_inline_query_current_chat,
    button.copy_text,
    button.callback_game,
    button.pay,
  ].filter((action) => action !== undefined);
  if (actions.length === 0) throw new BotApiError(400, ErrorText.textButtonInInlineKeyboard);
  if (button.callback_data !== undefined) {
    const bytes = Buffer.byteLength(button.callback_data, 'utf8');
    if (bytes < 1 || bytes > 64) throw new BotApiError(400, ErrorText.buttonDataInvalid);
  }
  if (button.url !== undefined && !/^(https?|tg):\/\/\S+$/i.test(button.url)) {
    throw new BotApiError(400, ErrorText.buttonUrlInvalid);
  }
}

export function inlineKeyboardOf(
  markup: ReplyMarkupParam | undefined,
): TelegramInlineKeyboardMarkup | undefined {
  if (markup === undefined || !('inline_keyboard' in markup) || markup.inline_keyboard.length === 0)
    return undefined;
  return markup;
}

export function unixTime(epochMs: number): number {
  return Math.floor(epochMs / 1000);
}

/** A replied-to message is shown one level deep, as in Telegram. */
export function withoutReply(message: TelegramMessage): TelegramMessage {
  const { reply_to_message: _nested, ...rest } = message;
  return rest;
}

/** reply_parameters, or the older reply_to_message_id + allow_sending_without_reply. */
export function replyTargetOf(params: {
  reply_parameters?: { message_id: number; allow_sending_without_reply?: boolean | undefined } | undefined;
  reply_to_message_id?: number | undefined;
  allow_sending_without_reply?: boolean | undefined;
}): ReplyTarget | undefined {
  if (params.reply_parameters !== undefined) return params.reply_parameters;
  if (params.reply_to_message_id === undefined) return undefined;
  return {
    message_id: params.reply_to_message_id,
    allow_sending_without_reply: params.allow_sending_without_reply,
  };
}
