// Telegram pushes through the REAL bot-gateway and the Telegram sandbox: the tg.out command
// notification builds is carried out, and the gateway's outcome closes the delivery log (S2-03).
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestEnv } from '@fieldgram/testkit';
import { SecretBox } from '@fieldgram/platform';
import { TelegramSandbox, type SandboxBot } from '@fieldgram/telegram-sandbox';
import { gatewayEnvSchema } from '../../bot-gateway/src/config.js';
import { createBotGateway, type BotGateway } from '../../bot-gateway/src/service.js';
import type { NotificationService } from '../src/service.js';
import { listDeliveries } from '../src/store/delivery-store.js';
import {
  BusPeer,
  IdentityDouble,
  notificationDb,
  person,
  startNotification,
  waitFor,
} from './support/notification-harness.js';

const env = useTestEnv('notification-tg');
let sandbox: TelegramSandbox;
let bot: SandboxBot;
let gateway: BotGateway;
let service: NotificationService;
let identity: IdentityDouble;
let bus: BusPeer;
let db: Knex;

beforeAll(async () => {
  sandbox = await TelegramSandbox.start({ limits: 'off' });
  bot = sandbox.createBot({ username: 'fieldgram_bot' });
  identity = await IdentityDouble.start(env());
  bus = await BusPeer.open(env());
  gateway = await createBotGateway(
    gatewayEnvSchema.parse({
      DATABASE_URL: env().databaseUrl,
      AMQP_URL: env().amqpUrl,
      REDIS_URL: env().redisUrl,
      REDIS_PREFIX: env().redisPrefix,
      HTTP_PORT: '0',
      LOG_LEVEL: 'silent',
      SECRETS_KEY: SecretBox.generateKey(),
      TELEGRAM_API_ROOT: sandbox.apiRoot,
      TELEGRAM_BOT_TOKEN: bot.token,
    }),
    { pollTimeoutSeconds: 1 },
  );
  await gateway.runtime.start();
  service = await startNotification(env());
  db = notificationDb(env());
});
afterAll(async () => {
  await service?.runtime.stop();
  await gateway?.runtime.stop();
  await bus?.close();
  await identity?.stop();
  await db?.destroy();
  await sandbox?.stop();
});

describe('Telegram pushes through bot-gateway', () => {
  it('reaches an admin on Telegram (sent); an admin who blocked the bot is logged failed with the error', async () => {
    const olgaTg = sandbox.createUser({ firstName: 'Ольга', languageCode: 'ru' });
    const jackTg = sandbox.createUser({ firstName: 'Jack', languageCode: 'en' });
    await jackTg.blockBot(bot.token);
    const olga = person({ role: 'admin', name: 'Ольга', telegramId: olgaTg.id, languageCode: 'ru' });
    const jack = person({ role: 'admin', name: 'Jack', telegramId: jackTg.id, languageCode: 'en' });
    identity.people = [olga, jack];

    const technician = person({ role: 'technician', name: 'Пётр' });
    await bus.publish('identity', 'user.registered', {
      userId: technician.id,
      role: 'technician',
      name: 'Пётр',
      telegramId: 5002,
      username: null,
      profileLink: 'tg://user?id=5002',
      via: 'invite',
    });

    await sandbox.waitForEvent(
      bot.token,
      olgaTg.id,
      (e) => e.kind === 'message' && e.message?.text === 'Добавлен новый техник (Пётр)',
    );
    const telegramOf = async (recipientId: string) =>
      (await listDeliveries(db, { recipientId })).find((d) => d.channel === 'telegram');
    const sent = await waitFor(
      async () => (await telegramOf(olga.id))?.status === 'sent' && telegramOf(olga.id),
      {
        message: "Olga's push marked sent",
      },
    );
    expect(sent).toMatchObject({ attempts: 1, error: null, chatId: olgaTg.id });
    expect(sent.sentAt).toBeInstanceOf(Date);

    const failed = await waitFor(
      async () => (await telegramOf(jack.id))?.status === 'failed' && telegramOf(jack.id),
      { message: "Jack's push marked failed" },
    );
    expect(failed).toMatchObject({
      attempts: 1,
      sentAt: null,
      message: 'New technician added (Пётр)',
      error: expect.stringMatching(/^403: Forbidden: bot was blocked by the user/) as string,
    });
    // Blocked or not, both still have it in their feed.
    expect(
      (await listDeliveries(db)).filter((d) => d.channel === 'feed' && d.status === 'sent'),
    ).toHaveLength(2);
  });
});
