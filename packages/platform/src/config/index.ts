export { ConfigError, type ConfigIssue } from './config-error.js';
export { loadConfig } from './load-config.js';
export { EX_CONFIG, exitOnConfigError } from './exit-on-config-error.js';
export {
  LOCAL_DEFAULTS,
  amqpUrl,
  databaseUrl,
  httpPort,
  languageSetting,
  logLevel,
  orgLanguage,
  platformEnvSchema,
  redisUrl,
  type PlatformEnv,
} from './common-env.js';
export { nodeEnv, secretsKey } from './secrets-env.js';
