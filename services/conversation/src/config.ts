import { z } from 'zod';
import { CurrencySchema } from '@fieldgram/contracts';
import { orgLanguage, platformEnvSchema } from '@fieldgram/platform';

/** conversation's environment (documented in .env.example). */
export const conversationEnvSchema = platformEnvSchema.extend({
  /** The organization's language: for users who chose none and whose Telegram does not say theirs. */
  ORG_LANGUAGE: orgLanguage,
  /** How long a chat's session (language, menu and wizard state) lives after its last update. */
  CONVERSATION_SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Updates handled at once by one instance (one chat's stay in order regardless). */
  CONVERSATION_PREFETCH: z.coerce.number().int().min(1).max(1_000).default(100),
  /** How long a question to identity may take before the update is retried. */
  IDENTITY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  /** How long the task service may take to answer a technician's tap before the update is retried. */
  TASK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  /** How long the waybill service may take to answer (a waybill, a list, a PDF); then retried. */
  WAYBILL_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  /** How long the claims service may take to answer (a claim filed, a list, a status change). */
  CLAIMS_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  /**
   * The currency clients claim amounts in (ISO 4217): the claims service's own setting, read under
   * the same name so one line configures both (the form asks and reads amounts in it).
   */
  CLAIMS_CURRENCY: z.string().trim().toUpperCase().pipe(CurrencySchema).default('RUB'),
});
export type ConversationEnv = z.output<typeof conversationEnvSchema>;
