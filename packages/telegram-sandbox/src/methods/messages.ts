import { z } from 'zod';
import type { TelegramMessage } from '../telegram-types.js';
import { BotApiError, ErrorText } from './bot-api-error.js';
import { postBotMessage, replyTargetOf, validateReplyMarkup, type MessageContent } from './bot-messages.js';
import { chatIdOf, findChat } from './chat-access.js';
import { captionOf, messageText } from './message-text.js';
import { defineMethod, type BotMethod, type MethodContext } from './method.js';
import { chatId, entities, integer, parseMode, sendingParams } from './params.js';

const sendMessage = defineMethod(
  'sendMessage',
  z.object({
    ...sendingParams,
    text: z.string({ error: ErrorText.textEmpty }),
    parse_mode: parseMode.optional(),
    entities: entities.optional(),
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
    const { text, entities: textEntities } = messageText(params.text, params.parse_mode, params.entities);
    return postBotMessage(
      context,
      findChat(context.core, params.chat_id),
      { text, ...(textEntities !== undefined && { entities: textEntities }) },
      {
        method: 'sendMessage',
        params,
        replyTo: replyTargetOf(params),
        replyMarkup: params.reply_markup,
      },
    );
  },
);

const deleteMessage = defineMethod(
  'deleteMessage',
  z.object({ chat_id: chatId, message_id: integer }),
  { countsTowardsFloodLimits: true, targetChat: (params) => params.chat_id },
  (context, params) => {
    const id = chatIdOf(findChat(context.core, params.chat_id));
    const history = context.core.chats.history(context.bot.id, id);
    const message = history.messages.get(params.message_id);
    if (message === undefined) throw new BotApiError(400, ErrorText.messageToDeleteNotFound);
    history.messages.delete(params.message_id);
    context.core.chats.record(context.bot.id, id, {
      method: 'deleteMessage',
      kind: 'delete',
      messageId: params.message_id,
      message,
      params,
    });
    return true;
  },
);

const copySource = { chat_id: chatId, from_chat_id: chatId, message_id: integer };

const copyMessage = defineMethod(
  'copyMessage',
  z.object({
    ...sendingParams,
    ...copySource,
    caption: z.string().optional(),
    parse_mode: parseMode.optional(),
    caption_entities: entities.optional(),
  }),
  {
    countsTowardsFloodLimits: true,
    targetChat: (params) => params.chat_id,
    check: (params) => validateReplyMarkup(params.reply_markup),
  },
  (context, params) => {
    const source = sourceMessage(
      context,
      params.from_chat_id,
      params.message_id,
      ErrorText.messageToCopyNotFound,
    );
    const content = contentOf(source);
    if (params.caption !== undefined && content.text === undefined) {
      const caption = captionOf(params.caption, params.parse_mode, params.caption_entities);
      delete content.caption_entities;
      content.caption = caption?.text;
      if (caption?.entities !== undefined) content.caption_entities = caption.entities;
    }
    const copy = postBotMessage(context, findChat(context.core, params.chat_id), content, {
      method: 'copyMessage',
      params,
      replyTo: replyTargetOf(params),
      replyMarkup: params.reply_markup,
    });
    return { message_id: copy.message_id };
  },
);

const forwardMessage = defineMethod(
  'forwardMessage',
  z.object(copySource),
  { countsTowardsFloodLimits: true, targetChat: (params) => params.chat_id },
  (context, params) => {
    const source = sourceMessage(
      context,
      params.from_chat_id,
      params.message_id,
      ErrorText.messageToForwardNotFound,
    );
    const origin = source.forward_origin ?? {
      type: 'user' as const,
      date: source.date,
      sender_user: source.from ?? { id: 0, is_bot: false, first_name: 'Deleted Account' },
    };
    const content: MessageContent = {
      forward_origin: origin,
      ...(origin.type === 'user' && { forward_from: origin.sender_user }),
      forward_date: origin.date,
      ...contentOf(source),
    };
    return postBotMessage(context, findChat(context.core, params.chat_id), content, {
      method: 'forwardMessage',
      params,
    });
  },
);

export const messageMethods: BotMethod[] = [sendMessage, deleteMessage, copyMessage, forwardMessage];

function sourceMessage(
  context: MethodContext,
  fromChatId: number | string,
  messageId: number,
  notFound: string,
): TelegramMessage {
  const id = chatIdOf(findChat(context.core, fromChatId));
  const message = context.core.chats.history(context.bot.id, id).messages.get(messageId);
  if (message === undefined || message.pinned_message !== undefined) throw new BotApiError(400, notFound);
  return message;
}

function contentOf(message: TelegramMessage): MessageContent {
  const {
    text,
    entities: textEntities,
    caption,
    caption_entities,
    photo,
    document,
    voice,
    video,
    contact,
  } = message;
  const content: MessageContent = {
    text,
    entities: textEntities,
    caption,
    caption_entities,
    photo,
    document,
    voice,
    video,
    contact,
  };
  for (const key of Object.keys(content) as (keyof MessageContent)[]) {
    if (content[key] === undefined) delete content[key];
  }
  return content;
}
