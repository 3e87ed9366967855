import { exitOnConfigError, loadConfig } from '@fieldgram/platform';
import { taskEnvSchema } from './config.js';
import { createTaskService } from './service.js';

const env = await exitOnConfigError(() => loadConfig(taskEnvSchema));
const { runtime } = await createTaskService(env);
if (process.argv[2] === 'migrate') {
  runtime.logger.info({ applied: await runtime.migrateOnly() }, 'migrations done');
} else {
  await runtime.run();
}
