import { exitOnConfigError, loadConfig } from '@fieldgram/platform';
import { identityEnvSchema } from './config.js';
import { checkIdentityStart } from './start-checks.js';
import { createIdentityService } from './service.js';

const env = await exitOnConfigError(() => loadConfig(identityEnvSchema));
const { runtime } = await createIdentityService(env);
if (process.argv[2] === 'migrate') {
  runtime.logger.info({ applied: await runtime.migrateOnly() }, 'migrations done');
} else {
  await exitOnConfigError(() => checkIdentityStart(env, runtime.db.schema));
  await runtime.run();
}
