import { createHash } from 'node:crypto';
import { mediaContent } from '../media/media-content.js';
import { guessMimeType } from '../media/mime-types.js';
import { placeholderBytes, solidPng } from '../media/sample-files.js';
import { unixTime, withoutReply, type MessageContent } from '../methods/bot-messages.js';
import {
  botUserJson,
  chatJson,
  userJson,
  type BotRecord,
  type ChatRecord,
  type UserRecord,
} from '../state/directory.js';
import { newMediaGroupId, type FileKind } from '../state/ids.js';
import type { SandboxCore } from '../state/sandbox-core.js';
import type { TelegramMessage, TelegramUpdateContent } from '../telegram-types.js';

export interface SentUpdate {
  updateId: number;
  messageId: number;
  chatId: number;
}

export interface PressedButton {
  updateId: number;
  callbackQueryId: string;
}

export interface MessageOptions {
  /** A group the user is in; the private chat with the bot by default. */
  chatId?: number;
  replyToMessageId?: number;
}

export interface UserFile {
  bytes?: Buffer;
  fileName?: string;
  mimeType?: string;
  caption?: string;
}

export interface AlbumItem {
  kind: 'photo' | 'video' | 'document';
  bytes?: Buffer;
  fileName?: string;
  caption?: string;
}

/** What users do in Telegram's app, turned into the updates the bot receives. */
export class UserActions {
  constructor(private readonly core: SandboxCore) {}

  sendText(user: UserRecord, botToken: string, text: string, options: MessageOptions = {}): SentUpdate {
    if (text.trim() === '') throw new Error('sendText: Telegram does not send an empty message');
    const sent = this.postUserMessage(user, botToken, { text }, options, 'user.sendText');
    this.hideOneTimeKeyboard(botToken, sent.chatId, text);
    return sent;
  }

