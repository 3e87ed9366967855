import type { MessageContent } from '../methods/bot-messages.js';
import { documentJson, videoJson, voiceJson, type FileStore } from '../state/file-store.js';
import type { FileKind } from '../state/ids.js';
import type { ResolvedInputFile } from './input-file.js';

export interface MediaExtras {
  duration?: number | undefined;
  width?: number | undefined;
  height?: number | undefined;
}

/** The message field for a media file (`photo`, `document`, …), storing new bytes under the bot. */
export function mediaContent(
  files: FileStore,
  botId: number,
  kind: FileKind,
  file: ResolvedInputFile,
  extras: MediaExtras = {},
): MessageContent {
  const { existing } = file;
  if (existing !== undefined) {
    switch (kind) {
      case 'photo':
        return { photo: existing.photoSizes ?? [] };
      case 'document':
        return { document: documentJson(existing) };
      case 'voice':
        return { voice: voiceJson(existing) };
      case 'video':
        return { video: videoJson(existing) };
    }
  }
  const upload = {
    bytes: file.bytes,
    ...(file.fileName !== undefined && { fileName: file.fileName }),
    ...(file.mimeType !== undefined && { mimeType: file.mimeType }),
    ...(extras.duration !== undefined && { duration: extras.duration }),
    ...(extras.width !== undefined && { width: extras.width }),
    ...(extras.height !== undefined && { height: extras.height }),
  };
  switch (kind) {
    case 'photo':
      return { photo: files.savePhoto(botId, upload) };
    case 'document':
      return { document: files.saveDocument(botId, upload) };
    case 'voice':
      return { voice: files.saveVoice(botId, upload) };
    case 'video':
      return { video: files.saveVideo(botId, upload) };
  }
}
