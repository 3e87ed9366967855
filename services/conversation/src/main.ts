import { exitOnConfigError, loadConfig } from '@fieldgram/platform';
import { conversationEnvSchema } from './config.js';
import { createConversationService } from './service.js';

const env = await exitOnConfigError(() => loadConfig(conversationEnvSchema));
const { runtime } = await createConversationService(env);
if (process.argv[2] === 'migrate') {
  runtime.logger.info({ applied: await runtime.migrateOnly() }, 'migrations done');
} else {
  await runtime.run();
}
