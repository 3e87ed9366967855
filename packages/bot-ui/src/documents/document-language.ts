import type { Language } from '@fieldgram/contracts';
import { personLang, type LanguageHolder } from '../text/lang.js';

/** How an organization picks the language of its documents (PDFs and their bot captions). */
export interface DocumentLanguageSettings {
  /** DOCUMENT_LANGUAGE: one language for every document, whoever reads it. */
  forced: Language | undefined;
  /** ORG_LANGUAGE: for a reader whose own language is not known. */
  orgDefault: Language;
}

/**
 * The language a document is rendered in: the one the organization forces, else the one asked
 * for (`?lang=`), else its reader's (chosen, else their Telegram app's), else the organization's.
 * Every service that renders documents (invoice, waybill) decides it here.
 */
export function documentLanguage(
  settings: DocumentLanguageSettings,
  reader: { asked?: Language | undefined; person?: LanguageHolder | null | undefined },
): Language {
  if (settings.forced) return settings.forced;
  if (reader.asked) return reader.asked;
  return reader.person ? personLang(reader.person, settings.orgDefault) : settings.orgDefault;
}

/** A date (YYYY-MM-DD, or the date part of an ISO timestamp) as 31.12.2026 (ru) or 2026-12-31 (en). */
export function formatDocumentDate(isoDate: string, language: Language): string {
  const [year, month, day] = isoDate.slice(0, 10).split('-');
  return language === 'ru' ? `${day}.${month}.${year}` : `${year}-${month}-${day}`;
}
