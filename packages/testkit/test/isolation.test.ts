import { connect, type ChannelModel } from 'amqplib';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, resolveEndpoints, testEnvId, withPg, type TestEnv } from '../src/index.js';

describe('createTestEnv', () => {
  let first: TestEnv;
  let second: TestEnv;
  const redis = new Redis(resolveEndpoints().redisUrl, { lazyConnect: true });
  const amqpConnections: ChannelModel[] = [];

  beforeAll(async () => {
    [first, second] = await Promise.all([createTestEnv('isolation a'), createTestEnv('isolation b')]);
    await redis.connect();
  });
  afterAll(async () => {
    await Promise.all(amqpConnections.map((connection) => connection.close().catch(() => {})));
    await Promise.all([first?.dispose(), second?.dispose()]);
    redis.disconnect();
  });

  async function openAmqp(url: string): Promise<ChannelModel> {
    const connection = await connect(url);
    connection.on('error', () => {});
    amqpConnections.push(connection);
    return connection;
  }

  it('gives each env its own database', async () => {
    await withPg(first.databaseUrl, (db) => db.query('create table widgets (id int primary key)'));

    const tableIn = (url: string): Promise<string[]> =>
      withPg(url, async (db) => {
        const { rows } = await db.query<{ name: string }>(
          "select current_database() || '.' || table_name as name from information_schema.tables where table_name = 'widgets'",
        );
        return rows.map((row) => row.name);
      });
    expect(await tableIn(first.databaseUrl)).toEqual([`${first.id}.widgets`]);
    expect(await tableIn(second.databaseUrl)).toEqual([]);
  });

  it('gives each env its own vhost', async () => {
    const inFirst = await (await openAmqp(first.amqpUrl)).createChannel();
    await inFirst.assertQueue('only-in-first');

    const inSecond = await (await openAmqp(second.amqpUrl)).createChannel();
    inSecond.on('error', () => {}); // checkQueue on a missing queue closes the channel with 404
    await expect(inSecond.checkQueue('only-in-first')).rejects.toThrow(/NOT_FOUND/);

    expect(await first.management.queueInfo(first.amqpVhost, 'only-in-first')).toBeDefined();
    expect(await second.management.queueInfo(second.amqpVhost, 'only-in-first')).toBeUndefined();
  });

  it('gives each env its own Redis key prefix', async () => {
    await redis.set(`${first.redisPrefix}greeting`, 'hello');

    expect(await redis.keys(`${first.redisPrefix}*`)).toEqual([`${first.redisPrefix}greeting`]);
    expect(await redis.keys(`${second.redisPrefix}*`)).toEqual([]);
  });

  it('builds a child-process env from its own URLs', () => {
    const env = first.processEnv({ PORT: '4000', LOG_LEVEL: 'debug' });
    expect(env).toMatchObject({
      DATABASE_URL: first.databaseUrl,
      AMQP_URL: first.amqpUrl,
      REDIS_URL: first.redisUrl,
      REDIS_PREFIX: first.redisPrefix,
      PORT: '4000',
      LOG_LEVEL: 'debug',
    });
    expect(env.PATH).toBe(process.env.PATH);
    expect(first.processEnv().LOG_LEVEL).toBe(process.env.LOG_LEVEL ?? 'warn');
  });

  it('dispose removes the database, the vhost and the prefixed keys', async () => {
    const env = await createTestEnv('disposable');
    await withPg(env.databaseUrl, (db) => db.query('create table leftovers (id int)'));
    const connection = await openAmqp(env.amqpUrl);
    await (await connection.createChannel()).assertQueue('leftovers');
    await redis.set(`${env.redisPrefix}leftover`, '1');
    await redis.set(`${first.redisPrefix}keep`, '1');

    // Its own connection is still open: dispose must not depend on clients having closed.
    await env.dispose();
    await env.dispose(); // idempotent

    const databases = await withPg(resolveEndpoints().databaseUrl, async (db) => {
      const { rows } = await db.query<{ datname: string }>(
        'select datname from pg_database where datname = $1',
        [env.id],
      );
      return rows;
    });
    expect(databases).toEqual([]);
    expect(await env.management.vhostExists(env.amqpVhost)).toBe(false);
    expect(await redis.keys(`${env.redisPrefix}*`)).toEqual([]);
    expect(await redis.get(`${first.redisPrefix}keep`)).toBe('1');
  });

  it('puts the vhost, path-encoded, into the AMQP URL and the id into the database URL', () => {
    expect(new URL(first.amqpUrl).pathname).toBe(`/${first.amqpVhost}`);
    expect(new URL(first.databaseUrl).pathname).toBe(`/${first.id}`);
    expect(first.amqpVhost).toBe(first.id);
    expect(first.redisPrefix).toBe(`${first.id}:`);
  });
});

describe('testEnvId', () => {
  it('is lowercase, sanitized, random-suffixed and at most 48 characters', () => {
    expect(testEnvId('Bus Consumer/RPC')).toMatch(/^fgt_bus_consumer_rpc_[0-9a-f]{8}$/);
    expect(testEnvId('x'.repeat(100))).toHaveLength(48);
    expect(testEnvId('%%%')).toMatch(/^fgt_env_[0-9a-f]{8}$/);
    expect(testEnvId('same')).not.toBe(testEnvId('same'));
  });
});
