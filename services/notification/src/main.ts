import { exitOnConfigError, loadConfig } from '@fieldgram/platform';
import { notificationEnvSchema } from './config.js';
import { createNotificationService } from './service.js';

const env = await exitOnConfigError(() => loadConfig(notificationEnvSchema));
const { runtime } = await createNotificationService(env);
if (process.argv[2] === 'migrate') {
  runtime.logger.info({ applied: await runtime.migrateOnly() }, 'migrations done');
} else {
  await runtime.run();
}
