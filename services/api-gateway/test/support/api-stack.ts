import { serviceEnvValues } from '@fieldgram/testkit';
import { pino } from 'pino';
import type { TestEnv } from '@fieldgram/testkit';
import {
  BusConnection,
  createMetrics,
  Publisher,
  publishMessage,
  RpcClient,
  SecretBox,
  type ServiceRuntime,
} from '@fieldgram/platform';
import { messages, type DataInput, type Messages } from '@fieldgram/contracts';
import { TelegramSandbox } from '@fieldgram/telegram-sandbox';
import { gatewayEnvSchema } from '@fieldgram/bot-gateway/config';
import { createBotGateway } from '@fieldgram/bot-gateway/service';
import { identityEnvSchema } from '@fieldgram/identity/config';
import { createIdentityService } from '@fieldgram/identity/service';
import { notificationEnvSchema } from '@fieldgram/notification/config';
import { createNotificationService } from '@fieldgram/notification/service';
import { auditEnvSchema } from '@fieldgram/audit/config';
import { createAuditService } from '@fieldgram/audit/service';
import { apiGatewayEnvSchema } from '../../src/config.js';
import { createApiGateway, type ApiGateway } from '../../src/service.js';

export const ADMIN = { login: 'root-admin', password: 'correct horse battery' };
export const silentLogger = pino({ level: 'silent' });

/**
 * The REST API in front of the REAL identity, notification, audit and bot-gateway services, all
 * in this process on one TestEnv's servers, with the Telegram sandbox as the Bot API.
 */
export interface ApiStack {
  sandbox: TelegramSandbox;
  api: ApiGateway;
  baseUrl: string;
  runtimes: Record<'identity' | 'notification' | 'audit' | 'botGateway' | 'api', ServiceRuntime<Messages>>;
  /** A client of the bus of its own: what conversation or another service would send. */
  bus: {
    rpc: RpcClient<Messages>;
    publish(
      type: 'notification.created',
      data: DataInput<Messages, 'notification.created'>,
    ): Promise<unknown>;
  };
  stop(): Promise<void>;
}

export async function startApiStack(
  env: TestEnv,
  apiOverrides: Record<string, string> = {},
): Promise<ApiStack> {
  const sandbox = await TelegramSandbox.start({ limits: 'off' });
  const base = {
    ...serviceEnvValues(env),
  };
  const [identity, notification, audit, botGateway, api] = await Promise.all([
    createIdentityService(
      identityEnvSchema.parse({
        ...base,
        NODE_ENV: 'test',
        ADMIN_LOGIN: ADMIN.login,
        ADMIN_PASSWORD: ADMIN.password,
        TELEGRAM_BOT_USERNAME: 'fallback_bot',
      }),
      { botUsernameCacheMs: 0, botUsernameFallbackCacheMs: 0 },
    ),
    createNotificationService(notificationEnvSchema.parse({ ...base, ORG_LANGUAGE: 'en' })),
    createAuditService(auditEnvSchema.parse(base)),
    // No bot token yet: the settings tests connect one through the API (S0-01).
    createBotGateway(
      gatewayEnvSchema.parse({
        ...base,
        SECRETS_KEY: SecretBox.generateKey(),
        TELEGRAM_API_ROOT: sandbox.apiRoot,
      }),
      { pollTimeoutSeconds: 1 },
    ),
    createApiGateway(
      apiGatewayEnvSchema.parse({
        ...base,
        API_PORT: '0',
        NODE_ENV: 'test',
        RPC_TIMEOUT_MS: '1500',
        ...apiOverrides,
      }),
    ),
  ]);
  const runtimes = {
    identity: identity.runtime,
    notification: notification.runtime,
    audit: audit.runtime,
    botGateway: botGateway.runtime,
    api: api.runtime,
  };
  await Promise.all(Object.values(runtimes).map((runtime) => runtime.start()));

  const connection = await BusConnection.open({ url: env.amqpUrl, name: 'api-test', logger: silentLogger });
  const metrics = createMetrics({ service: 'api-test' });
  const rpc = await RpcClient.open({
    connection,
    registry: messages,
    source: 'test',
    logger: silentLogger,
    metrics,
  });
  const publisher = await Publisher.open({ connection, logger: silentLogger, metrics });

  return {
    sandbox,
    api,
    baseUrl: `http://127.0.0.1:${api.apiPort()}`,
    runtimes,
    bus: {
      rpc,
      publish: (type, data) => publishMessage(publisher, messages, 'test', type, data),
    },
    async stop() {
      await rpc.close().catch(() => undefined);
      await publisher.close().catch(() => undefined);
      await connection.close().catch(() => undefined);
      await Promise.all(Object.values(runtimes).map((runtime) => runtime.stop().catch(() => undefined)));
      await sandbox.stop();
    },
  };
}
