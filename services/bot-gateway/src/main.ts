import { exitOnConfigError, loadConfig } from '@fieldgram/platform';
import { gatewayEnvSchema } from './config.js';
import { createBotGateway } from './service.js';

const env = await exitOnConfigError(() => loadConfig(gatewayEnvSchema));
const { runtime } = await createBotGateway(env);
if (process.argv[2] === 'migrate') {
  runtime.logger.info({ applied: await runtime.migrateOnly() }, 'migrations done');
} else {
  await runtime.run();
}
