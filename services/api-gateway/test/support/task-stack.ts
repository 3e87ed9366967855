import { serviceEnvValues } from '@fieldgram/testkit';
import { BusConnection, createMetrics, RpcClient, type ServiceRuntime } from '@fieldgram/platform';
import { messages, type Messages } from '@fieldgram/contracts';
import type { TestEnv } from '@fieldgram/testkit';
import { identityEnvSchema } from '@fieldgram/identity/config';
import { createIdentityService } from '@fieldgram/identity/service';
import { taskEnvSchema } from '@fieldgram/task/config';
import { createTaskService } from '@fieldgram/task/service';
import { apiGatewayEnvSchema } from '../../src/config.js';
import { createApiGateway } from '../../src/service.js';
import { ADMIN, silentLogger } from './api-stack.js';

/**
 * The REST API in front of the REAL identity (logins, technicians) and task services, all in this
 * process on one TestEnv's servers; `rpc` is a bus client of its own, for what conversation sends
 * when a technician taps a button.
 */
export interface TaskStack {
  baseUrl: string;
  rpc: RpcClient<Messages>;
  runtimes: ServiceRuntime<Messages>[];
  stop(): Promise<void>;
}

export async function startTaskStack(env: TestEnv): Promise<TaskStack> {
  const base = {
    ...serviceEnvValues(env),
  };
  const [identity, task, api] = await Promise.all([
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
    createTaskService(taskEnvSchema.parse(base), { logger: silentLogger }),
    createApiGateway(
      apiGatewayEnvSchema.parse({ ...base, API_PORT: '0', NODE_ENV: 'test', RPC_TIMEOUT_MS: '3000' }),
    ),
  ]);
  const runtimes = [identity.runtime, task.runtime, api.runtime];
  await Promise.all(runtimes.map((runtime) => runtime.start()));

  const connection = await BusConnection.open({
    url: env.amqpUrl,
    name: 'api-task-test',
    logger: silentLogger,
  });
  const rpc = await RpcClient.open({
    connection,
    registry: messages,
    source: 'test',
    logger: silentLogger,
    metrics: createMetrics({ service: 'api-task-test' }),
  });
  return {
    baseUrl: `http://127.0.0.1:${api.apiPort()}`,
    rpc,
    runtimes,
    async stop() {
      await rpc.close().catch(() => undefined);
      await connection.close().catch(() => undefined);
      await Promise.all(runtimes.map((runtime) => runtime.stop().catch(() => undefined)));
    },
  };
}
