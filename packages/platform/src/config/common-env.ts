import { z } from 'zod';
import { LANGUAGES } from '@fieldgram/contracts';
import { LOG_LEVELS } from '../log/levels.js';

/** Reusable schemas for the variables every service reads (DESIGN §9; documented in .env.example). */

function urlWithScheme(schemes: readonly string[]) {
  const expected = `expected a URL starting with ${schemes.map((s) => `${s}://`).join(' or ')}`;
  return z
    .string()
    .trim()
    .refine((value) => hasScheme(value, schemes), { error: expected });
}

function hasScheme(value: string, schemes: readonly string[]): boolean {
  const scheme = /^([a-z]+):\/\//i.exec(value)?.[1]?.toLowerCase();
  return scheme !== undefined && schemes.includes(scheme) && URL.canParse(value);
}

export const databaseUrl = urlWithScheme(['postgres', 'postgresql']);
export const amqpUrl = urlWithScheme(['amqp', 'amqps']);
export const redisUrl = urlWithScheme(['redis', 'rediss']);

const PORT_PROBLEM = 'expected an integer 0-65535';

/** 0 (the default) lets the OS pick a free port, so several services can share a dev machine. */
export const httpPort = z
  .string()
  .trim()
  .refine((value) => /^\d{1,5}$/.test(value) && Number(value) <= 65_535, { error: PORT_PROBLEM })
  .transform(Number)
  .default(0);

export const logLevel = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')}` }))
  .default('info');

/** A language setting (`ru` | `en`, in any case). */
export const languageSetting = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(LANGUAGES, { error: `expected one of ${LANGUAGES.join(', ')}` }));

/** `ORG_LANGUAGE`: the organization's default, for people whose own language is not known. */
export const orgLanguage = languageSetting.default('ru');

/**
 * The local services on their standard ports (scripts/ensure-infra.sh starts them), so a newcomer
 * runs a service with no .env. Production sets every URL; a set-but-malformed value always fails.
 */
export const LOCAL_DEFAULTS = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
  AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
  REDIS_URL: 'redis://127.0.0.1:6379',
} as const;

export const platformEnvSchema = z.object({
  DATABASE_URL: databaseUrl.default(LOCAL_DEFAULTS.DATABASE_URL),
  AMQP_URL: amqpUrl.default(LOCAL_DEFAULTS.AMQP_URL),
  REDIS_URL: redisUrl.default(LOCAL_DEFAULTS.REDIS_URL),
  /** Every key a service writes starts with this; lets several stacks (or tests) share one Redis. */
  REDIS_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_:.-]{1,64}$/, { error: 'expected 1-64 letters, digits or _ : . -' })
    .default('fg:'),
  /**
   * Connections one service may hold to PostgreSQL. Every service has its own pool, so the stack
   * holds up to this × its services, plus one listener each: keep that under the server's
   * max_connections (100 by default); ten services at 5 hold at most 60.
   */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(5),
  HTTP_PORT: httpPort,
  LOG_LEVEL: logLevel,
});
export type PlatformEnv = z.output<typeof platformEnvSchema>;
