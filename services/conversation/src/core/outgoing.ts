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
  /** A file kept in object storage (a waybill's PDF), sent as a document; bot-gateway uploads it once. */
  | { kind: 'document'; storageKey: string; fileName: string; caption?: string }
  /**
   * Files Telegram already has (by file_id), sent again: one alone, or 2–10 as an album (Telegram
   * does not mix photos with documents in one album: the caller groups them).
   */
  | { kind: 'files'; files: readonly SentFile[] }
  | { kind: 'callback-answer'; callbackQueryId: string; text?: string; alert?: boolean };

export interface SentFile {
  type: 'photo' | 'document';
  fileId: string;
}

export type TgOutCommand = DataInput<Messages, 'tg.out'>;

const SEND_ONE = { photo: 'sendPhoto', document: 'sendDocument' } as const;

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
    if (reply.kind === 'document') {
      return {
        idempotencyKey,
        chatId,
        method: 'sendDocument',
        params: {
          document: { storageKey: reply.storageKey, fileName: reply.fileName },
          ...(reply.caption !== undefined ? { caption: reply.caption } : {}),
        },
      };
    }
    if (reply.kind === 'files') {
      const [only] = reply.files;
      if (reply.files.length === 1 && only)
        return { idempotencyKey, chatId, method: SEND_ONE[only.type], params: { [only.type]: only.fileId } };
      return {
        idempotencyKey,
        chatId,
        method: 'sendMediaGroup',
        params: { media: reply.files.map((file) => ({ type: file.type, media: file.fileId })) },
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
