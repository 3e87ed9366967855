import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestEnv } from '@fieldgram/testkit/env';
import { freePort, serviceEnvValues } from '@fieldgram/testkit/env';
import { SecretBox, type ServiceRuntime } from '@fieldgram/platform';
import type { Messages } from '@fieldgram/contracts';
import { TelegramSandbox, type SandboxBot } from '@fieldgram/telegram-sandbox';
import { gatewayEnvSchema } from '@fieldgram/bot-gateway/config';
import { createBotGateway } from '@fieldgram/bot-gateway/service';
import { identityEnvSchema } from '@fieldgram/identity/config';
import { createIdentityService } from '@fieldgram/identity/service';
import { conversationEnvSchema } from '@fieldgram/conversation/config';
import { createConversationService } from '@fieldgram/conversation/service';
import { notificationEnvSchema } from '@fieldgram/notification/config';
import { createNotificationService } from '@fieldgram/notification/service';
import { auditEnvSchema } from '@fieldgram/audit/config';
import { createAuditService } from '@fieldgram/audit/service';
import { taskEnvSchema } from '@fieldgram/task/config';
import { createTaskService } from '@fieldgram/task/service';
import { invoiceEnvSchema } from '@fieldgram/invoice/config';
import { createInvoiceService } from '@fieldgram/invoice/service';
import { waybillEnvSchema } from '@fieldgram/waybill/config';
import { createWaybillService } from '@fieldgram/waybill/service';
import { claimsEnvSchema } from '@fieldgram/claims/config';
import { createClaimsService } from '@fieldgram/claims/service';
import { apiGatewayEnvSchema } from '@fieldgram/api-gateway/config';
import { createApiGateway } from '@fieldgram/api-gateway/service';

export const ADMIN = { login: 'root-admin', password: 'correct horse battery' };

/** The whole system in one process: every service, the sandbox as Telegram, one TestEnv's servers. */
export interface Stack {
  sandbox: TelegramSandbox;
  bot: SandboxBot;
  apiUrl: string;
  runtimes: ServiceRuntime<Messages>[];
  stop(): Promise<void>;
}

export interface StackOptions {
  logLevel?: string;
  reminderDelayMs?: number;
  escalationDelayMs?: number;
  /** ORG_LANGUAGE of every service that has one (default: theirs, ru). */
  language?: 'ru' | 'en';
}

export async function startStack(env: TestEnv, options: StackOptions = {}): Promise<Stack> {
  const sandbox = await TelegramSandbox.start({ limits: 'off' });
  const bot = sandbox.createBot({ username: 'fieldgram_e2e_bot' });
  const apiPort = await freePort();
  const base = { ...serviceEnvValues(env), LOG_LEVEL: options.logLevel ?? 'silent' };
  const language = options.language ? { ORG_LANGUAGE: options.language } : {};
  // One object store for the stack: invoice and waybill write PDFs, bot-gateway and the API read them.
  const storageDir = mkdtempSync(path.join(tmpdir(), 'fg-stack-objects-'));
  const runtimes: ServiceRuntime<Messages>[] = [];
  const start = async (service: { runtime: ServiceRuntime<Messages> }) => {
    await service.runtime.start();
    runtimes.push(service.runtime);
  };
  try {
    await start(
      await createIdentityService(
        identityEnvSchema.parse({ ...base, ADMIN_LOGIN: ADMIN.login, ADMIN_PASSWORD: ADMIN.password }),
      ),
    );
    await start(await createAuditService(auditEnvSchema.parse(base)));
    await start(
      await createTaskService(
        taskEnvSchema.parse({
          ...base,
          ...(options.reminderDelayMs ? { TASK_REMINDER_DELAY_MS: String(options.reminderDelayMs) } : {}),
          ...(options.escalationDelayMs
            ? { TASK_ESCALATION_DELAY_MS: String(options.escalationDelayMs) }
            : {}),
        }),
      ),
    );
    await start(
      await createInvoiceService(
        invoiceEnvSchema.parse({ ...base, ...language, OBJECT_STORAGE_DIR: storageDir }),
      ),
    );
    await start(
      await createWaybillService(
        waybillEnvSchema.parse({ ...base, ...language, OBJECT_STORAGE_DIR: storageDir }),
      ),
    );
    await start(await createClaimsService(claimsEnvSchema.parse(base)));
    await start(await createNotificationService(notificationEnvSchema.parse({ ...base, ...language })));
    await start(await createConversationService(conversationEnvSchema.parse({ ...base, ...language })));
    await start(
      await createBotGateway(
        gatewayEnvSchema.parse({
          ...base,
          SECRETS_KEY: SecretBox.generateKey(),
          TELEGRAM_API_ROOT: sandbox.apiRoot,
          TELEGRAM_BOT_TOKEN: bot.token,
          TELEGRAM_ALBUM_WAIT_MS: '300',
          OBJECT_STORAGE_DIR: storageDir,
        }),
        { pollTimeoutSeconds: 1 },
      ),
    );
    await start(
      await createApiGateway(
        apiGatewayEnvSchema.parse({
          ...base,
          API_PORT: String(apiPort),
          OBJECT_STORAGE_DIR: storageDir,
          JWT_SECRET: 'e2e-secret-that-is-at-least-32-characters',
        }),
      ),
    );
  } catch (error) {
    for (const runtime of runtimes.reverse()) await runtime.stop().catch(() => undefined);
    await sandbox.stop();
    throw error;
  }
  return {
    sandbox,
    bot,
    apiUrl: `http://127.0.0.1:${apiPort}/api/v1`,
    runtimes,
    async stop() {
      for (const runtime of [...runtimes].reverse()) await runtime.stop().catch(() => undefined);
      await sandbox.stop();
      rmSync(storageDir, { recursive: true, force: true });
    },
  };
}
