import { z } from 'zod';
import { platformEnvSchema } from '@fieldgram/platform';

/** identity's environment (documented in .env.example). */
export const identityEnvSchema = platformEnvSchema
  .extend({
    /** `production` refuses to start without a first admin from ADMIN_LOGIN / ADMIN_PASSWORD. */
    NODE_ENV: z.string().trim().default('development'),
    /** The first admin, created once when no admin with a login exists yet. */
    ADMIN_LOGIN: z.string().trim().min(3, { error: 'expected 3-64 characters' }).max(64).optional(),
    ADMIN_PASSWORD: z.string().min(8, { error: 'expected at least 8 characters' }).max(200).optional(),
    /** The bot in deep links while bot-gateway does not say (no bot connected, gateway down). */
    TELEGRAM_BOT_USERNAME: z
      .string()
      .trim()
      .transform((name) => name.replace(/^@/, ''))
      .pipe(z.string().regex(/^[A-Za-z0-9_]{3,64}$/, { error: 'expected a bot username like my_bot' }))
      .default('fieldgram_bot'),
    /** How long a Telegram link token (S2-01) stays valid. */
    TELEGRAM_LINK_TTL_HOURS: z.coerce.number().int().min(1).max(720).default(24),
    /**
     * The manager (login or user id) every joining client gets (S1-01); unset: the active manager
     * with the fewest clients. Checked at start; while they are inactive, the fewest-clients rule.
     */
    CLIENT_DEFAULT_MANAGER: z.string().trim().min(1).max(64).optional(),
  })
  .superRefine((env, context) => {
    const [login, password] = [env.ADMIN_LOGIN, env.ADMIN_PASSWORD];
    if (login !== undefined && password === undefined)
      context.addIssue({ code: 'custom', path: ['ADMIN_PASSWORD'], message: 'required with ADMIN_LOGIN' });
    if (password !== undefined && login === undefined)
      context.addIssue({ code: 'custom', path: ['ADMIN_LOGIN'], message: 'required with ADMIN_PASSWORD' });
  });
export type IdentityEnv = z.output<typeof identityEnvSchema>;

export function isProduction(env: Pick<IdentityEnv, 'NODE_ENV'>): boolean {
  return env.NODE_ENV === 'production';
}
