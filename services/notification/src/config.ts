import { z } from 'zod';
import { orgLanguage, platformEnvSchema } from '@fieldgram/platform';

/** notification's environment (documented in .env.example). */
export const notificationEnvSchema = platformEnvSchema.extend({
  /** The organization's default language: for people who chose none and whose Telegram does not say. */
  ORG_LANGUAGE: orgLanguage,
  /** Renamed to ORG_LANGUAGE (one name for the organization's default in every service). */
  NOTIFICATION_DEFAULT_LANGUAGE: z
    .undefined({ error: 'renamed: set ORG_LANGUAGE instead (the same for every service)' })
    .optional(),
});
export type NotificationEnv = z.output<typeof notificationEnvSchema>;
