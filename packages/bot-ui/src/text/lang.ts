/** The languages the bot speaks (DESIGN §5). */
export const LANGS = ['ru', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** The organization's language when a user's is not known. */
export const ORG_DEFAULT_LANG: Lang = 'ru';

/** Languages whose speakers are better served in Russian than in English. */
const RUSSIAN_READERS = new Set(['ru', 'uk', 'be', 'kk']);

export function isLang(value: unknown): value is Lang {
  return value === 'ru' || value === 'en';
}

/**
 * The bot's language for Telegram's `language_code` (an IETF tag such as `en`, `ru`, `pt-br`):
 * Russian for ru, uk, be and kk, English for any other, and the organization's default when
 * Telegram did not say.
 */
export function langFromTelegram(
  languageCode: string | null | undefined,
  fallback: Lang = ORG_DEFAULT_LANG,
): Lang {
  const primary = languageCode?.trim().toLowerCase().split(/[-_]/)[0];
  if (!primary) return fallback;
  return RUSSIAN_READERS.has(primary) ? 'ru' : 'en';
}
