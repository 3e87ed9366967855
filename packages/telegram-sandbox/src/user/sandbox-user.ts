import type { UserRecord } from '../state/directory.js';
import type {
  AlbumItem,
  MessageOptions,
  PressedButton,
  SentUpdate,
  UserActions,
  UserFile,
} from './user-actions.js';

/** A Telegram user that tests drive: each action becomes an update for the bot. */
export interface SandboxUser {
  readonly id: number;
  readonly firstName: string;
  readonly lastName: string | undefined;
  readonly username: string | undefined;
  readonly languageCode: string | undefined;
  sendText(botToken: string, text: string, options?: MessageOptions): Promise<SentUpdate>;
  /** Text `/<command> <payload>` with a bot_command entity, as a deep link or the menu sends it. */
  sendCommand(
    botToken: string,
    command: string,
    payload?: string,
    options?: Pick<MessageOptions, 'chatId'>,
  ): Promise<SentUpdate>;
  /** The user's own contact (user_id = own id), as a request_contact button shares it. */
  sendContact(botToken: string, contact?: { phoneNumber?: string }): Promise<SentUpdate>;
  sendPhoto(botToken: string, file?: UserFile, options?: MessageOptions): Promise<SentUpdate>;
  sendDocument(botToken: string, file?: UserFile, options?: MessageOptions): Promise<SentUpdate>;
  sendVoice(botToken: string, file?: UserFile, options?: MessageOptions): Promise<SentUpdate>;
  sendVideo(botToken: string, file?: UserFile, options?: MessageOptions): Promise<SentUpdate>;
  /** One update per item, sharing a media_group_id. */
  sendAlbum(botToken: string, items: AlbumItem[], options?: MessageOptions): Promise<SentUpdate[]>;
  /** A callback_query; rejects if the message has no inline button with that callback_data. */
  pressButton(
    botToken: string,
    messageId: number,
    data: string,
    options?: Pick<MessageOptions, 'chatId'>,
  ): Promise<PressedButton>;
  blockBot(botToken: string): Promise<void>;
  unblockBot(botToken: string): Promise<void>;
}

export function createSandboxUser(record: UserRecord, actions: UserActions): SandboxUser {
  return {
    id: record.id,
    firstName: record.firstName,
    lastName: record.lastName,
    username: record.username,
    languageCode: record.languageCode,
    sendText: (botToken, text, options) => settle(() => actions.sendText(record, botToken, text, options)),
    sendCommand: (botToken, command, payload, options) =>
      settle(() => actions.sendCommand(record, botToken, command, payload, options)),
    sendContact: (botToken, contact) => settle(() => actions.sendContact(record, botToken, contact)),
    sendPhoto: (botToken, file = {}, options) =>
      settle(() => actions.sendMedia(record, botToken, 'photo', file, options)),
    sendDocument: (botToken, file = {}, options) =>
      settle(() => actions.sendMedia(record, botToken, 'document', file, options)),
    sendVoice: (botToken, file = {}, options) =>
      settle(() => actions.sendMedia(record, botToken, 'voice', file, options)),
    sendVideo: (botToken, file = {}, options) =>
      settle(() => actions.sendMedia(record, botToken, 'video', file, options)),
    sendAlbum: (botToken, items, options) =>
      settle(() => actions.sendAlbum(record, botToken, items, options)),
    pressButton: (botToken, messageId, data, options) =>
      settle(() => actions.pressButton(record, botToken, messageId, data, options)),
    blockBot: (botToken) => settle(() => actions.setBlocked(record, botToken, true)),
    unblockBot: (botToken) => settle(() => actions.setBlocked(record, botToken, false)),
  };
}

/** The actions are synchronous; the API is promise-based so it can match the HTTP mirror. */
function settle<T>(action: () => T): Promise<T> {
  try {
    return Promise.resolve(action());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
