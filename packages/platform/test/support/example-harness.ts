import path from 'node:path';
import { fileURLToPath } from 'node:url';
import knex, { type Knex } from 'knex';
import { pino } from 'pino';
import type { TestEnv } from '@fieldgram/testkit';
import {
  BusConnection,
  createMetrics,
  Publisher,
  publishMessage,
  type PlatformEnv,
  type ServiceRuntime,
} from '@fieldgram/platform';
import { createExampleService, type ExampleServiceOptions } from '../example-service/src/service.js';
import { exampleMessages, type ExampleMessages } from '../example-service/src/contracts.js';

export const EXAMPLE_MAIN = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'example-service',
  'src',
  'main.ts',
);

export const silentLogger = pino({ level: 'silent' });

export function platformEnvFor(env: TestEnv): PlatformEnv {
  return {
    DATABASE_URL: env.databaseUrl,
    AMQP_URL: env.amqpUrl,
    REDIS_URL: env.redisUrl,
    REDIS_PREFIX: env.redisPrefix,
    DATABASE_POOL_MAX: 2,
    HTTP_PORT: 0,
    LOG_LEVEL: 'silent',
  };
}

/** The example service running inside the test process. */
export async function startExample(
  env: TestEnv,
  options: Omit<ExampleServiceOptions, 'env'> = {},
): Promise<ServiceRuntime<ExampleMessages>> {
  const service = await createExampleService({ env: platformEnvFor(env), ...options });
  await service.start();
  return service;
}

/** A client of the example service: its own connection, like another service would have. */
export async function exampleClient(env: TestEnv) {
  const metrics = createMetrics({ service: 'test-client' });
  const connection = await BusConnection.open({
    url: env.amqpUrl,
    name: 'test-client',
    logger: silentLogger,
  });
  const publisher = await Publisher.open({ connection, logger: silentLogger, metrics });
  return {
    connection,
    publisher,
    metrics,
    greet: (name: string) => publishMessage(publisher, exampleMessages, 'test', 'example.greet', { name }),
    async close() {
      await publisher.close();
      await connection.close();
    },
  };
}

/** Direct reads of the example's schema, to check effects. */
export function exampleDb(env: TestEnv): Knex {
  return knex({
    client: 'pg',
    connection: env.databaseUrl,
    searchPath: ['example'],
    pool: { min: 0, max: 3 },
  });
}

export async function countGreetings(db: Knex, name?: string): Promise<number> {
  const query = db.withSchema('example').table('greetings');
  if (name !== undefined) void query.where({ name });
  const [row] = await query.count<{ n: string }[]>({ n: '*' });
  return Number(row?.n ?? 0);
}

export async function countGreetedLog(db: Knex): Promise<number> {
  const [row] = await db.withSchema('example').table('greeted_log').count<{ n: string }[]>({ n: '*' });
  return Number(row?.n ?? 0);
}
