import type { Messages } from '@fieldgram/contracts';
import {
  assertObjectKey,
  DependencyUnavailableError,
  DomainError,
  type ObjectStorage,
  type RequestHandler,
} from '@fieldgram/platform';
import type { BotSettingsStore } from '../settings/bot-settings.js';
import { TelegramApiError, TelegramUnreachableError } from '../telegram/bot-api-client.js';
import type { TelegramSender } from '../egress/telegram-sender.js';
import { fileRefusal } from './file-refusal.js';

export interface StoreFileDeps {
  bots: Pick<BotSettingsStore, 'current'>;
  sender: Pick<TelegramSender, 'send'>;
  storage: ObjectStorage;
}

interface TelegramFile {
  file_id: string;
  file_size?: number;
  file_path?: string;
}

/** getFile puts nothing in a chat: it is not paced per chat, so any chat id will do. */
const NO_CHAT = 0;

/**
 * `bot-gateway.store-file` (S1-03): getFile, then the download from `/file/bot<token>/<path>`,
 * then the copy in object storage under the caller's key (written again on a repeat: the same
 * bytes). Telegram's refusals (over 20 MB, an unknown file_id) are `validation` with a
 * `details.reason`; Telegram or the bot being unavailable is an outage the caller retries later.
 */
export function storeFileHandler(deps: StoreFileDeps): RequestHandler<Messages, 'bot-gateway.store-file'> {
  return async (request) => {
    const { fileId, storageKey, contentType } = request.data;
    try {
      assertObjectKey(storageKey);
    } catch (error) {
      throw new DomainError('validation', (error as Error).message, { field: 'storageKey' });
    }
    const bot = deps.bots.current();
    if (!bot) throw new DependencyUnavailableError('no bot token configured yet');
    try {
      const file = await deps.sender.send<TelegramFile>(bot.client, NO_CHAT, 'getFile', { file_id: fileId });
      if (!file.file_path) throw new TelegramApiError('getFile', 400, 'Bad Request: no file_path given');
      const bytes = await bot.client.download(file.file_path);
      await deps.storage.put(storageKey, bytes, contentType ?? 'application/octet-stream');
      return { storageKey, fileSize: bytes.length };
    } catch (error) {
      const refusal = fileRefusal(error);
      if (refusal)
        throw new DomainError('validation', refusal.message, { field: 'fileId', ...refusal.details });
      if (error instanceof TelegramUnreachableError || (error instanceof TelegramApiError && error.transient))
        throw new DependencyUnavailableError(`Telegram did not hand over the file: ${error.message}`, {
          cause: error,
        });
      throw error;
    }
  };
}
