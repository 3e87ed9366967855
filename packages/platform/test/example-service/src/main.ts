import { exitOnConfigError, loadConfig, platformEnvSchema } from '@fieldgram/platform';
import { createExampleService } from './service.js';
import { faultsFromEnv } from './faults.js';

const env = await exitOnConfigError(() => loadConfig(platformEnvSchema));
const service = await createExampleService({ env, faults: faultsFromEnv(process.env) });
if (process.argv[2] === 'migrate') {
  const applied = await service.migrateOnly();
  service.logger.info({ applied }, 'migrations done');
} else {
  await service.run();
}
