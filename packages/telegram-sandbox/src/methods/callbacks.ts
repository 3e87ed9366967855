import { z } from 'zod';
import { BotApiError, ErrorText } from './bot-api-error.js';
import { defineMethod, type BotMethod } from './method.js';
import { boolean, integer } from './params.js';

const answerCallbackQuery = defineMethod(
  'answerCallbackQuery',
  z.object({
    callback_query_id: z.preprocess(
      (value) => (typeof value === 'number' ? String(value) : value),
      z.string(),
    ),
    text: z.string().max(200, { error: 'MESSAGE_TOO_LONG' }).optional(),
    show_alert: boolean.optional(),
    url: z.string().optional(),
    cache_time: integer.optional(),
  }),
  {},
  (context, params) => {
    const query = context.core.callbackQueries.unanswered(context.bot.id, params.callback_query_id);
    if (query === undefined) throw new BotApiError(400, ErrorText.queryTooOld);
    query.answered = true;
    context.core.chats.record(context.bot.id, query.chatId, {
      method: 'answerCallbackQuery',
      kind: 'callback_answer',
      messageId: query.messageId,
      params,
    });
    return true;
  },
);

export const callbackMethods: BotMethod[] = [answerCallbackQuery];
