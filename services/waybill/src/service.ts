import path from 'node:path';
import type { Logger } from 'pino';
import { LocalDirectoryStorage, ServiceRuntime, type ObjectStorage } from '@fieldgram/platform';
import { messages, type Messages } from '@fieldgram/contracts';
import { documentSettings, type WaybillEnv } from './config.js';
import { cancelWaybillHandler } from './handlers/cancel-waybill.js';
import { createWaybillHandler } from './handlers/create-waybill.js';
import { deliverPdfHandler } from './handlers/deliver-pdf.js';
import {
  findWaybillHandler,
  getWaybillHandler,
  listWaybillsHandler,
  paymentMethodsHandler,
} from './handlers/read-waybills.js';
import { waybillPdfHandler } from './handlers/waybill-pdf.js';
import { PDF_DELIVERY } from './usecases/deliver-pdf.js';
import { MIGRATIONS } from '../migrations/index.js';

export const SERVICE_NAME = 'waybill';

export interface WaybillService {
  runtime: ServiceRuntime<Messages>;
  storage: ObjectStorage;
}

/**
 * Wiring: the logistics bot's waybills (S1-02), answered over request/reply on `waybill.queries`
 * (reads) and `waybill.commands` (create, cancel); its own `waybill.created` events, consumed on
 * `waybill.pdf-delivery`, put each new waybill's PDF in the client's chat; PDFs in object
 * storage; events and the bot's `tg.out` through the outbox.
 */
export function createWaybillService(
  env: WaybillEnv,
  options: { logger?: Logger; storage?: ObjectStorage; retryDelaysMs?: readonly number[] } = {},
): Promise<WaybillService> {
  const runtime = new ServiceRuntime({
    name: SERVICE_NAME,
    registry: messages,
    env,
    migrations: MIGRATIONS,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const storage = options.storage ?? new LocalDirectoryStorage(path.resolve(env.OBJECT_STORAGE_DIR));
  // What the handlers may use; each one's own type names the part it needs.
  const ports = {
    uow: runtime.uow,
    db: runtime.db.knex,
    storage,
    documents: documentSettings(env),
    organization: { name: env.ORG_NAME, details: env.ORG_DETAILS },
    paymentMethods: env.WAYBILL_PAYMENT_METHODS,
    // The request client exists once the runtime has started, before the first message.
    get rpc() {
      return runtime.rpc;
    },
  };

  runtime
    .consume({
      queue: PDF_DELIVERY,
      handlers: { 'waybill.created': deliverPdfHandler(ports) },
      ...(options.retryDelaysMs ? { retryDelaysMs: options.retryDelaysMs } : {}),
    })
    .respond({
      handlers: {
        'waybill.create': createWaybillHandler(ports),
        'waybill.cancel': cancelWaybillHandler(ports),
        'waybill.get': getWaybillHandler(ports),
        'waybill.find': findWaybillHandler(ports),
        'waybill.list': listWaybillsHandler(ports),
        'waybill.pdf': waybillPdfHandler(ports),
        'waybill.payment-methods': paymentMethodsHandler(ports),
      },
    });
  return Promise.resolve({ runtime, storage });
}
