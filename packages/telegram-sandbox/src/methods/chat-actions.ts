import { z } from 'zod';
import { botUserJson, chatJson } from '../state/directory.js';
import { BotApiError, ErrorText } from './bot-api-error.js';
import { unixTime, withoutReply } from './bot-messages.js';
import { chatIdOf, findChat } from './chat-access.js';
import { defineMethod, type BotMethod } from './method.js';
import { boolean, chatId, integer } from './params.js';

const CHAT_ACTIONS = [
  'typing',
  'upload_photo',
  'record_video',
  'upload_video',
  'record_voice',
  'upload_voice',
  'upload_document',
  'choose_sticker',
  'find_location',
  'record_video_note',
  'upload_video_note',
] as const;

const pinChatMessage = defineMethod(
  'pinChatMessage',
  z.object({ chat_id: chatId, message_id: integer, disable_notification: boolean.optional() }),
  { countsTowardsFloodLimits: true, targetChat: (params) => params.chat_id },
  (context, params) => {
    const chat = findChat(context.core, params.chat_id);
    const id = chatIdOf(chat);
    const history = context.core.chats.history(context.bot.id, id);
    const pinned = history.messages.get(params.message_id);
    if (pinned === undefined) throw new BotApiError(400, ErrorText.messageToPinNotFound);
    history.pinned.splice(0, history.pinned.length, ...history.pinned.filter((m) => m !== params.message_id));
    history.pinned.push(params.message_id);
    // Telegram shows a pin as a service message in the chat.
    const notice = {
      message_id: history.allocateMessageId(),
      from: botUserJson(context.bot),
      chat: chatJson(chat),
      date: unixTime(context.core.now()),
      pinned_message: withoutReply(pinned),
    };
    history.messages.set(notice.message_id, notice);
    context.core.chats.record(context.bot.id, id, {
      method: 'pinChatMessage',
      kind: 'pin',
      messageId: params.message_id,
      message: pinned,
      params,
    });
    return true;
  },
);

const unpinChatMessage = defineMethod(
  'unpinChatMessage',
  z.object({ chat_id: chatId, message_id: integer.optional() }),
  { countsTowardsFloodLimits: true, targetChat: (params) => params.chat_id },
  (context, params) => {
    const id = chatIdOf(findChat(context.core, params.chat_id));
    const history = context.core.chats.history(context.bot.id, id);
    const messageId = params.message_id ?? history.pinned.at(-1);
    const index = messageId === undefined ? -1 : history.pinned.indexOf(messageId);
    if (index !== -1) history.pinned.splice(index, 1);
    context.core.chats.record(context.bot.id, id, {
      method: 'unpinChatMessage',
      kind: 'unpin',
      ...(messageId !== undefined && { messageId }),
      params,
    });
    return true;
  },
);

const sendChatAction = defineMethod(
  'sendChatAction',
  z.object({
    chat_id: chatId,
    action: z.enum(CHAT_ACTIONS, { error: ErrorText.wrongChatAction }),
    message_thread_id: integer.optional(),
  }),
  { targetChat: (params) => params.chat_id },
  (context, params) => {
    const id = chatIdOf(findChat(context.core, params.chat_id));
    context.core.chats.record(context.bot.id, id, { method: 'sendChatAction', kind: 'chat_action', params });
    return true;
  },
);

export const chatActionMethods: BotMethod[] = [pinChatMessage, unpinChatMessage, sendChatAction];
