import type { Logger } from 'pino';
import { ServiceRuntime } from '@fieldgram/platform';
import { messages, type Messages } from '@fieldgram/contracts';
import type { IdentityEnv } from './config.js';
import { BotLinks } from './links/bot-links.js';
import { ensureFirstAdmin } from './bootstrap/first-admin.js';
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
import { assignManagerHandler } from './handlers/assign-manager.js';
import { checkDefaultManager } from './bootstrap/default-manager.js';
import { MIGRATIONS } from '../migrations/index.js';

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
export function createIdentityService(
  env: IdentityEnv,
  options: IdentityServiceOptions = {},
): Promise<IdentityService> {
  const runtime = new ServiceRuntime({
    name: SERVICE_NAME,
    registry: messages,
    env,
    migrations: MIGRATIONS,
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
  // What the handlers may use; each one's own type names the part it needs.
  const ports = {
    uow: runtime.uow,
    db: runtime.db.knex,
    links,
    linkTtlHours: env.TELEGRAM_LINK_TTL_HOURS,
    managerRule: { defaultManager: env.CLIENT_DEFAULT_MANAGER, logger: runtime.logger },
  };

  runtime
    // Before the responder: `identity.authenticate` must find the first admin from its first answer.
    .part({
      name: 'first-admin',
      start: async () => {
        await ensureFirstAdmin({ env, uow: runtime.uow, db: runtime.db, logger: runtime.logger });
      },
      stop: () => Promise.resolve(),
    })
    // CLIENT_DEFAULT_MANAGER must name a manager before anyone is assigned to them (S1-01).
    .part({
      name: 'default-manager',
      start: async () => {
        await checkDefaultManager(env, runtime.db.knex, runtime.logger);
      },
      stop: () => Promise.resolve(),
    })
    .respond({
      handlers: {
        'identity.register-from-telegram': registerFromTelegramHandler(ports),
        'identity.get-user-by-telegram': getUserByTelegramHandler(ports),
        'identity.get-user': getUserHandler(ports),
        'identity.list-users': listUsersHandler(ports),
        'identity.create-user': createUserHandler(ports),
        'identity.update-user': updateUserHandler(ports),
        'identity.authenticate': authenticateHandler(ports),
        'identity.change-password': changePasswordHandler(ports),
        'identity.create-invite': createInviteHandler(ports),
        'identity.get-join-link': getJoinLinkHandler(ports),
        'identity.create-telegram-link': createTelegramLinkHandler(ports),
        'identity.disconnect-telegram': disconnectTelegramHandler(ports),
        'identity.describe-token': describeTokenHandler(ports),
        'identity.assign-manager': assignManagerHandler(ports),
      },
    });
  return Promise.resolve({ runtime, links });
}
