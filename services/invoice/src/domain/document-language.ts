import { personLang, type LanguageHolder } from '@fieldgram/bot-ui';
import type { Language } from '@fieldgram/contracts';

export interface DocumentLanguageSettings {
  /** DOCUMENT_LANGUAGE: one language for every document, whoever reads it. */
  forced: Language | undefined;
  /** ORG_LANGUAGE: for a reader whose own language is not known. */
  orgDefault: Language;
}

/**
 * The language a document is rendered in: the one the organization forces, else the one asked
 * for (`?lang=`), else its reader's (chosen, else their Telegram app's), else the organization's.
 */
export function documentLanguage(
  settings: DocumentLanguageSettings,
  reader: { asked?: Language | undefined; person?: LanguageHolder | null | undefined },
): Language {
  if (settings.forced) return settings.forced;
  if (reader.asked) return reader.asked;
  return reader.person ? personLang(reader.person, settings.orgDefault) : settings.orgDefault;
}
