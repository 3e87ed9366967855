import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteRedisKeys, resolveEndpoints } from '@fieldgram/testkit';
import { SessionStore } from '../src/session/session-store.js';

// Only Redis is needed here: a key prefix of this file's own instead of a whole TestEnv.
const { redisUrl } = resolveEndpoints();
const prefix = `fgt_sessions_${process.pid}_${Date.now()}:`;
let redis: Redis;

beforeAll(async () => {
  redis = new Redis(redisUrl, { keyPrefix: prefix, lazyConnect: true });
  await redis.connect();
});
afterAll(async () => {
  await redis?.quit();
  await deleteRedisKeys(redisUrl, prefix);
});

describe('SessionStore', () => {
  it('stores a chat’s session under the service prefix with a time to live, and clears it', async () => {
    const store = new SessionStore(() => redis, { ttlSeconds: 30 * 24 * 3600 });
    expect(await store.get(7)).toBeUndefined();
    await store.set(7, { lang: 'en', wizard: { name: 'waybill', step: 2, data: { weight: 12 } } });
    expect(await store.get(7)).toEqual({
      lang: 'en',
      wizard: { name: 'waybill', step: 2, data: { weight: 12 } },
    });
    expect(await redis.ttl('conversation:session:7')).toBeGreaterThan(30 * 24 * 3600 - 5);
    expect(await store.get(8)).toBeUndefined();
    await store.clear(7);
    expect(await store.get(7)).toBeUndefined();
  });

  it('treats a value it cannot read as no session, and refuses to store an invalid one', async () => {
    const store = new SessionStore(() => redis);
    await redis.set('conversation:session:9', '{not json');
    expect(await store.get(9)).toBeUndefined();
    await redis.set('conversation:session:9', JSON.stringify({ lang: 'fr' }));
    expect(await store.get(9)).toBeUndefined();
    await expect(store.set(9, { lang: 'de' as 'en' })).rejects.toThrow();
  });
});
