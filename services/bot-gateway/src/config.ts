import { z } from 'zod';
import { nodeEnv, platformEnvSchema, secretsKey } from '@fieldgram/platform';

const positiveNumber = (fallback: number) => z.coerce.number().positive().default(fallback);

/** bot-gateway's environment (documented in .env.example); names operators and harnesses rely on. */
export const gatewayEnvSchema = platformEnvSchema
  .extend({
    /** Optional: a token set at run time through the admin API takes precedence once stored. */
    TELEGRAM_BOT_TOKEN: z
      .string()
      .trim()
      .regex(/^\d+:[A-Za-z0-9_-]+$/, { error: 'expected a bot token like 123456:ABC-DEF…' })
      .optional(),
    TELEGRAM_API_ROOT: z
      .url({ error: 'expected the Bot API base URL, e.g. https://api.telegram.org' })
      .default('https://api.telegram.org'),
    TELEGRAM_MODE: z.enum(['webhook', 'polling']).default('polling'),
    /** Public HTTPS URL Telegram posts updates to; the gateway serves it on HTTP_PORT at /telegram/webhook. */
    TELEGRAM_WEBHOOK_URL: z.url().optional(),
    TELEGRAM_WEBHOOK_SECRET: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,256}$/, { error: '1-256 characters: letters, digits, _ and -' })
      .optional(),
    /** 32 random bytes, base64: encrypts the bot token stored at run time. Required in production. */
    SECRETS_KEY: secretsKey.optional(),
    NODE_ENV: nodeEnv,
    OBJECT_STORAGE_DIR: z.string().default('.fieldgram/objects'),
    TELEGRAM_LIMIT_PER_SECOND: positiveNumber(30),
    TELEGRAM_LIMIT_PER_CHAT_PER_SECOND: positiveNumber(1),
    TELEGRAM_LIMIT_PER_GROUP_PER_MINUTE: positiveNumber(20),
    /** How long after an album's last part it is sent on as one event. */
    TELEGRAM_ALBUM_WAIT_MS: z.coerce.number().int().min(50).max(10_000).default(700),
  })
  .superRefine((env, context) => {
    if (env.NODE_ENV === 'production' && !env.SECRETS_KEY)
      context.addIssue({
        code: 'custom',
        path: ['SECRETS_KEY'],
        message: 'required when NODE_ENV=production (32 random bytes, base64: openssl rand -base64 32)',
      });
    if (env.TELEGRAM_MODE !== 'webhook') return;
    for (const name of ['TELEGRAM_WEBHOOK_URL', 'TELEGRAM_WEBHOOK_SECRET'] as const) {
      if (!env[name])
        context.addIssue({ code: 'custom', path: [name], message: 'required when TELEGRAM_MODE=webhook' });
    }
  });
export type GatewayEnv = z.output<typeof gatewayEnvSchema>;
