import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ConfigIssue } from '@fieldgram/platform';

/** The secrets `npm start` makes for a local trial and production must be given. */
export const GENERATED_SECRETS = {
  SECRETS_KEY:
    'encrypts secrets at rest (the bot token): 32 random bytes, base64 (`openssl rand -base64 32`)',
  JWT_SECRET: 'signs the API’s access and refresh tokens: at least 32 random characters',
} as const;
export type GeneratedSecret = keyof typeof GENERATED_SECRETS;

export function isProduction(env: NodeJS.ProcessEnv): boolean {
  return env.NODE_ENV?.trim() === 'production';
}

/** In production, each generated secret that is not set (an empty value counts as unset). */
export function missingProductionSecrets(env: NodeJS.ProcessEnv): ConfigIssue[] {
  if (!isProduction(env)) return [];
  return (Object.keys(GENERATED_SECRETS) as GeneratedSecret[])
    .filter((variable) => !env[variable]?.trim())
    .map((variable) => ({
      variable,
      problem: `required when NODE_ENV=production; it ${GENERATED_SECRETS[variable]}`,
    }));
}

/**
 * Outside production: a development secret made once and kept in the state directory (never
 * committed), so tokens and the stored bot token survive restarts.
 */
export function ensureDevSecret(variable: GeneratedSecret, stateDir: string, env: NodeJS.ProcessEnv): void {
  if (env[variable]?.trim()) return;
  const file = path.join(stateDir, variable.toLowerCase());
  if (!existsSync(file)) {
    mkdirSync(stateDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  env[variable] = readFileSync(file, 'utf8').trim();
}
