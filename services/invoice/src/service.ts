import path from 'node:path';
import type { Logger } from 'pino';
import { LocalDirectoryStorage, ServiceRuntime, type ObjectStorage } from '@fieldgram/platform';
import { messages, type Messages } from '@fieldgram/contracts';
import { documentSettings, type InvoiceEnv } from './config.js';
import { BullOverdueReminders } from './reminders/overdue-reminders.js';
import { createInvoiceHandler } from './handlers/create-invoice.js';
import { getInvoiceHandler, listInvoicesHandler } from './handlers/get-invoice.js';
import { invoicePdfHandler } from './handlers/invoice-pdf.js';
import { sendInvoiceHandler } from './handlers/send-invoice.js';
import { changeStatusHandler } from './handlers/change-status.js';
import { deleteInvoiceHandler } from './handlers/delete-invoice.js';
import { detectOverdue } from './usecases/detect-overdue.js';
import { MIGRATIONS } from '../migrations/index.js';

export const SERVICE_NAME = 'invoice';

export interface InvoiceService {
  runtime: ServiceRuntime<Messages>;
  reminders: BullOverdueReminders;
  storage: ObjectStorage;
}

/**
 * Wiring: invoices of completed tasks (S0-11), answered over request/reply on `invoice.queries`;
 * PDFs in object storage; events and the bot's `tg.out` through the outbox; overdue reminders on
 * BullMQ (`invoice-reminders`).
 */
export function createInvoiceService(
  env: InvoiceEnv,
  options: { logger?: Logger; storage?: ObjectStorage } = {},
): Promise<InvoiceService> {
  const runtime = new ServiceRuntime({
    name: SERVICE_NAME,
    registry: messages,
    env,
    migrations: MIGRATIONS,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const storage = options.storage ?? new LocalDirectoryStorage(path.resolve(env.OBJECT_STORAGE_DIR));
  const reminders = new BullOverdueReminders({
    redisUrl: env.REDIS_URL,
    prefix: env.REDIS_PREFIX,
    delayMs: env.INVOICE_OVERDUE_DELAY_MS,
    onDue: (job) => detectOverdue({ uow: runtime.uow }, job),
    logger: runtime.logger,
  });
  const documents = documentSettings(env);
  // What the handlers may use; each one's own type names the part it needs.
  const ports = {
    uow: runtime.uow,
    db: runtime.db.knex,
    storage,
    reminders,
    documents,
    subjectLanguage: documents.forced ?? documents.orgDefault,
    organization: { name: env.ORG_NAME, details: env.ORG_DETAILS },
    // The request client exists once the runtime has started, before the first request.
    get rpc() {
      return runtime.rpc;
    },
  };

  runtime
    // Before the responder: a send schedules its reminder from its first answer.
    .part(reminders.part())
    .respond({
      handlers: {
        'invoice.create': createInvoiceHandler(ports),
        'invoice.get': getInvoiceHandler(ports),
        'invoice.list': listInvoicesHandler(ports),
        'invoice.pdf': invoicePdfHandler(ports),
        'invoice.send': sendInvoiceHandler(ports),
        'invoice.change-status': changeStatusHandler(ports),
        'invoice.delete': deleteInvoiceHandler(ports),
      },
    });
  return Promise.resolve({ runtime, reminders, storage });
}
