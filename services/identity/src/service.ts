import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { loadMigrationDirectory, ServiceRuntime } from '@fieldgram/platform';
import { messages, type Messages } from '@fieldgram/contracts';
import type { IdentityEnv } from './config.js';
import { BotLinks } from './links/bot-links.js';
import { ensureFirstAdmin } from './bootstrap/first-admin.js';
import type { IdentityContext } from './handlers/context.js';
import { registerFromTelegramHandler } from './handlers/register-from-telegram.js';
import { getUserHandler } from './handlers/get-user.js';
import { getUserByTelegramHandler } from './handlers/get-user-by-telegram.js';
import { listUsersHandler } from './handlers/list-users.js';
import { createUserHandler } from './handlers/create-user.js';
import { updateUserHandler } from './handlers/update-user.js';
import { authenticateHandler } from './handlers/authenticate.js';
import { changePasswordHandler } from './handlers/change-password.js';
import { createInviteHandler } from './handlers/create-invite.js';
import { getJoinLinkHandler } from './handlers/get-join-link.js';
import { createTelegramLinkHandler } from './handlers/create-telegram-link.js';
import { disconnectTelegramHandler } from './handlers/disconnect-telegram.js';
import { describeTokenHandler } from './handlers/describe-token.js';

const MIGRATIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'migrations');
export const SERVICE_NAME = 'identity';

export interface IdentityService {
  runtime: ServiceRuntime<Messages>;
  links: BotLinks;
}

export interface IdentityServiceOptions {
  logger?: Logger;
  /** How long the bot username from bot-gateway is trusted (default 60 s). */
  botUsernameCacheMs?: number;
  /** How long the TELEGRAM_BOT_USERNAME fallback is used before asking again (default 10 s). */
  botUsernameFallbackCacheMs?: number;
}

/**
 * Wiring: people, roles, invites, Telegram links and REST credentials, all answered over
 * request/reply on `identity.queries`; the events go out through the outbox.
 */
export async function createIdentityService(
  env: IdentityEnv,
  options: IdentityServiceOptions = {},
): Promise<IdentityService> {
  const runtime = new ServiceRuntime({
    name: SERVICE_NAME,
    registry: messages,
    env,
    migrations: await loadMigrationDirectory(MIGRATIONS),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const links = new BotLinks({
    lookup: async () =>
      (await runtime.rpc.request('bot-gateway.get-settings', {}, { timeoutMs: 1_500 })).username,
    fallback: env.TELEGRAM_BOT_USERNAME,
    logger: runtime.logger,
    ...(options.botUsernameCacheMs !== undefined ? { cacheMs: options.botUsernameCacheMs } : {}),
    ...(options.botUsernameFallbackCacheMs !== undefined
      ? { fallbackCacheMs: options.botUsernameFallbackCacheMs }
      : {}),
  });
  const context: IdentityContext = { runtime, links, env };

  runtime
    // Before the responder: `identity.authenticate` must find the first admin from its first answer.
    .part({
      name: 'first-admin',
      start: async () => {
        await ensureFirstAdmin({ env, uow: runtime.uow, db: runtime.db, logger: runtime.logger });
      },
      stop: () => Promise.resolve(),
    })
    .respond({
      queue: 'identity.queries',
      handlers: {
        'identity.register-from-telegram': registerFromTelegramHandler(context),
        'identity.get-user-by-telegram': getUserByTelegramHandler(context),
        'identity.get-user': getUserHandler(context),
        'identity.list-users': listUsersHandler(context),
        'identity.create-user': createUserHandler(context),
        'identity.update-user': updateUserHandler(context),
        'identity.authenticate': authenticateHandler(context),
        'identity.change-password': changePasswordHandler(context),
        'identity.create-invite': createInviteHandler(context),
        'identity.get-join-link': getJoinLinkHandler(context),
        'identity.create-telegram-link': createTelegramLinkHandler(context),
        'identity.disconnect-telegram': disconnectTelegramHandler(context),
        'identity.describe-token': describeTokenHandler(context),
      },
    });
  return { runtime, links };
}
