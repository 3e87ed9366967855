import { TelegramApiError } from '../telegram/bot-api-client.js';

export interface FileRefusal {
  message: string;
  /** `too_big`: over the 20 MB bots may download; `refused`: Telegram does not know the file_id. */
  details: { reason: 'too_big' | 'refused'; telegram: string };
}

/** Telegram's final "no" to getFile, which no retry changes; null for anything else. */
export function fileRefusal(error: unknown): FileRefusal | null {
  if (!(error instanceof TelegramApiError) || error.method !== 'getFile' || error.errorCode !== 400)
    return null;
  const telegram = error.description;
  return /file is too big/i.test(telegram)
    ? {
        message: 'the file is over the 20 MB Telegram lets bots download: it stays in Telegram only',
        details: { reason: 'too_big', telegram },
      }
    : { message: `Telegram refused the file: ${telegram}`, details: { reason: 'refused', telegram } };
}