  sendCommand(
    user: UserRecord,
    botToken: string,
    command: string,
    payload?: string,
    options: Pick<MessageOptions, 'chatId'> = {},
  ): SentUpdate {
    const name = command.replace(/^\//, '');
    if (!/^[A-Za-z0-9_]{1,32}$/.test(name)) throw new Error(`sendCommand: "${command}" is not a bot command`);
    const text = payload === undefined || payload === '' ? `/${name}` : `/${name} ${payload}`;
    const content = { text, entities: [{ type: 'bot_command', offset: 0, length: name.length + 1 }] };
    return this.postUserMessage(user, botToken, content, options, 'user.sendCommand');
  }

  /** The user's own contact, as shared through a request_contact button. */
  sendContact(user: UserRecord, botToken: string, contact: { phoneNumber?: string } = {}): SentUpdate {
    const phoneNumber = contact.phoneNumber ?? `+1555${String(user.id).slice(-7).padStart(7, '0')}`;
    const content = {
      contact: {
        phone_number: phoneNumber,
        first_name: user.firstName,
        ...(user.lastName !== undefined && { last_name: user.lastName }),
        user_id: user.id,
      },
    };
    const sent = this.postUserMessage(user, botToken, content, {}, 'user.sendContact');
    this.hideOneTimeKeyboard(botToken, sent.chatId, undefined);
    return sent;
  }

  sendMedia(
    user: UserRecord,
    botToken: string,
    kind: FileKind,
    file: UserFile,
    options: MessageOptions = {},
  ): SentUpdate {
    const bot = this.bot(botToken);
    const content: MessageContent = {
      ...this.storeFile(bot, kind, file),
      ...(file.caption !== undefined && file.caption !== '' && { caption: file.caption }),
    };
    return this.postUserMessage(user, botToken, content, options, `user.send${capitalized(kind)}`);
  }

  /** An album: one update per item, all with the same media_group_id, as Telegram sends them. */
  sendAlbum(
    user: UserRecord,
    botToken: string,
    items: AlbumItem[],
    options: MessageOptions = {},
  ): SentUpdate[] {
    if (items.length < 2 || items.length > 10) throw new Error('sendAlbum: an album has 2-10 items');
    const hasDocuments = items.some((item) => item.kind === 'document');
    if (hasDocuments && items.some((item) => item.kind !== 'document')) {
      throw new Error('sendAlbum: documents cannot be mixed with photos and videos in one album');
    }
    const bot = this.bot(botToken);
    const mediaGroupId = newMediaGroupId();
    return items.map((item) =>
      this.postUserMessage(
        user,
        botToken,
        {
          media_group_id: mediaGroupId,
          ...this.storeFile(bot, item.kind, item),
          ...(item.caption !== undefined && item.caption !== '' && { caption: item.caption }),
        },
        options,
        'user.sendAlbum',
      ),
    );
  }

  pressButton(
    user: UserRecord,
    botToken: string,
    messageId: number,
    data: string,
    options: Pick<MessageOptions, 'chatId'> = {},
  ): PressedButton {
    const bot = this.bot(botToken);
    const chat = this.chatOf(user, bot, options.chatId);
    const chatId = chat.kind === 'private' ? chat.user.id : chat.group.id;
    const message = this.core.chats.history(bot.id, chatId).messages.get(messageId);
    const buttons = message?.reply_markup?.inline_keyboard.flat() ?? [];
    if (message === undefined || !buttons.some((button) => button.callback_data === data)) {
      throw new Error(
        `Bad Request: message ${messageId} in chat ${chatId} has no inline button with callback_data ${JSON.stringify(data)}` +
          (buttons.length === 0
            ? ''
            : `; its buttons: ${buttons.map((button) => JSON.stringify(button.callback_data ?? button.text)).join(', ')}`),
      );
    }
    const query = this.core.callbackQueries.create(bot.id, chatId, messageId);
    const update = bot.updates.push({
      callback_query: {
        id: query.id,
        from: userJson(user),
        message,
        chat_instance: chatInstance(bot.id, chatId),
        data,
      },
    });
    return { updateId: update.update_id, callbackQueryId: query.id };
  }

  /** The bot gets my_chat_member (member → kicked) and every call into this chat answers 403. */
  setBlocked(user: UserRecord, botToken: string, blocked: boolean): void {
    const bot = this.bot(botToken);
    if (this.core.directory.isBlocked(bot.id, user.id) === blocked) return;
    this.core.directory.setBlocked(bot.id, user.id, blocked);
    if (!blocked) this.core.directory.markStarted(bot.id, user.id);
    const botMember = botUserJson(bot);
    bot.updates.push({
      my_chat_member: {
        chat: chatJson({ kind: 'private', user }),
        from: userJson(user),
        date: unixTime(this.core.now()),
        old_chat_member: blocked
          ? { user: botMember, status: 'member' }
          : { user: botMember, status: 'kicked', until_date: 0 },
        new_chat_member: blocked
          ? { user: botMember, status: 'kicked', until_date: 0 }
          : { user: botMember, status: 'member' },
      },
    });
  }

  private postUserMessage(
    user: UserRecord,
    botToken: string,
    content: MessageContent,
    options: MessageOptions,
    method: string,
  ): SentUpdate {
    const bot = this.bot(botToken);
    const chat = this.chatOf(user, bot, options.chatId);
    const chatId = chat.kind === 'private' ? chat.user.id : chat.group.id;
    const history = this.core.chats.history(bot.id, chatId);
    const replied =
      options.replyToMessageId === undefined ? undefined : history.messages.get(options.replyToMessageId);
    if (options.replyToMessageId !== undefined && replied === undefined) {
      throw new Error(`message ${options.replyToMessageId} is not in chat ${chatId}`);
    }
    const message: TelegramMessage = {
      message_id: history.allocateMessageId(),
      from: userJson(user),
      chat: chatJson(chat),
      date: unixTime(this.core.now()),
      ...content,
      ...(replied !== undefined && { reply_to_message: withoutReply(replied) }),
    };
    history.messages.set(message.message_id, message);
    if (chat.kind === 'private') this.core.directory.markStarted(bot.id, user.id);
    this.core.chats.record(bot.id, chatId, {
      method,
      kind: 'user_message',
      messageId: message.message_id,
      message,
      params: { ...content },
    });
    const update: TelegramUpdateContent = { message };
    const pushed = bot.updates.push(update);
    return { updateId: pushed.update_id, messageId: message.message_id, chatId };
  }

  private chatOf(user: UserRecord, bot: BotRecord, chatId: number | undefined): ChatRecord {
    if (chatId === undefined || chatId === user.id) {
      if (this.core.directory.isBlocked(bot.id, user.id)) {
        throw new Error(`user ${user.id} has blocked @${bot.username}; unblockBot first`);
      }
      return { kind: 'private', user };
    }
    const chat = this.core.directory.chat(chatId);
    if (chat?.kind !== 'group' || !chat.group.memberIds.has(user.id)) {
      throw new Error(`user ${user.id} is not a member of group ${chatId}`);
    }
    return chat;
  }

  private bot(botToken: string): BotRecord {
    const bot = this.core.directory.botByToken(botToken);
    if (bot === undefined) throw new Error('no bot with that token in this sandbox');
    return bot;
  }

  private storeFile(bot: BotRecord, kind: FileKind, file: UserFile): MessageContent {
    const bytes =
      file.bytes ?? (kind === 'photo' ? solidPng(640, 480, [64, 128, 192]) : placeholderBytes(kind));
    const fileName =
      file.fileName ?? (kind === 'document' && file.bytes === undefined ? 'document.txt' : undefined);
    if (bytes.length === 0) throw new Error(`send${capitalized(kind)}: the file is empty`);
    return mediaContent(this.core.files, bot.id, kind, {
      bytes,
      fileName: kind === 'photo' ? undefined : fileName,
      mimeType: guessMimeType(fileName, file.mimeType) ?? defaultMimeType(kind),
    });
  }

  /** A one_time_keyboard hides once the user has used it. */
  private hideOneTimeKeyboard(botToken: string, chatId: number, text: string | undefined): void {
    const history = this.core.chats.history(this.bot(botToken).id, chatId);
    const keyboard = history.replyKeyboard;
    if (keyboard?.one_time_keyboard !== true) return;
    if (text === undefined || keyboard.keyboard.flat().some((button) => button.text === text)) {
      history.replyKeyboard = undefined;
    }
  }
}

function defaultMimeType(kind: FileKind): string | undefined {
  return { photo: undefined, document: 'text/plain', voice: 'audio/ogg', video: 'video/mp4' }[kind];
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Telegram's chat_instance: stable for one chat as seen by one bot. */
function chatInstance(botId: number, chatId: number): string {
  const digest = createHash('sha256').update(`${botId}:${chatId}`).digest();
  return digest.readBigUInt64BE(0).toString().slice(0, 19);
}
