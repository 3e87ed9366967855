import type { z } from 'zod';
import type { Messages } from '@fieldgram/contracts';
import { loadConfig, type ServiceRuntime } from '@fieldgram/platform';
import { apiGatewayEnvSchema } from '@fieldgram/api-gateway/config';
import { createApiGateway } from '@fieldgram/api-gateway/service';
import { auditEnvSchema } from '@fieldgram/audit/config';
import { createAuditService } from '@fieldgram/audit/service';
import { gatewayEnvSchema } from '@fieldgram/bot-gateway/config';
import { createBotGateway } from '@fieldgram/bot-gateway/service';
import { claimsEnvSchema } from '@fieldgram/claims/config';
import { createClaimsService } from '@fieldgram/claims/service';
import { conversationEnvSchema } from '@fieldgram/conversation/config';
import { createConversationService } from '@fieldgram/conversation/service';
import { identityEnvSchema } from '@fieldgram/identity/config';
import { createIdentityService } from '@fieldgram/identity/service';
import { checkIdentityStart } from '@fieldgram/identity/start-checks';
import { invoiceEnvSchema } from '@fieldgram/invoice/config';
import { createInvoiceService } from '@fieldgram/invoice/service';
import { notificationEnvSchema } from '@fieldgram/notification/config';
import { createNotificationService } from '@fieldgram/notification/service';
import { taskEnvSchema } from '@fieldgram/task/config';
import { createTaskService } from '@fieldgram/task/service';
import { waybillEnvSchema } from '@fieldgram/waybill/config';
import { createWaybillService } from '@fieldgram/waybill/service';

/** How a host process builds one service from the environment. */
export interface ServiceEntry {
  name: string;
  /** Checks the environment and builds the service; a ConfigError names what is wrong. */
  build(env: NodeJS.ProcessEnv): Promise<ServiceRuntime<Messages>>;
}

function entry<S extends z.ZodObject>(
  name: string,
  schema: S,
  create: (env: z.output<S>) => Promise<{ runtime: ServiceRuntime<Messages> }>,
  beforeRun?: (env: z.output<S>, runtime: ServiceRuntime<Messages>) => Promise<void>,
): ServiceEntry {
  return {
    name,
    async build(env) {
      const config = loadConfig(schema, env);
      const { runtime } = await create(config);
      await beforeRun?.(config, runtime);
      return runtime;
    },
  };
}

/** Every service of fieldgram, each its own module, schema and queues (services/<name>). */
export const SERVICE_CATALOG: readonly ServiceEntry[] = [
  entry('api-gateway', apiGatewayEnvSchema, createApiGateway),
  entry('audit', auditEnvSchema, createAuditService),
  entry('bot-gateway', gatewayEnvSchema, (env) => createBotGateway(env)),
  entry('claims', claimsEnvSchema, (env) => createClaimsService(env)),
  entry('conversation', conversationEnvSchema, (env) => createConversationService(env)),
  entry(
    'identity',
    identityEnvSchema,
    (env) => createIdentityService(env),
    (env, runtime) => checkIdentityStart(env, runtime.db.schema),
  ),
  entry('invoice', invoiceEnvSchema, (env) => createInvoiceService(env)),
  entry('notification', notificationEnvSchema, (env) => createNotificationService(env)),
  entry('task', taskEnvSchema, (env) => createTaskService(env)),
  entry('waybill', waybillEnvSchema, (env) => createWaybillService(env)),
];
