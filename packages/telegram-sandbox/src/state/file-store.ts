import { readImageSize } from '../media/image-size.js';
import { extensionFor } from '../media/mime-types.js';
import type {
  TelegramDocument,
  TelegramFile,
  TelegramPhotoSize,
  TelegramVideo,
  TelegramVoice,
} from '../telegram-types.js';
import { newFileId, newFileUniqueId, type FileKind } from './ids.js';

export interface StoredFile {
  readonly fileId: string;
  readonly fileUniqueId: string;
  /** file_ids belong to one bot, as in Telegram. */
  readonly botId: number;
  readonly kind: FileKind;
  readonly bytes: Buffer;
  readonly filePath: string;
  readonly fileName?: string;
  readonly mimeType?: string;
  readonly width?: number;
  readonly height?: number;
  readonly duration?: number;
  /** For a photo: every size of it, so re-sending any one of them yields the same photo. */
  readonly photoSizes?: TelegramPhotoSize[];
}

export interface NewFile {
  bytes: Buffer;
  fileName?: string;
  mimeType?: string;
  width?: number;
  height?: number;
  duration?: number;
}

const DEFAULT_PHOTO_SIZE = { width: 1280, height: 720 };
/** Telegram keeps a small preview next to the full photo; its long side is this many pixels. */
const PREVIEW_SIDE = 320;
const FOLDER_BY_KIND: Record<FileKind, string> = {
  photo: 'photos',
  document: 'documents',
  voice: 'voice',
  video: 'videos',
};
const DEFAULT_EXTENSION: Record<FileKind, string> = {
  photo: 'jpg',
  document: 'dat',
  voice: 'oga',
  video: 'mp4',
};

/** Uploaded and user-sent files, with their bytes, by file_id and by file_path. */
export class FileStore {
  private readonly byFileId = new Map<string, StoredFile>();
  private readonly byPath = new Map<string, StoredFile>();
  private nextFileNumber = 0;

  /** A photo gets a preview size (when larger than it) and its full size, largest last. */
  savePhoto(botId: number, file: NewFile): TelegramPhotoSize[] {
    const full = readImageSize(file.bytes) ?? DEFAULT_PHOTO_SIZE;
    const dimensions = [full];
    const longSide = Math.max(full.width, full.height);
    if (longSide > PREVIEW_SIDE) {
      const scale = PREVIEW_SIDE / longSide;
      dimensions.unshift({
        width: Math.max(1, Math.round(full.width * scale)),
        height: Math.max(1, Math.round(full.height * scale)),
      });
    }
    const sizes: TelegramPhotoSize[] = [];
    for (const { width, height } of dimensions) {
      const stored = this.save(botId, 'photo', { ...file, width, height }, sizes);
      sizes.push({
        file_id: stored.fileId,
        file_unique_id: stored.fileUniqueId,
        width,
        height,
        file_size: stored.bytes.length,
      });
    }
    return sizes;
  }

  saveDocument(botId: number, file: NewFile): TelegramDocument {
    return documentJson(this.save(botId, 'document', file));
  }

  saveVoice(botId: number, file: NewFile): TelegramVoice {
    return voiceJson(this.save(botId, 'voice', file));
  }

  saveVideo(botId: number, file: NewFile): TelegramVideo {
    return videoJson(this.save(botId, 'video', file));
  }

  byId(fileId: string): StoredFile | undefined {
    return this.byFileId.get(fileId);
  }

  /** A file as `botId` may use it; another bot's file_id is unknown to this one. */
  ofBot(botId: number, fileId: string): StoredFile | undefined {
    const file = this.byFileId.get(fileId);
    return file?.botId === botId ? file : undefined;
  }

  byFilePath(botId: number, filePath: string): StoredFile | undefined {
    const file = this.byPath.get(filePath);
    return file?.botId === botId ? file : undefined;
  }

  private save(botId: number, kind: FileKind, file: NewFile, photoSizes?: TelegramPhotoSize[]): StoredFile {
    const number = this.nextFileNumber;
    this.nextFileNumber += 1;
    // Telegram re-encodes photos as JPEG and voice as Opus in OGG; other files keep their type.
    const extension =
      kind === 'photo' || kind === 'voice'
        ? DEFAULT_EXTENSION[kind]
        : extensionFor(file.mimeType, DEFAULT_EXTENSION[kind]);
    const stored: StoredFile = {
      ...file,
      fileId: newFileId(kind),
      fileUniqueId: newFileUniqueId(),
      botId,
      kind,
      filePath: `${FOLDER_BY_KIND[kind]}/file_${number}.${extension}`,
      ...(photoSizes !== undefined && { photoSizes }),
    };
    this.byFileId.set(stored.fileId, stored);
    this.byPath.set(stored.filePath, stored);
    return stored;
  }
}

/** Bots may download files up to 20 MB (https://core.telegram.org/bots/api#getfile). */
export const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

/** A larger file has no file_path for the bot: getFile refuses it and nothing serves it. */
export function isDownloadable(file: StoredFile): boolean {
  return file.bytes.length <= MAX_DOWNLOAD_BYTES;
}

export function fileJson(file: StoredFile): TelegramFile {
  return {
    file_id: file.fileId,
    file_unique_id: file.fileUniqueId,
    file_size: file.bytes.length,
    file_path: file.filePath,
  };
}

export function documentJson(file: StoredFile): TelegramDocument {
  return {
    file_id: file.fileId,
    file_unique_id: file.fileUniqueId,
    ...(file.fileName !== undefined && { file_name: file.fileName }),
    ...(file.mimeType !== undefined && { mime_type: file.mimeType }),
    file_size: file.bytes.length,
  };
}

export function voiceJson(file: StoredFile): TelegramVoice {
  return {
    file_id: file.fileId,
    file_unique_id: file.fileUniqueId,
    duration: file.duration ?? 1,
    mime_type: file.mimeType ?? 'audio/ogg',
    file_size: file.bytes.length,
  };
}

export function videoJson(file: StoredFile): TelegramVideo {
  return {
    file_id: file.fileId,
    file_unique_id: file.fileUniqueId,
    width: file.width ?? 1280,
    height: file.height ?? 720,
    duration: file.duration ?? 1,
    ...(file.fileName !== undefined && { file_name: file.fileName }),
    mime_type: file.mimeType ?? 'video/mp4',
    file_size: file.bytes.length,
  };
}
