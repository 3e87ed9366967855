import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * A Redis connection whose keys all live under `keyPrefix` (services share one Redis; tests get
 * a prefix each). It reconnects by itself; commands wait while it does.
 */
export function createRedis(options: { url: string; keyPrefix: string; logger: Logger }): Redis {
  const redis = new Redis(options.url, {
    keyPrefix: options.keyPrefix,
    maxRetriesPerRequest: null,
    lazyConnect: true,
  });
  redis.on('error', (error: Error) => options.logger.warn({ err: error }, 'redis error'));
  return redis;
}
