import type { z } from 'zod';
import { formatText, trimFormatted, type FormattedText } from '../formatting/format-text.js';
import { BotApiError, ErrorText } from './bot-api-error.js';
import { MAX_CAPTION_LENGTH, MAX_TEXT_LENGTH } from './bot-messages.js';
import type { entities, parseMode } from './params.js';

/** A message text as stored: markup turned into entities, trimmed; 400 when empty or too long. */
export function messageText(
  text: string,
  mode: z.output<typeof parseMode> | undefined,
  explicit: z.output<typeof entities> | undefined,
): FormattedText {
  const formatted = trimFormatted(formatText(text, mode, explicit));
  if (formatted.text === '') throw new BotApiError(400, ErrorText.textEmpty);
  if (formatted.text.length > MAX_TEXT_LENGTH) throw new BotApiError(400, ErrorText.textTooLong);
  return formatted;
}

/** A caption as stored (undefined when empty); 400 when over Telegram's 1024 characters. */
export function captionOf(
  caption: string | undefined,
  mode: z.output<typeof parseMode> | undefined,
  explicit: z.output<typeof entities> | undefined,
): FormattedText | undefined {
  if (caption === undefined) return undefined;
  const formatted = trimFormatted(formatText(caption, mode, explicit));
  if (formatted.text.length > MAX_CAPTION_LENGTH) throw new BotApiError(400, ErrorText.captionTooLong);
  return formatted.text === '' ? undefined : formatted;
}
