import { describe, expect, it } from 'vitest';
import { useTestEnv, withPg } from '../src/index.js';

describe('useTestEnv', () => {
  const env = useTestEnv('use test env');

  it('has created the env before the tests run', async () => {
    const name = await withPg(env().databaseUrl, async (db) => {
      const { rows } = await db.query<{ name: string }>('select current_database() as name');
      return rows[0]?.name;
    });
    expect(name).toBe(env().id);
    expect(await env().management.vhostExists(env().amqpVhost)).toBe(true);
  });
});

describe('useTestEnv getter used too early', () => {
  const env = useTestEnv('too early');
  let earlyCall: unknown;
  try {
    env(); // at collection time, before beforeAll has created the env
  } catch (error) {
    earlyCall = error;
  }

  it('throws a clear error instead of returning undefined', () => {
    expect(earlyCall).toBeInstanceOf(Error);
    expect(String(earlyCall)).toMatch(/useTestEnv\('too early'\): the TestEnv exists only inside tests/);
    expect(env().id).toMatch(/^fgt_too_early_[0-9a-f]{8}$/);
  });
});
