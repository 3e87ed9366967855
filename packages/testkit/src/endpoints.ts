import { connect as connectAmqp } from 'amqplib';
import { Redis } from 'ioredis';
import { connectPg } from './pg-client.js';
import { RabbitManagement } from './rabbit-management.js';

/** Where the shared test services are: admin-level URLs, from which per-test isolation is carved. */
export interface Endpoints {
  databaseUrl: string;
  amqpUrl: string;
  amqpManagementUrl: string;
  redisUrl: string;
}

export type ServiceName = 'postgres' | 'rabbitmq' | 'rabbitmq-management' | 'redis';

export interface ServiceFailure {
  service: ServiceName;
  /** The URL that did not answer, with any password masked. */
  url: string;
  error: Error;
}

export const DEFAULT_ENDPOINTS: Readonly<Endpoints> = {
  databaseUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
  amqpUrl: 'amqp://guest:guest@127.0.0.1:5672',
  amqpManagementUrl: 'http://guest:guest@127.0.0.1:15672',
  redisUrl: 'redis://127.0.0.1:6379',
};

/** The environment variable that overrides each endpoint. */
export const ENDPOINT_ENV_VARS = {
  databaseUrl: 'DATABASE_URL',
  amqpUrl: 'AMQP_URL',
  amqpManagementUrl: 'RABBITMQ_MANAGEMENT_URL',
  redisUrl: 'REDIS_URL',
} as const satisfies Record<keyof Endpoints, string>;

export function resolveEndpoints(env: NodeJS.ProcessEnv = process.env): Endpoints {
  const pick = (key: keyof Endpoints): string => env[ENDPOINT_ENV_VARS[key]] || DEFAULT_ENDPOINTS[key];
  return {
    databaseUrl: pick('databaseUrl'),
    amqpUrl: pick('amqpUrl'),
    amqpManagementUrl: pick('amqpManagementUrl'),
    redisUrl: pick('redisUrl'),
  };
}

/** Checks that every service answers; returns the ones that do not (empty when all are up). */
export async function probeEndpoints(endpoints: Endpoints, timeoutMs = 3_000): Promise<ServiceFailure[]> {
  const probes: [ServiceName, string, () => Promise<void>][] = [
    ['postgres', endpoints.databaseUrl, () => probePostgres(endpoints.databaseUrl, timeoutMs)],
    ['rabbitmq', endpoints.amqpUrl, () => probeAmqp(endpoints.amqpUrl, timeoutMs)],
    [
      'rabbitmq-management',
      endpoints.amqpManagementUrl,
      () => probeManagement(endpoints.amqpManagementUrl, timeoutMs),
    ],
    ['redis', endpoints.redisUrl, () => probeRedis(endpoints.redisUrl, timeoutMs)],
  ];
  const results = await Promise.all(
    probes.map(async ([service, url, probe]): Promise<ServiceFailure | undefined> => {
      try {
        await withDeadline(probe(), timeoutMs + 1_000, `no answer within ${timeoutMs} ms`);
        return undefined;
      } catch (error) {
        return { service, url: maskPassword(url), error: toError(error) };
      }
    }),
  );
  return results.filter((failure) => failure !== undefined);
}

/** The URL with its password replaced by '***', for messages. */
export function maskPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.href;
  } catch {
    return url;
  }
}

async function probePostgres(url: string, timeoutMs: number): Promise<void> {
  const client = await connectPg(url, timeoutMs);
  try {
    await client.query('select 1');
  } finally {
    await client.end().catch(() => {});
  }
}

async function probeAmqp(url: string, timeoutMs: number): Promise<void> {
  const connection = await connectAmqp(url, { timeout: timeoutMs });
  connection.on('error', () => {}); // a late socket error must not become an uncaught exception
  await connection.close();
}

async function probeManagement(url: string, timeoutMs: number): Promise<void> {
  await new RabbitManagement(url, { requestTimeoutMs: timeoutMs }).overview();
}

async function probeRedis(url: string, timeoutMs: number): Promise<void> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null, // one attempt: a probe reports, it does not wait
  });
  // connect() rejects with a bare 'Connection is closed.'; the 'error' event has the cause.
  let socketError: Error | undefined;
  redis.on('error', (error: Error) => {
    socketError ??= error;
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw socketError ?? error;
  } finally {
    redis.disconnect();
  }
}

async function withDeadline<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function toError(error: unknown): Error {
  if (error instanceof AggregateError && error.errors.length > 0) {
    // Node reports a refused dual-stack connect as an AggregateError with an empty message.
    const first: unknown = error.errors[0];
    if (first instanceof Error) return first;
  }
  return error instanceof Error ? error : new Error(String(error));
}
