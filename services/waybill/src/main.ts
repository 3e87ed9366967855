import { exitOnConfigError, loadConfig } from '@fieldgram/platform';
import { waybillEnvSchema } from './config.js';
import { createWaybillService } from './service.js';

const env = await exitOnConfigError(() => loadConfig(waybillEnvSchema));
const { runtime } = await createWaybillService(env);
if (process.argv[2] === 'migrate') {
  runtime.logger.info({ applied: await runtime.migrateOnly() }, 'migrations done');
} else {
  await runtime.run();
}
