import { fieldOf } from '../template.js';
import type { AttachedFile } from './rule.js';

/** One Bot API call of a push: its method and parameters, and the files it carries (for the log). */
export interface TelegramSend {
  method: 'sendMessage' | 'sendPhoto' | 'sendVideo' | 'sendDocument' | 'sendMediaGroup';
  params: Record<string, unknown>;
  files: AttachedFile[];
}

/** Telegram's most files in one album. */
const ALBUM_MAX = 10;
const SINGLE = {
  photo: ['sendPhoto', 'photo'],
  video: ['sendVideo', 'video'],
  document: ['sendDocument', 'document'],
} as const;

/**
 * A push as Bot API calls, in the order they must arrive (S1-03): the text, then its files —
 * photos and videos as albums, documents as albums of their own (Telegram does not mix them),
 * at most 10 a group, a lone file sent by itself. A quiet push is quiet in every call.
 */
export function telegramSends(text: string, files: readonly AttachedFile[], sound: boolean): TelegramSend[] {
  const quiet = sound ? {} : { disable_notification: true };
  const sends: TelegramSend[] = [{ method: 'sendMessage', params: { text, ...quiet }, files: [] }];
  const visual = files.filter((file) => file.kind !== 'document');
  const documents = files.filter((file) => file.kind === 'document');
  for (const group of [...chunks(visual), ...chunks(documents)]) {
    if (group.length === 1) {
      const [method, param] = SINGLE[group[0]!.kind];
      sends.push({ method, params: { [param]: group[0]!.fileId, ...quiet }, files: group });
    } else {
      const media = group.map((file) => ({ type: file.kind, media: file.fileId }));
      sends.push({ method: 'sendMediaGroup', params: { media, ...quiet }, files: group });
    }
  }
  return sends;
}

/** The files in this field of the event's data; an item that is no file is a bad event: it is skipped. */
export function attachedFiles(data: unknown, field: string | undefined): AttachedFile[] {
  if (field === undefined) return [];
  const value = fieldOf(data, field);
  if (!Array.isArray(value)) throw new Error(`the attachments need a list of files in "${field}"`);
  return value.filter(isAttachedFile).map(({ kind, fileId }) => ({ kind, fileId }));
}

function isAttachedFile(value: unknown): value is AttachedFile {
  const file = value as Partial<AttachedFile> | null;
  return (
    typeof file?.fileId === 'string' &&
    file.fileId.length > 0 &&
    (file.kind === 'photo' || file.kind === 'video' || file.kind === 'document')
  );
}

function chunks<T>(items: readonly T[]): T[][] {
  const groups: T[][] = [];
  for (let start = 0; start < items.length; start += ALBUM_MAX)
    groups.push(items.slice(start, start + ALBUM_MAX));
  return groups;
}
