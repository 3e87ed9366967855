import { z } from 'zod';
import { languageSetting, orgLanguage, platformEnvSchema } from '@fieldgram/platform';
import type { DocumentLanguageSettings } from '@fieldgram/bot-ui';

/** invoice's environment (documented in .env.example). */
export const invoiceEnvSchema = platformEnvSchema.extend({
  /** Where invoice PDFs go (`invoices/<year>/<number>.pdf`); bot-gateway reads the same directory. */
  OBJECT_STORAGE_DIR: z.string().trim().min(1).default('.fieldgram/objects'),
  /** The organization on the invoice's header. */
  ORG_NAME: z.string().trim().min(1).max(200).default('fieldgram'),
  /** Address, tax ids, bank details: several lines (a literal `\n` in the variable breaks a line). */
  ORG_DETAILS: z
    .string()
    .optional()
    .transform((value) => value?.replace(/\\n/g, '\n').trim() || undefined),
  /** The organization's default language: for a reader whose own language is not known. */
  ORG_LANGUAGE: orgLanguage,
  /**
   * Forces one language on every document (PDF labels, money and date formats, the bot's
   * caption); unset, each is in its reader's language.
   */
  DOCUMENT_LANGUAGE: languageSetting.optional(),
  /** Test-short delay of the overdue check after a send; by default, the end of the due date (UTC). */
  INVOICE_OVERDUE_DELAY_MS: z.coerce.number().int().min(0).max(86_400_000).optional(),
});
export type InvoiceEnv = z.output<typeof invoiceEnvSchema>;

/** The document-language settings of DOCUMENT_LANGUAGE and ORG_LANGUAGE. */
export function documentSettings(env: InvoiceEnv): DocumentLanguageSettings {
  return { forced: env.DOCUMENT_LANGUAGE, orgDefault: env.ORG_LANGUAGE };
}
