import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { resolveEndpoints, type Endpoints } from './endpoints.js';
import { withPg } from './pg-client.js';
import { RabbitManagement } from './rabbit-management.js';

/** One test file's private slice of the shared services. */
export interface TestEnv {
  /** `fgt_<label>_<random8>`: the database name, the vhost name and the Redis prefix stem. */
  id: string;
  /** The private database (same server and user as the admin URL). */
  databaseUrl: string;
  /** Connects to the private vhost. */
  amqpUrl: string;
  amqpVhost: string;
  /** The shared Redis: isolation is by key prefix only, so keep every key under `redisPrefix`. */
  redisUrl: string;
  /** `<id>:` */
  redisPrefix: string;
  management: RabbitManagement;
  /**
   * Environment for a child process (e.g. a service under test): this process's env plus
   * DATABASE_URL, AMQP_URL, REDIS_URL, REDIS_PREFIX of this TestEnv, LOG_LEVEL=warn unless
   * already set, then `extra`.
   */
  processEnv(extra?: Record<string, string>): Record<string, string>;
  /** Drops the database, deletes the vhost and the prefixed Redis keys. Never throws; warns. */
  dispose(): Promise<void>;
}

const ID_MAX_LENGTH = 48;

/** A lowercase id safe as a Postgres identifier, a vhost name and a Redis key prefix. */
export function testEnvId(label: string): string {
  const random = randomBytes(4).toString('hex');
  const room = ID_MAX_LENGTH - 'fgt_'.length - '_'.length - random.length;
  const sanitized =
    label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .slice(0, room)
      .replace(/^_+|_+$/g, '') || 'env';
  return `fgt_${sanitized}_${random}`;
}

/** Creates a fresh database and vhost for `label` on the servers from resolveEndpoints(). */
export async function createTestEnv(
  label: string,
  endpoints: Endpoints = resolveEndpoints(),
): Promise<TestEnv> {
  const id = testEnvId(label);
  const management = new RabbitManagement(endpoints.amqpManagementUrl);
  const amqpUrl = withPath(endpoints.amqpUrl, id);
  const env: TestEnv = {
    id,
    databaseUrl: withPath(endpoints.databaseUrl, id),
    amqpUrl,
    amqpVhost: id,
    redisUrl: endpoints.redisUrl,
    redisPrefix: `${id}:`,
    management,
    processEnv: (extra = {}) => ({
      ...definedEntries(process.env),
      DATABASE_URL: env.databaseUrl,
      AMQP_URL: env.amqpUrl,
      REDIS_URL: env.redisUrl,
      REDIS_PREFIX: env.redisPrefix,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      ...extra,
    }),
    dispose: once(() => disposeTestEnv(env, endpoints)),
  };

  try {
    // The id is [a-z0-9_] only, so quoting it is enough.
    await withPg(endpoints.databaseUrl, (admin) => admin.query(`create database "${id}"`));
    await management.createVhost(id);
    const amqpUser = decodeURIComponent(new URL(amqpUrl).username) || 'guest';
    if (amqpUser !== management.user) await management.grantPermissions(id, amqpUser);
  } catch (error) {
    await env.dispose();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`createTestEnv('${label}'): could not create ${id}: ${reason}`, { cause: error });
  }
  return env;
}

async function disposeTestEnv(env: TestEnv, endpoints: Endpoints): Promise<void> {
  const steps: [string, () => Promise<unknown>][] = [
    // FORCE: a service under test may still hold connections when the test ends.
    [
      `drop database ${env.id}`,
      () =>
        withPg(endpoints.databaseUrl, (admin) =>
          admin.query(`drop database if exists "${env.id}" with (force)`),
        ),
    ],
    [`delete vhost ${env.amqpVhost}`, () => env.management.deleteVhost(env.amqpVhost)],
    [`delete Redis keys ${env.redisPrefix}*`, () => deleteRedisKeys(env.redisUrl, env.redisPrefix)],
  ];
  for (const [what, step] of steps) {
    try {
      await step();
    } catch (error) {
      console.warn(
        `testkit: dispose could not ${what}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}

/** SCAN + UNLINK: never KEYS, and never blocks Redis on a big delete. */
export async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl, { lazyConnect: true, connectTimeout: 5_000, retryStrategy: () => null });
  redis.on('error', () => {}); // surfaced by the commands' rejections
  try {
    await redis.connect();
    let deleted = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${escapeGlob(prefix)}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
    return deleted;
  } finally {
    redis.disconnect();
  }
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}

/** The URL with its path (database or vhost) replaced, credentials and query kept. */
function withPath(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(name)}`;
  return parsed.href;
}

function definedEntries(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

function once(action: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= action());
}
