import { serviceEnvValues } from '@fieldgram/testkit';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BusConnection, createMetrics, RpcClient, type ServiceRuntime } from '@fieldgram/platform';
import { messages, type Messages } from '@fieldgram/contracts';
import type { TestEnv } from '@fieldgram/testkit';
import { identityEnvSchema } from '@fieldgram/identity/config';
import { createIdentityService } from '@fieldgram/identity/service';
import { waybillEnvSchema } from '@fieldgram/waybill/config';
import { createWaybillService } from '@fieldgram/waybill/service';
import { apiGatewayEnvSchema } from '../../src/config.js';
import { createApiGateway } from '../../src/service.js';
import { ADMIN, silentLogger } from './api-stack.js';

/**
 * The REST API in front of the REAL identity and waybill services, in this process on one
 * TestEnv's servers; waybill PDFs in a temporary directory both waybill and the gateway read.
 * `rpc` is a bus client of its own: what the bot's side sends (a client confirming a waybill).
 */
export interface WaybillStack {
  baseUrl: string;
  rpc: RpcClient<Messages>;
  stop(): Promise<void>;
}

export async function startWaybillStack(env: TestEnv): Promise<WaybillStack> {
  const objects = await mkdtemp(path.join(tmpdir(), 'fieldgram-objects-'));
  const base = serviceEnvValues(env);
  const [identity, waybill, api] = await Promise.all([
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
    createWaybillService(
      waybillEnvSchema.parse({ ...base, OBJECT_STORAGE_DIR: objects, ORG_NAME: 'ООО «Быстрая доставка»' }),
      { logger: silentLogger },
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
  const runtimes: ServiceRuntime<Messages>[] = [identity.runtime, waybill.runtime, api.runtime];
  await Promise.all(runtimes.map((runtime) => runtime.start()));

  const connection = await BusConnection.open({
    url: env.amqpUrl,
    name: 'api-waybill-test',
    logger: silentLogger,
  });
  const rpc = await RpcClient.open({
    connection,
    registry: messages,
    source: 'test',
    logger: silentLogger,
    metrics: createMetrics({ service: 'api-waybill-test' }),
  });
  return {
    baseUrl: `http://127.0.0.1:${api.apiPort()}`,
    rpc,
    async stop() {
      await rpc.close().catch(() => undefined);
      await connection.close().catch(() => undefined);
      await Promise.all(runtimes.map((runtime) => runtime.stop().catch(() => undefined)));
      await rm(objects, { recursive: true, force: true });
    },
  };
}
