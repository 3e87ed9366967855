import type { TestEnv } from '../isolation.js';

/**
 * The platform variables of a service started on a TestEnv: its database, vhost and key prefix,
 * any free ops port, logs off. Pools stay small: three test files at once each start a stack of a
 * dozen services on one PostgreSQL whose max_connections is 100. A service's own schema parses them with its own extras.
 */
export function serviceEnvValues(env: TestEnv): Record<string, string> {
  return {
    DATABASE_URL: env.databaseUrl,
    DATABASE_POOL_MAX: '2',
    AMQP_URL: env.amqpUrl,
    REDIS_URL: env.redisUrl,
    REDIS_PREFIX: env.redisPrefix,
    HTTP_PORT: '0',
    LOG_LEVEL: 'silent',
  };
}
