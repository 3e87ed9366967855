import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { pino, type Logger } from 'pino';
import type { BotSettings } from '@fieldgram/contracts';
import {
  asUser,
  fakeResponder,
  schemaDb,
  serviceEnvValues,
  serviceTestRunner,
  type Closable,
  type PeerFactories,
  type SchemaDb,
  type ServiceTestRun,
  type TestEnv,
} from '@fieldgram/testkit';
import { identityEnvSchema, type IdentityEnv } from '../../src/config.js';
import { createIdentityService, type IdentityService } from '../../src/service.js';

// e2e/security.test.ts asks identity through this harness too.
export { Caller } from '@fieldgram/testkit';

export const IDENTITY_MAIN = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'src',
  'main.ts',
);
export const ADMIN = { login: 'root-admin', password: 'correct horse battery' };

/** identity's environment for a test: the TestEnv's servers, a known first admin unless overridden. */
export function identityEnvFor(
  env: TestEnv,
  overrides: Record<string, string | undefined> = {},
): IdentityEnv {
  const values: Record<string, string | undefined> = {
    ...serviceEnvValues(env),
    NODE_ENV: 'test',
    ADMIN_LOGIN: ADMIN.login,
    ADMIN_PASSWORD: ADMIN.password,
    TELEGRAM_BOT_USERNAME: 'fallback_bot',
    ...overrides,
  };
  return identityEnvSchema.parse(
    Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)),
  );
}

/** identity alone, as a deployment starts it (several at once, with a logger to read). */
export async function startIdentity(
  env: IdentityEnv,
  options: { logger?: Logger } = {},
): Promise<IdentityService> {
  const service = await createIdentityService(env, options);
  await service.runtime.start();
  return service;
}

export type IdentityRun<P = unknown> = ServiceTestRun<IdentityService, P>;

/**
 * identity on its TestEnv with its people and invite events tapped, and the stand-ins it asks;
 * `overrides` change its environment, `logger` replaces the quiet one (to read its warnings).
 */
export function startIdentityRun<P = Record<never, Closable>>(
  env: TestEnv,
  peers?: PeerFactories<P>,
  options: { overrides?: Record<string, string | undefined>; logger?: Logger } = {},
): Promise<IdentityRun<P>> {
  return serviceTestRunner({
    name: 'identity',
    env,
    events: ['user.#', 'invite.#'],
    ...(peers ? { peers } : {}),
    create: (_values, { logger }) =>
      createIdentityService(identityEnvFor(env, options.overrides), { logger: options.logger ?? logger }),
  });
}

/** Stands in for bot-gateway's `bot-gateway.get-settings` (the bot username in deep links). */
export function fakeBotGateway(username: string): (env: TestEnv) => Promise<Closable> {
  const settings: BotSettings = {
    connected: true,
    botId: 1,
    username,
    link: `https://t.me/${username}`,
    mode: 'polling',
    source: 'env',
  };
  return (env) => fakeResponder(env, { 'bot-gateway.get-settings': () => settings });
}

/** Direct reads and writes of identity's schema (to expire a token, count outbox rows). */
export function identityDb(env: TestEnv): SchemaDb {
  return schemaDb(env, 'identity');
}

export function asAdmin(userId: string) {
  return asUser(userId, 'admin');
}

/** A pino logger whose lines a test can read. */
export function capturingLogger(): { logger: Logger; entries: Record<string, unknown>[] } {
  const entries: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line.trim()) entries.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), entries };
}

let nextTelegramId = 700_000_000 + Math.floor(Math.random() * 1_000_000) * 100;
export function telegramProfile(firstName: string, extra: { lastName?: string; username?: string } = {}) {
  nextTelegramId += 1;
  return { telegramId: nextTelegramId, firstName, languageCode: 'en', ...extra };
}
