import { exitOnConfigError, loadConfig } from '@fieldgram/platform';
import { invoiceEnvSchema } from './config.js';
import { createInvoiceService } from './service.js';

const env = await exitOnConfigError(() => loadConfig(invoiceEnvSchema));
const { runtime } = await createInvoiceService(env);
if (process.argv[2] === 'migrate') {
  runtime.logger.info({ applied: await runtime.migrateOnly() }, 'migrations done');
} else {
  await runtime.run();
}
