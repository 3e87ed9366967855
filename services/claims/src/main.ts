import { exitOnConfigError, loadConfig } from '@fieldgram/platform';
import { claimsEnvSchema } from './config.js';
import { createClaimsService } from './service.js';

const env = await exitOnConfigError(() => loadConfig(claimsEnvSchema));
const { runtime } = await createClaimsService(env);
if (process.argv[2] === 'migrate') {
  runtime.logger.info({ applied: await runtime.migrateOnly() }, 'migrations done');
} else {
  await runtime.run();
}
