import { z } from 'zod';
import type { TelegramMessage } from '../telegram-types.js';
import { BotApiError, ErrorText } from './bot-api-error.js';
import { editableMessage, unixTime, validateReplyMarkup } from './bot-messages.js';
import { chatIdOf, findChat } from './chat-access.js';
import { captionOf, messageText } from './message-text.js';
import { defineMethod, type BotMethod, type MethodContext } from './method.js';
import { chatId, entities, inlineKeyboardMarkup, integer, parseMode } from './params.js';

const messageRef = { chat_id: chatId, message_id: integer, inline_message_id: z.string().optional() };

const editMessageText = defineMethod(
  'editMessageText',
  z.object({
    ...messageRef,
    text: z.string({ error: ErrorText.textEmpty }),
    parse_mode: parseMode.optional(),
    entities: entities.optional(),
    reply_markup: inlineKeyboardMarkup.optional(),
  }),
  {
    countsTowardsFloodLimits: true,
    targetChat: (params) => params.chat_id,
    check: (params) => {
      messageText(params.text, params.parse_mode, params.entities);
      validateReplyMarkup(params.reply_markup);
    },
  },
  (context, params) => {
    const { chatId: id, message } = messageToEdit(context, params);
    if (message.text === undefined) throw new BotApiError(400, ErrorText.noTextToEdit);
    const formatted = messageText(params.text, params.parse_mode, params.entities);
    return applyEdit(
      context,
      id,
      message,
      { text: formatted.text, entities: formatted.entities },
      params,
      'editMessageText',
    );
  },
);

const editMessageCaption = defineMethod(
  'editMessageCaption',
  z.object({
    ...messageRef,
    caption: z.string().optional(),
    parse_mode: parseMode.optional(),
    caption_entities: entities.optional(),
    reply_markup: inlineKeyboardMarkup.optional(),
  }),
  {
    countsTowardsFloodLimits: true,
    targetChat: (params) => params.chat_id,
    check: (params) => validateReplyMarkup(params.reply_markup),
  },
  (context, params) => {
    const { chatId: id, message } = messageToEdit(context, params);
    const caption = captionOf(params.caption, params.parse_mode, params.caption_entities);
    return applyEdit(
      context,
      id,
      message,
      { caption: caption?.text, caption_entities: caption?.entities },
      params,
      'editMessageCaption',
    );
  },
);

const editMessageReplyMarkup = defineMethod(
  'editMessageReplyMarkup',
  z.object({ ...messageRef, reply_markup: inlineKeyboardMarkup.optional() }),
  {
    countsTowardsFloodLimits: true,
    targetChat: (params) => params.chat_id,
    check: (params) => validateReplyMarkup(params.reply_markup),
  },
  (context, params) => {
    const { chatId: id, message } = messageToEdit(context, params);
    return applyEdit(context, id, message, {}, params, 'editMessageReplyMarkup');
  },
);

export const editMethods: BotMethod[] = [editMessageText, editMessageCaption, editMessageReplyMarkup];

function messageToEdit(
  context: MethodContext,
  params: { chat_id: number | string; message_id: number; inline_message_id?: string | undefined },
): { chatId: number; message: TelegramMessage } {
  if (params.inline_message_id !== undefined) throw new BotApiError(400, ErrorText.messageToEditNotFound);
  const id = chatIdOf(findChat(context.core, params.chat_id));
  return { chatId: id, message: editableMessage(context, id, params.message_id) };
}

/**
 * Replaces content and the inline keyboard (an edit without reply_markup removes it, as in
 * Telegram); an edit that changes nothing is 400 "message is not modified".
 */
function applyEdit(
  context: MethodContext,
  chatId: number,
  message: TelegramMessage,
  changes: Partial<Pick<TelegramMessage, 'text' | 'entities' | 'caption' | 'caption_entities'>>,
  params: Record<string, unknown> & { reply_markup?: TelegramMessage['reply_markup'] | undefined },
  method: string,
): TelegramMessage {
  const keyboard = params.reply_markup?.inline_keyboard.length ? params.reply_markup : undefined;
  const { edit_date: _editDate, ...current } = message;
  const edited: TelegramMessage = { ...current };
  for (const [key, value] of Object.entries({ ...changes, reply_markup: keyboard }) as [
    keyof TelegramMessage,
    unknown,
  ][]) {
    if (value === undefined) delete edited[key];
    else Object.assign(edited, { [key]: value });
  }
  if (sameJson(edited, current)) throw new BotApiError(400, ErrorText.messageNotModified);
  edited.edit_date = unixTime(context.core.now());
  context.core.chats.history(context.bot.id, chatId).messages.set(edited.message_id, edited);
  context.core.chats.record(context.bot.id, chatId, {
    method,
    kind: 'edit',
    messageId: edited.message_id,
    message: edited,
    params,
  });
  return edited;
}

/** Deep equality of JSON values, whatever the key order. */
function sameJson(a: unknown, b: unknown): boolean {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : typeof value === 'object' && value !== null
        ? Object.fromEntries(
            Object.entries(value)
              .filter(([, item]) => item !== undefined)
              .sort(([x], [y]) => x.localeCompare(y))
              .map(([key, item]) => [key, canonical(item)]),
          )
        : value;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}
