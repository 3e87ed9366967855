import path from 'node:path';
import {
  KeyedSerializer,
  LocalDirectoryStorage,
  periodicTask,
  ServiceRuntime,
  type ObjectStorage,
} from '@fieldgram/platform';
import { messages, type Messages } from '@fieldgram/contracts';
import type { GatewayEnv } from './config.js';
import { BotSettingsStore } from './settings/bot-settings.js';
import { AlbumBuffer } from './ingress/album-buffer.js';
import { inboundPublisher } from './ingress/inbound-publisher.js';
import { UpdateIntake, type IntakeOutcome } from './ingress/update-intake.js';
import { Ingress } from './ingress/ingress.js';
import { webhookRouter } from './ingress/webhook-route.js';
import { TelegramSender } from './egress/telegram-sender.js';
import { tgOutHandler, type TgOutOptions } from './egress/handle-tg-out.js';
import { pruneProcessedCommands } from './store/gateway-store.js';
import { storeFileHandler } from './files/store-file.js';
import { MIGRATIONS } from '../migrations/index.js';

export const SERVICE_NAME = 'bot-gateway';

export interface BotGateway {
  runtime: ServiceRuntime<Messages>;
  bots: BotSettingsStore;
  sender: TelegramSender;
  /** How many updates ended how, since start (for tests and benchmarks). */
  intakeCounts: Record<IntakeOutcome, number>;
}

/**
 * Wiring: Telegram updates in (webhook or polling) → `tg.in.*` on fg.tg; `tg.out` commands →
 * Bot API calls; bot settings and copies of users' files (`bot-gateway.store-file`) over
 * request/reply.
 */
export function createBotGateway(
  env: GatewayEnv,
  options: { storage?: ObjectStorage; pollTimeoutSeconds?: number; tgOut?: TgOutOptions } = {},
): Promise<BotGateway> {
  const intakeCounts: Record<IntakeOutcome, number> = {
    published: 0,
    buffered: 0,
    duplicate: 0,
    ignored: 0,
    invalid: 0,
  };
  // The routes need the intake, which needs the runtime's bus: bound once they exist.
  let route: ReturnType<typeof webhookRouter> | undefined;
  const runtime = new ServiceRuntime({
    name: SERVICE_NAME,
    registry: messages,
    env,
    migrations: MIGRATIONS,
    redis: true,
    configureHttp: (app) =>
      app.use((request, response, next) => (route ? route(request, response, next) : next())),
  });
  const { logger } = runtime;
  const storage = options.storage ?? new LocalDirectoryStorage(path.resolve(env.OBJECT_STORAGE_DIR));
  const sender = new TelegramSender(
    {
      perSecond: env.TELEGRAM_LIMIT_PER_SECOND,
      perChatPerSecond: env.TELEGRAM_LIMIT_PER_CHAT_PER_SECOND,
      perGroupPerMinute: env.TELEGRAM_LIMIT_PER_GROUP_PER_MINUTE,
    },
    logger,
  );

  let ingress: Ingress | undefined;
  let albums: AlbumBuffer | undefined;
  const bots = new BotSettingsStore({
    db: runtime.db.knex,
    apiRoot: env.TELEGRAM_API_ROOT,
    envToken: env.TELEGRAM_BOT_TOKEN,
    secretsKey: env.SECRETS_KEY,
    mode: env.TELEGRAM_MODE,
    logger,
    onChange: async (bot) => ingress?.activate(bot),
  });

  runtime
    // Before the consumer: a command taken before the bot is known would wait out a retry delay.
    .part({ name: 'bot-settings', start: () => bots.load(), stop: () => Promise.resolve() })
    .consume({
      queue: 'bot-gateway.tg-out',
      handlers: {
        'tg.out': tgOutHandler(
          {
            db: runtime.db.knex,
            uow: runtime.uow,
            bots,
            sender,
            storage,
            chats: new KeyedSerializer(),
            logger,
          },
          options.tgOut,
        ),
      },
      // Many chats in flight at once; each chat's own messages stay in order.
      prefetch: 200,
    })
    .respond({
      handlers: {
        'bot-gateway.set-token': (request) => bots.setToken(request.data.botToken),
        'bot-gateway.get-settings': () => Promise.resolve(bots.view()),
        'bot-gateway.store-file': storeFileHandler({ bots, sender, storage }),
      },
      // A file copy holds up to 20 MB in memory: a few at a time per instance.
      prefetch: 8,
    })
    .part(
      periodicTask({
        name: 'processed-commands-pruning',
        intervalMs: 3_600_000,
        logger,
        task: () => pruneProcessedCommands(runtime.db.knex, 7 * 24 * 3_600_000),
      }),
    )
    .part({
      name: 'telegram-ingress',
      start: async () => {
        const publish = inboundPublisher(runtime.publisher, SERVICE_NAME);
        albums = new AlbumBuffer({
          redis: runtime.redis,
          publish,
          botId: () => bots.current()?.botId,
          logger,
          waitMs: env.TELEGRAM_ALBUM_WAIT_MS,
        });
        const intake = new UpdateIntake({
          redis: runtime.redis,
          publish,
          albums,
          logger,
          onOutcome: (outcome) => intakeCounts[outcome]++,
        });
        route = webhookRouter({
          secret: () => (env.TELEGRAM_MODE === 'webhook' ? env.TELEGRAM_WEBHOOK_SECRET : undefined),
          botId: () => ingress?.activeBotId(),
          intake,
          logger,
        });
        ingress = new Ingress({
          mode: env.TELEGRAM_MODE,
          webhookUrl: env.TELEGRAM_WEBHOOK_URL,
          webhookSecret: env.TELEGRAM_WEBHOOK_SECRET,
          intake,
          redis: runtime.redis,
          logger,
          ...(options.pollTimeoutSeconds !== undefined
            ? { pollTimeoutSeconds: options.pollTimeoutSeconds }
            : {}),
        });
        albums.start();
        const bot = bots.current();
        if (bot) await ingress.activate(bot);
      },
      stop: async () => {
        await ingress?.stop();
        await albums?.stop();
        sender.shutdown();
      },
    });
  return Promise.resolve({ runtime, bots, sender, intakeCounts });
}
