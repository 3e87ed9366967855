import type { DataOf, Messages } from '@fieldgram/contracts';
import type { TelegramMessage, TelegramUpdate, TelegramUser } from './telegram-update.js';

type TgFile = DataOf<Messages, 'tg.in.media'>['files'][number];
type Inbound = DataOf<Messages, 'tg.in.message'>;

/** What one Telegram update becomes: a `tg.in.*` event, a part of an album, or nothing. */
export type NormalizedUpdate =
  | { kind: 'event'; event: InboundEvent }
  | { kind: 'album-part'; albumKey: string; part: AlbumPart }
  | { kind: 'ignored'; reason: string };

export type InboundEvent = {
  [T in InboundType]: { type: T; data: DataOf<Messages, T>; partitionKey: string };
}[InboundType];
export type MediaEvent = { type: 'tg.in.media'; data: DataOf<Messages, 'tg.in.media'>; partitionKey: string };
type InboundType =
  | 'tg.in.message'
  | 'tg.in.command'
  | 'tg.in.callback'
  | 'tg.in.contact'
  | 'tg.in.media'
  | 'tg.in.my_chat_member';

export interface AlbumPart {
  updateId: number;
  chat: Inbound['chat'];
  from: Inbound['from'];
  date: number;
  messageId: number;
  mediaGroupId: string;
  caption?: string;
  file: TgFile;
}

/** Events of one chat share a partition key, so they are handled in order (DESIGN §3). */
export function chatPartitionKey(chatId: number): string {
  return `chat:${chatId}`;
}

const FILE_KINDS = ['document', 'voice', 'video', 'audio', 'video_note', 'animation', 'sticker'] as const;

/** Turns a validated Telegram update into the platform's vocabulary; pure. */
export function normalizeUpdate(update: TelegramUpdate): NormalizedUpdate {
  if (update.message) return normalizeMessage(update.update_id, update.message);
  if (update.callback_query) {
    const query = update.callback_query;
    const chat = query.message?.chat ?? { id: query.from.id, type: 'private' as const };
    if (query.data === undefined) return { kind: 'ignored', reason: 'callback query without data (a game)' };
    return event('tg.in.callback', chat.id, {
      updateId: update.update_id,
      chat: toChat(chat),
      from: toUser(query.from),
      date: query.message?.date ?? Math.floor(Date.now() / 1000),
      callbackQueryId: query.id,
      ...(query.message ? { messageId: query.message.message_id } : {}),
      data: query.data,
    });
  }
  if (update.my_chat_member) {
    const change = update.my_chat_member;
    return event('tg.in.my_chat_member', change.chat.id, {
      updateId: update.update_id,
      chat: toChat(change.chat),
      from: toUser(change.from),
      date: change.date,
      oldStatus: change.old_chat_member.status,
      newStatus: change.new_chat_member.status,
    });
  }
  return { kind: 'ignored', reason: 'update kind not handled' };
}

function normalizeMessage(updateId: number, message: TelegramMessage): NormalizedUpdate {
  if (!message.from) return { kind: 'ignored', reason: 'message without a sender (a channel post)' };
  const base = {
    updateId,
    chat: toChat(message.chat),
    from: toUser(message.from),
    date: message.date,
  };
  const file = fileOf(message);
  if (file && message.media_group_id) {
    return {
      kind: 'album-part',
      albumKey: `${message.chat.id}:${message.media_group_id}`,
      part: {
        ...base,
        messageId: message.message_id,
        mediaGroupId: message.media_group_id,
        ...(message.caption !== undefined ? { caption: message.caption } : {}),
        file,
      },
    };
  }
  if (file) {
    return event('tg.in.media', message.chat.id, {
      ...base,
      messageIds: [message.message_id],
      ...(message.caption !== undefined ? { caption: message.caption } : {}),
      files: [file],
    });
  }
  if (message.contact) {
    return event('tg.in.contact', message.chat.id, {
      ...base,
      messageId: message.message_id,
      phoneNumber: message.contact.phone_number,
      ...(message.contact.user_id !== undefined ? { contactUserId: message.contact.user_id } : {}),
    });
  }
  if (message.text !== undefined) {
    const command = parseCommand(message);
    if (command)
      return event('tg.in.command', message.chat.id, { ...base, messageId: message.message_id, ...command });
    return event('tg.in.message', message.chat.id, {
      ...base,
      messageId: message.message_id,
      text: message.text,
      ...(message.reply_to_message ? { replyToMessageId: message.reply_to_message.message_id } : {}),
    });
  }
  return { kind: 'ignored', reason: 'message kind not handled' };
}

