import type { InlineKeyboardMarkup, ReplyMarkup } from '@fieldgram/bot-ui';
import type { DataInput, Messages } from '@fieldgram/contracts';

/** What the bot says in answer to one update, before it becomes Bot API calls. */
export type Outgoing =
  | {
      kind: 'message';
      text: string;
      markup?: ReplyMarkup;
      /** Quote-reply to this message of the chat (if it is gone, the text is sent anyway). */
      replyTo?: number;
      /** bot-gateway remembers the sent message under this key, for later edits (`task:<id>:offer`). */
      messageKey?: string;
    }
  /**
   * An edit of a message sent earlier under `messageKey`: new text (its inline keyboard replaced
   * by `markup`, or removed), or only the keyboard when there is no text.
   */
  | { kind: 'edit'; messageKey: string; text?: string; markup?: InlineKeyboardMarkup }
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
    if (reply.kind === 'edit') {
      return {
        idempotencyKey,
        chatId,
        method: reply.text !== undefined ? 'editMessageText' : 'editMessageReplyMarkup',
        params: {
          ...(reply.text !== undefined ? { text: reply.text } : {}),
          ...(reply.markup ? { reply_markup: reply.markup } : {}),
        },
        messageKey: reply.messageKey,
      };
    }
    return {
      idempotencyKey,
      chatId,
      ...(reply.messageKey !== undefined ? { messageKey: reply.messageKey } : {}),
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
