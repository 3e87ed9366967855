import { randomBytes, randomInt } from 'node:crypto';

/** The secret half of a bot token: 35 characters of base64url, like Telegram's. */
export function newTokenSecret(): string {
  return `AA${randomBytes(27).toString('base64url').slice(0, 33)}`;
}

/** Telegram's file_id prefixes per kind, so ids look like the real ones in logs. */
const FILE_ID_PREFIX = {
  photo: 'AgACAgIAAxkBAAI',
  document: 'BQACAgIAAxkBAAI',
  voice: 'AwACAgIAAxkBAAI',
  video: 'BAACAgIAAxkBAAI',
} as const;

export type FileKind = keyof typeof FILE_ID_PREFIX;

export function newFileId(kind: FileKind): string {
  return FILE_ID_PREFIX[kind] + randomBytes(30).toString('base64url');
}

export function newFileUniqueId(): string {
  return `AQAD${randomBytes(9).toString('base64url')}`;
}

/** Callback query ids are long decimal strings in Telegram. */
export function newCallbackQueryId(): string {
  return `${randomInt(1_000_000_000, 9_999_999_999)}${randomInt(100_000_000, 999_999_999)}`;
}

/** media_group_id: a decimal string, the same for every message of one album. */
export function newMediaGroupId(): string {
  return `${randomInt(100_000_000, 999_999_999)}${randomInt(100_000_000, 999_999_999)}`;
}
