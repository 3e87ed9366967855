import { BotApiError } from '../methods/bot-api-error.js';
import type { TelegramMessageEntity } from '../telegram-types.js';
import { EntityParseError } from './entity-parse-error.js';
import { parseHtml } from './html.js';
import { parseLegacyMarkdown, parseMarkdownV2 } from './markdown.js';

export type ParseMode = 'HTML' | 'Markdown' | 'MarkdownV2';

export interface FormattedText {
  text: string;
  entities?: TelegramMessageEntity[];
}

/**
 * What Telegram stores for a text or caption: markup removed and turned into entities, or the
 * explicit entities as given. Bad markup is 400 "can't parse entities: …".
 */
export function formatText(
  source: string,
  parseMode: ParseMode | undefined,
  explicitEntities: TelegramMessageEntity[] | undefined,
): FormattedText {
  if (parseMode === undefined) {
    return explicitEntities === undefined || explicitEntities.length === 0
      ? { text: source }
      : { text: source, entities: explicitEntities };
  }
  try {
    const parsed =
      parseMode === 'HTML'
        ? parseHtml(source)
        : parseMode === 'MarkdownV2'
          ? parseMarkdownV2(source)
          : parseLegacyMarkdown(source);
    return parsed.entities.length === 0 ? { text: parsed.text } : parsed;
  } catch (error) {
    if (error instanceof EntityParseError) {
      throw new BotApiError(400, `Bad Request: can't parse entities: ${error.message}`);
    }
    throw error;
  }
}

/** Telegram trims whitespace around a text or caption; entities move with the text. */
export function trimFormatted(formatted: FormattedText): FormattedText {
  const leading = formatted.text.length - formatted.text.trimStart().length;
  const text = formatted.text.trim();
  if (formatted.entities === undefined) return { text };
  const entities = formatted.entities
    .map((entity) => {
      const start = Math.max(0, entity.offset - leading);
      const end = Math.min(text.length, entity.offset - leading + entity.length);
      return { ...entity, offset: start, length: end - start };
    })
    .filter((entity) => entity.length > 0);
  return entities.length === 0 ? { text } : { text, entities };
}
