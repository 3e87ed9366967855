import type { ReplyMarkup } from '@fieldgram/bot-ui';
import type { DataInput, Messages } from '@fieldgram/contracts';

/** What the bot says in answer to one update, before it becomes Bot API calls. */
export type Outgoing =
  | {
      kind: 'message';
      text: string;
      markup?: ReplyMarkup;
      /** Quote-reply to this message of the chat (if it is gone, the text is sent anyway). */
      replyTo?: number;
    }
  | { kind: 'callback-answer'; callbackQueryId: string; text?: string; alert?: boolean };

export type TgOutCommand = DataInput<Messages, 'tg.out'>;

/**
 * The `tg.out` commands for the replies to one inbound update. Their idempotency keys derive
 * from the update's envelope id and their position (`conv:<envelopeId>:<n>`), so handling a
 * redelivered update again sends nothing twice: bot-gateway carries out each key once.
 */
export function toTgOut(envelopeId: string, chatId: number, replies: readonly Outgoing[]): TgOutCommand[] {
  return replies.map((reply, index) => {
    const idempotencyKey = `conv:${envelopeId}:${index}`;
    if (reply.kind === 'callback-answer') {
      return {
        idempotencyKey,
        chatId,
        method: 'answerCallbackQuery',
        params: {
          callback_query_id: reply.callbackQueryId,
          ...(reply.text !== undefined ? { text: reply.text } : {}),
          ...(reply.alert ? { show_alert: true } : {}),
        },
      };
    }
    return {
      idempotencyKey,
      chatId,
      method: 'sendMessage',
      params: {
        text: reply.text,
        ...(reply.markup ? { reply_markup: reply.markup } : {}),
        ...(reply.replyTo !== undefined
          ? { reply_parameters: { message_id: reply.replyTo, allow_sending_without_reply: true } }
          : {}),
      },
    };
  });
}
