import { z } from 'zod';
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
});
export type ConversationEnv = z.output<typeof conversationEnvSchema>;
