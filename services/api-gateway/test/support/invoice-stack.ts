import { serviceEnvValues } from '@fieldgram/testkit';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BusConnection, createMetrics, RpcClient, type ServiceRuntime } from '@fieldgram/platform';
import { messages, type Messages } from '@fieldgram/contracts';
import type { TestEnv } from '@fieldgram/testkit';
import { auditEnvSchema } from '@fieldgram/audit/config';
import { createAuditService } from '@fieldgram/audit/service';
import { identityEnvSchema } from '@fieldgram/identity/config';
import { createIdentityService } from '@fieldgram/identity/service';
import { invoiceEnvSchema } from '@fieldgram/invoice/config';
import { createInvoiceService } from '@fieldgram/invoice/service';
import { taskEnvSchema } from '@fieldgram/task/config';
import { createTaskService } from '@fieldgram/task/service';
import { apiGatewayEnvSchema } from '../../src/config.js';
import { createApiGateway } from '../../src/service.js';
import { ADMIN, silentLogger } from './api-stack.js';

/**
 * The REST API in front of the REAL identity, task, invoice and audit services, all in this
 * process on one TestEnv's servers; invoice PDFs in a temporary directory both the invoice
 * service and the gateway read (OBJECT_STORAGE_DIR). `rpc` is a bus client of its own, for what
 * the bot's side sends (a technician's taps, a Telegram registration).
 */
export interface InvoiceStack {
  baseUrl: string;
  rpc: RpcClient<Messages>;
  runtimes: ServiceRuntime<Messages>[];
  stop(): Promise<void>;
}

export async function startInvoiceStack(env: TestEnv): Promise<InvoiceStack> {
  const objects = await mkdtemp(path.join(tmpdir(), 'fieldgram-objects-'));
  const base = {
    ...serviceEnvValues(env),
  };
  const [identity, task, invoice, audit, api] = await Promise.all([
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
    createInvoiceService(
      invoiceEnvSchema.parse({ ...base, OBJECT_STORAGE_DIR: objects, ORG_NAME: 'ООО «Сервис»' }),
      { logger: silentLogger },
    ),
    createAuditService(auditEnvSchema.parse(base)),
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
  const runtimes = [identity.runtime, task.runtime, invoice.runtime, audit.runtime, api.runtime];
  await Promise.all(runtimes.map((runtime) => runtime.start()));

  const connection = await BusConnection.open({
    url: env.amqpUrl,
    name: 'api-invoice-test',
    logger: silentLogger,
  });
  const rpc = await RpcClient.open({
    connection,
    registry: messages,
    source: 'test',
    logger: silentLogger,
    metrics: createMetrics({ service: 'api-invoice-test' }),
  });
  return {
    baseUrl: `http://127.0.0.1:${api.apiPort()}`,
    rpc,
    runtimes,
    async stop() {
      await rpc.close().catch(() => undefined);
      await connection.close().catch(() => undefined);
      await Promise.all(runtimes.map((runtime) => runtime.stop().catch(() => undefined)));
      await rm(objects, { recursive: true, force: true });
    },
  };
}
