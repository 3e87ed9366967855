import { LANGUAGES, type Language } from '@fieldgram/contracts';

/** The languages the bot speaks (DESIGN §5): the contracts' list, so a person's choice is one of them. */
export const LANGS = LANGUAGES;
export type Lang = Language;

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

/** What decides a person's language: identity's `User` has both fields. */
export interface LanguageHolder {
  /** Chosen by staff; wins over everything. */
  language?: Lang | null | undefined;
  /** What their Telegram app says. */
  languageCode?: string | null | undefined;
}

/**
 * The language everything addressed to a person is in (the bot's messages, notifications,
 * documents): their chosen one, else their Telegram app's, else the organization's default.
 */
export function personLang(person: LanguageHolder, orgLang: Lang): Lang {
  return person.language ?? langFromTelegram(person.languageCode, orgLang);
}
