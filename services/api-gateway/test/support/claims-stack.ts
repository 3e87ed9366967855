import { serviceEnvValues, fakeResponder, type Closable } from '@fieldgram/testkit';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BusConnection, createMetrics, RpcClient, SecretBox, type ServiceRuntime } from '@fieldgram/platform';
import { messages, type Messages, type Waybill } from '@fieldgram/contracts';
import type { TestEnv } from '@fieldgram/testkit';
import { TelegramSandbox, type SandboxBot } from '@fieldgram/telegram-sandbox';
import { identityEnvSchema } from '@fieldgram/identity/config';
import { createIdentityService } from '@fieldgram/identity/service';
import { claimsEnvSchema } from '@fieldgram/claims/config';
import { createClaimsService } from '@fieldgram/claims/service';
import { gatewayEnvSchema } from '@fieldgram/bot-gateway/config';
import { createBotGateway } from '@fieldgram/bot-gateway/service';
import { apiGatewayEnvSchema } from '../../src/config.js';
import { createApiGateway } from '../../src/service.js';
import { ADMIN, silentLogger } from './api-stack.js';

/**
 * The REST API in front of the REAL identity, claims and bot-gateway services (the sandbox as
 * Telegram, so claim files are really copied), in this process on one TestEnv's servers; the
 * copies in a temporary directory bot-gateway writes and the gateway reads. The waybill service
 * is a stand-in answering `waybill.find` from `waybills`. `rpc` is a bus client of its own: what
 * the bot's side sends (a client filing a claim).
 */
export interface ClaimsStack {
  baseUrl: string;
  rpc: RpcClient<Messages>;
  sandbox: TelegramSandbox;
  bot: SandboxBot;
  /** The waybills `waybill.find` knows, by number. */
  waybills: Map<string, Waybill>;
  stop(): Promise<void>;
}

export async function startClaimsStack(env: TestEnv): Promise<ClaimsStack> {
  const objects = await mkdtemp(path.join(tmpdir(), 'fieldgram-objects-'));
  const sandbox = await TelegramSandbox.start({ limits: 'off' });
  const bot = sandbox.createBot({ username: 'claims_api_bot' });
  const base = serviceEnvValues(env);
  const waybills = new Map<string, Waybill>();
  const waybillService: Closable = await fakeResponder(env, {
    'waybill.find': ({ number }) => ({ waybill: waybills.get(number.toUpperCase()) ?? null }),
  });
  const [identity, claims, botGateway, api] = await Promise.all([
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
    createClaimsService(claimsEnvSchema.parse(base), { logger: silentLogger }),
    createBotGateway(
      gatewayEnvSchema.parse({
        ...base,
        SECRETS_KEY: SecretBox.generateKey(),
        TELEGRAM_API_ROOT: sandbox.apiRoot,
        TELEGRAM_BOT_TOKEN: bot.token,
        OBJECT_STORAGE_DIR: objects,
      }),
      { pollTimeoutSeconds: 1 },
    ),
    createApiGateway(
      apiGatewayEnvSchema.parse({
        ...base,
        API_PORT: '0',
        NODE_ENV: 'test',
        RPC_TIMEOUT_MS: '5000',
        OBJECT_STORAGE_DIR: objects,
      }),
    ),
  ]);
  const runtimes: ServiceRuntime<Messages>[] = [
    identity.runtime,
    claims.runtime,
    botGateway.runtime,
    api.runtime,
  ];
  await Promise.all(runtimes.map((runtime) => runtime.start()));

  const connection = await BusConnection.open({
    url: env.amqpUrl,
    name: 'api-claims-test',
    logger: silentLogger,
  });
  const rpc = await RpcClient.open({
    connection,
    registry: messages,
    source: 'test',
    logger: silentLogger,
    metrics: createMetrics({ service: 'api-claims-test' }),
  });
  return {
    baseUrl: `http://127.0.0.1:${api.apiPort()}`,
    rpc,
    sandbox,
    bot,
    waybills,
    async stop() {
      await rpc.close().catch(() => undefined);
      await connection.close().catch(() => undefined);
      await Promise.all(runtimes.map((runtime) => runtime.stop().catch(() => undefined)));
      await waybillService.close();
      await sandbox.stop();
      await rm(objects, { recursive: true, force: true });
    },
  };
}
