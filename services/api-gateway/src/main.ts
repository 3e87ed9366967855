import { exitOnConfigError, loadConfig } from '@fieldgram/platform';
import { apiGatewayEnvSchema } from './config.js';
import { createApiGateway } from './service.js';

const env = await exitOnConfigError(() => loadConfig(apiGatewayEnvSchema));
const { runtime } = await createApiGateway(env);
if (process.argv[2] === 'migrate') {
  runtime.logger.info({ applied: await runtime.migrateOnly() }, 'migrations done');
} else {
  await runtime.run();
}
