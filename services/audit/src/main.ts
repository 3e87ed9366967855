import { exitOnConfigError, loadConfig } from '@fieldgram/platform';
import { auditEnvSchema } from './config.js';
import { createAuditService } from './service.js';

const env = await exitOnConfigError(() => loadConfig(auditEnvSchema));
const { runtime } = await createAuditService(env);
if (process.argv[2] === 'migrate') {
  runtime.logger.info({ applied: await runtime.migrateOnly() }, 'migrations done');
} else {
  await runtime.run();
}
