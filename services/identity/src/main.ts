import { exitOnConfigError, loadConfig } from '@fieldgram/platform';
import { identityEnvSchema } from './config.js';
import { checkFirstAdminSource } from './bootstrap/first-admin.js';
import { checkDefaultManagerSource } from './bootstrap/default-manager.js';
import { createIdentityService } from './service.js';

const env = await exitOnConfigError(() => loadConfig(identityEnvSchema));
const { runtime } = await createIdentityService(env);
if (process.argv[2] === 'migrate') {
  runtime.logger.info({ applied: await runtime.migrateOnly() }, 'migrations done');
} else {
  // Production refuses to start without a way to make the first admin (exit 78, like any bad config).
  await exitOnConfigError(() => checkFirstAdminSource(env, runtime.db.schema));
  await exitOnConfigError(() => checkDefaultManagerSource(env, runtime.db.schema));
  await runtime.run();
}
