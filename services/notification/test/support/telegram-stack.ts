import type { Knex } from 'knex';
import { SecretBox } from '@fieldgram/platform';
import { serviceEnvValues, type TestEnv } from '@fieldgram/testkit';
import { TelegramSandbox, type SandboxBot } from '@fieldgram/telegram-sandbox';
import { gatewayEnvSchema } from '../../../bot-gateway/src/config.js';
import { createBotGateway, type BotGateway } from '../../../bot-gateway/src/service.js';
import type { NotificationService } from '../../src/service.js';
import { BusPeer, IdentityDouble, notificationDb, startNotification } from './notification-harness.js';

/** notification with the REAL bot-gateway in front of the Telegram sandbox, identity as the double. */
export interface TelegramStack {
  sandbox: TelegramSandbox;
  bot: SandboxBot;
  gateway: BotGateway;
  service: NotificationService;
  identity: IdentityDouble;
  bus: BusPeer;
  db: Knex;
  stop(): Promise<void>;
}

export async function startTelegramStack(env: TestEnv): Promise<TelegramStack> {
  const sandbox = await TelegramSandbox.start({ limits: 'off' });
  const bot = sandbox.createBot({ username: 'fieldgram_bot' });
  const identity = await IdentityDouble.start(env);
  const bus = await BusPeer.open(env);
  const gateway = await createBotGateway(
    gatewayEnvSchema.parse({
      ...serviceEnvValues(env),
      SECRETS_KEY: SecretBox.generateKey(),
      TELEGRAM_API_ROOT: sandbox.apiRoot,
      TELEGRAM_BOT_TOKEN: bot.token,
    }),
    { pollTimeoutSeconds: 1 },
  );
  await gateway.runtime.start();
  const service = await startNotification(env);
  const db = notificationDb(env);
  return {
    sandbox,
    bot,
    gateway,
    service,
    identity,
    bus,
    db,
    async stop() {
      await service.runtime.stop();
      await gateway.runtime.stop();
      await bus.close();
      await identity.stop();
      await db.destroy();
      await sandbox.stop();
    },
  };
}
