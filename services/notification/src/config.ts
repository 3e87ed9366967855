import { z } from 'zod';
import { platformEnvSchema } from '@fieldgram/platform';
import { LANGUAGES } from './domain/rules.js';

/** notification's environment (documented in .env.example). */
export const notificationEnvSchema = platformEnvSchema.extend({
  /** The language of notifications for people whose Telegram language is neither Russian nor English. */
  NOTIFICATION_DEFAULT_LANGUAGE: z.enum(LANGUAGES).default('ru'),
});
export type NotificationEnv = z.output<typeof notificationEnvSchema>;