/** `/start abc` → { command: 'start', payload: 'abc' }; `/help@fieldgram_bot` → 'help'. */
export function parseCommand(
  message: Pick<TelegramMessage, 'text' | 'entities'>,
): { command: string; payload: string } | undefined {
  const text = message.text ?? '';
  const entity = message.entities?.find((e) => e.type === 'bot_command' && e.offset === 0);
  if (!entity) return undefined;
  const command = text.slice(1, entity.length).split('@')[0]!.toLowerCase();
  if (!command) return undefined;
  return { command, payload: text.slice(entity.length).trim() };
}

/** Merges the parts of one album into a single media event, in message order. */
export function mergeAlbum(parts: AlbumPart[]): MediaEvent {
  const sorted = [...parts].sort((a, b) => a.messageId - b.messageId);
  const first = sorted[0];
  if (!first) throw new Error('an album has at least one part');
  const caption = sorted.find((part) => part.caption !== undefined)?.caption;
  return {
    type: 'tg.in.media',
    partitionKey: chatPartitionKey(first.chat.id),
    data: {
      updateId: first.updateId,
      chat: first.chat,
      from: first.from,
      date: first.date,
      messageIds: sorted.map((part) => part.messageId),
      mediaGroupId: first.mediaGroupId,
      ...(caption !== undefined ? { caption } : {}),
      files: sorted.map((part) => part.file),
    },
  };
}

function fileOf(message: TelegramMessage): TgFile | undefined {
  if (message.photo) {
    // Telegram lists sizes smallest first; the largest is the one worth keeping.
    const largest = message.photo.at(-1)!;
    return {
      kind: 'photo',
      fileId: largest.file_id,
      fileUniqueId: largest.file_unique_id,
      ...(largest.file_size !== undefined ? { fileSize: largest.file_size } : {}),
    };
  }
  for (const kind of FILE_KINDS) {
    const file = message[kind];
    if (file) {
      return {
        kind,
        fileId: file.file_id,
        fileUniqueId: file.file_unique_id,
        ...(file.file_name !== undefined ? { fileName: file.file_name } : {}),
        ...(file.mime_type !== undefined ? { mimeType: file.mime_type } : {}),
        ...(file.file_size !== undefined ? { fileSize: file.file_size } : {}),
      };
    }
  }
  return undefined;
}

function toUser(user: TelegramUser): Inbound['from'] {
  return {
    id: user.id,
    isBot: user.is_bot ?? false,
    firstName: user.first_name,
    ...(user.last_name !== undefined ? { lastName: user.last_name } : {}),
    ...(user.username !== undefined ? { username: user.username } : {}),
    ...(user.language_code !== undefined ? { languageCode: user.language_code } : {}),
  };
}

function toChat(chat: {
  id: number;
  type: Inbound['chat']['type'];
  title?: string | undefined;
}): Inbound['chat'] {
  return { id: chat.id, type: chat.type, ...(chat.title !== undefined ? { title: chat.title } : {}) };
}

function inboundEvent<T extends InboundType>(
  type: T,
  chatId: number,
  data: DataOf<Messages, T>,
): InboundEvent {
  return { type, data, partitionKey: chatPartitionKey(chatId) } as InboundEvent;
}

function event<T extends InboundType>(type: T, chatId: number, data: DataOf<Messages, T>): NormalizedUpdate {
  return { kind: 'event', event: inboundEvent(type, chatId, data) };
}
