import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { ApiGatewayEnv } from '../config.js';

export const DEV_SECRET_KEY = 'api-gateway:dev-jwt-secret';

/**
 * The key tokens are signed with: JWT_SECRET, or (outside production, where the config demands
 * JWT_SECRET) a random development secret created once in Redis with SET NX, so every instance
 * and every restart agrees on it and tokens survive a restart.
 */
export async function resolveJwtSecret(
  env: Pick<ApiGatewayEnv, 'JWT_SECRET' | 'NODE_ENV'>,
  redis: Redis,
  logger: Logger,
): Promise<string> {
  if (env.JWT_SECRET) return env.JWT_SECRET;
  if (env.NODE_ENV === 'production') throw new Error('JWT_SECRET is required in production');
  await redis.set(DEV_SECRET_KEY, randomBytes(48).toString('base64url'), 'NX');
  const secret = await redis.get(DEV_SECRET_KEY);
  if (!secret) throw new Error('could not read the development JWT secret back from Redis');
  logger.warn(
    'JWT_SECRET is not set: signing tokens with a random development secret kept in Redis ' +
      `(key ${DEV_SECRET_KEY}); set JWT_SECRET (32+ characters) for anything but a local trial`,
  );
  return secret;
}
