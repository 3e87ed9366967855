import path from 'node:path';
import type { ObjectStorage } from '@fieldgram/platform';
import type { UploadFile } from '../telegram/bot-api-client.js';

/** Parameters that carry a file, for the methods that send one. */
const FILE_PARAMS: Record<string, string> = {
  sendPhoto: 'photo',
  sendDocument: 'document',
  sendVoice: 'voice',
  sendVideo: 'video',
};

/** A file parameter given as an object-storage reference. */
interface StorageRef {
  storageKey: string;
  fileName?: string;
}

export class MissingObjectError extends Error {
  override readonly name = 'MissingObjectError';
}

export interface ResolvedFiles {
  params: Record<string, unknown>;
  files: Record<string, UploadFile>;
  /** Which storage key each uploaded file came from: by parameter name, or by album position. */
  uploads: { storageKey: string; position: number | null }[];
}

/**
 * Replaces `{ storageKey }` file parameters: by the file_id Telegram gave the same file before
 * (no upload), or by the file's bytes from object storage (uploaded as multipart).
 */
export async function resolveFileParams(
  method: string,
  params: Record<string, unknown>,
  storage: ObjectStorage,
  knownFileId: (storageKey: string) => Promise<string | undefined>,
): Promise<ResolvedFiles> {
  const resolved: ResolvedFiles = { params: { ...params }, files: {}, uploads: [] };
  const load = async (ref: StorageRef, attachName: string, position: number | null): Promise<string> => {
    const fileId = await knownFileId(ref.storageKey);
    if (fileId) return fileId;
    const object = await storage.get(ref.storageKey);
    if (!object) throw new MissingObjectError(`no file "${ref.storageKey}" in object storage`);
    resolved.files[attachName] = {
      bytes: object.bytes,
      fileName: ref.fileName ?? path.basename(ref.storageKey),
      contentType: object.contentType,
    };
    resolved.uploads.push({ storageKey: ref.storageKey, position });
    return `attach://${attachName}`;
  };

  const field = FILE_PARAMS[method];
  if (field && isStorageRef(params[field])) {
    const value = await load(params[field], field, null);
    // A single file goes up under its own parameter name, not as attach://.
    resolved.params[field] = value.startsWith('attach://') ? undefined : value;
    if (resolved.params[field] === undefined) delete resolved.params[field];
  }
  if (method === 'sendMediaGroup' && Array.isArray(params.media)) {
    resolved.params.media = await Promise.all(
      (params.media as Record<string, unknown>[]).map(async (item, index) =>
        isStorageRef(item.media) ? { ...item, media: await load(item.media, `file${index}`, index) } : item,
      ),
    );
  }
  return resolved;
}

/** The file_id Telegram assigned to what a message carries (the largest photo size). */
export function fileIdOf(message: unknown): { fileId: string; fileUniqueId?: string } | undefined {
  if (!message || typeof message !== 'object') return undefined;
  const m = message as Record<string, unknown>;
  const candidate = Array.isArray(m.photo) ? (m.photo.at(-1) as unknown) : (m.document ?? m.voice ?? m.video);
  if (!candidate || typeof candidate !== 'object') return undefined;
  const file = candidate as { file_id?: unknown; file_unique_id?: unknown };
  if (typeof file.file_id !== 'string') return undefined;
  return {
    fileId: file.file_id,
    ...(typeof file.file_unique_id === 'string' ? { fileUniqueId: file.file_unique_id } : {}),
  };
}

function isStorageRef(value: unknown): value is StorageRef {
  return typeof value === 'object' && value !== null && typeof (value as StorageRef).storageKey === 'string';
}
