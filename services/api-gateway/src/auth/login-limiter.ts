import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { HttpProblem } from '../http/problem.js';
import { redisCall } from './with-timeout.js';

export interface LoginLimits {
  maxFailuresPerLogin: number;
  maxFailuresPerIp: number;
  windowSeconds: number;
}

const hashed = (value: string) => createHash('sha256').update(value).digest('base64url').slice(0, 32);
const loginKey = (login: string) => `api-gateway:login-failures:login:${hashed(login.trim().toLowerCase())}`;
const ipKey = (ip: string) => `api-gateway:login-failures:ip:${hashed(ip)}`;

/**
 * Counts failed logins per login name and per client IP in Redis (shared by every instance). A
 * window opens with the first failure; at the limit, attempts are refused with 429 until it
 * closes, even with the right password. A successful login clears its login's count.
 */
export class LoginLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly limits: LoginLimits,
  ) {}

  /** Throws a 429 problem (with Retry-After) if this login or IP used up its failures. */
  async check(login: string, ip: string): Promise<void> {
    const [byLogin, byIp] = [loginKey(login), ipKey(ip)];
    const results = await redisCall(
      this.redis.multi().get(byLogin).pttl(byLogin).get(ipKey(ip)).pttl(byIp).exec(),
    );
    const value = (index: number) => Number(results?.[index]?.[1] ?? 0);
    const blockedFor = Math.max(
      value(0) >= this.limits.maxFailuresPerLogin ? value(1) : 0,
      value(2) >= this.limits.maxFailuresPerIp ? value(3) : 0,
    );
    if (blockedFor > 0) {
      const retryAfterSeconds = Math.max(1, Math.ceil(blockedFor / 1000));
      throw new HttpProblem('rate-limited', `Too many failed logins; try again in ${retryAfterSeconds} s.`, {
        retryAfterSeconds,
      });
    }
  }

  async failed(login: string, ip: string): Promise<void> {
    const multi = this.redis.multi();
    for (const key of [loginKey(login), ipKey(ip)]) {
      multi.incr(key).expire(key, this.limits.windowSeconds, 'NX');
    }
    await redisCall(multi.exec());
  }

  async succeeded(login: string): Promise<void> {
    await redisCall(this.redis.del(loginKey(login)));
  }
}
