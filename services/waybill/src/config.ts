import { z } from 'zod';
import type { DocumentLanguageSettings } from '@fieldgram/bot-ui';
import { languageSetting, orgLanguage, platformEnvSchema } from '@fieldgram/platform';
import { DEFAULT_PAYMENT_METHODS, parsePaymentMethods } from './domain/payment-methods.js';

/** waybill's environment (documented in .env.example). */
export const waybillEnvSchema = platformEnvSchema.extend({
  /** Where waybill PDFs go (`waybills/<year>/<number>.<lang>.pdf`); bot-gateway and the API read them. */
  OBJECT_STORAGE_DIR: z.string().trim().min(1).default('.fieldgram/objects'),
  /** The organization on the waybill's header (the same variable as invoice's). */
  ORG_NAME: z.string().trim().min(1).max(200).default('fieldgram'),
  /** Address, tax ids, phone: several lines (a literal `\n` in the variable breaks a line). */
  ORG_DETAILS: z
    .string()
    .optional()
    .transform((value) => value?.replace(/\\n/g, '\n').trim() || undefined),
  /** The organization's default language: for a reader whose own language is not known. */
  ORG_LANGUAGE: orgLanguage,
  /** Forces one language on every document (the PDF and the bot's caption); unset, each reader's. */
  DOCUMENT_LANGUAGE: languageSetting.optional(),
  /**
   * The payment methods a client chooses from, in order (S1-02): `card,bank_transfer,courier=Courier/Курьер`.
   * Unset: sender_cash, receiver_cash, card, bank_transfer.
   */
  WAYBILL_PAYMENT_METHODS: z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined) return [...DEFAULT_PAYMENT_METHODS];
      const parsed = parsePaymentMethods(value);
      if (parsed.ok) return parsed.methods;
      context.addIssue({ code: 'custom', message: parsed.problem });
      return z.NEVER;
    }),
});
export type WaybillEnv = z.output<typeof waybillEnvSchema>;

/** The document-language settings of DOCUMENT_LANGUAGE and ORG_LANGUAGE. */
export function documentSettings(env: WaybillEnv): DocumentLanguageSettings {
  return { forced: env.DOCUMENT_LANGUAGE, orgDefault: env.ORG_LANGUAGE };
}
